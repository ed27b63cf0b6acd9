"""Backward scheduling and re-planning of 1,000 projects of 30 milestones each (no database).

Each project is a random DAG (seeded): every milestone after the first follows 1–3 earlier ones,
so branches run in parallel; durations 0–60 working days, one in six a 0-day event. The calendar
is the bundled official holidays and 调休 days. Times `schedule.backward` and `schedule.replan`
per project (mean, median, p95; on a busy 2-core machine the p95 shows the processes it
shares the cores with), the whole run, the cold start of the working-day index, and the peak
memory of the run (tracemalloc). Usage: .venv/bin/python bench/projects_schedule.py [PROJECTS]
"""

import os
import random
import statistics
import sys
import time
import tracemalloc
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "yuanqu.settings")

import django  # noqa: E402

django.setup()  # for gettext in the error messages; nothing here touches the database

from yuanqu.calendar.holidays import read  # noqa: E402
from yuanqu.calendar.workdays import WorkCalendar  # noqa: E402
from yuanqu.projects.schedule import Step, backward, replan, workday_index  # noqa: E402

PROJECTS, MILESTONES, SEED = 1000, 30, 20261111


def calendar() -> WorkCalendar:
    days = read()
    return WorkCalendar(holidays=frozenset(d.date for d in days if d.kind == "holiday"),
                        workdays=frozenset(d.date for d in days if d.kind == "workday"))


def project(rng: random.Random) -> tuple[list[Step], date]:
    steps = [Step("m0", "签约", 0)]
    for i in range(1, MILESTONES):
        preds = rng.sample(range(max(0, i - 6), i), k=min(i, rng.randint(1, 3)))
        days = 0 if rng.random() < 1 / 6 else rng.randint(1, 60)
        steps.append(Step(f"m{i}", f"节点{i}", days, tuple(f"m{p}" for p in sorted(preds))))
    rng.shuffle(steps)  # input order is not the dependency order
    return steps, date(2027, 6, 30) + timedelta(days=rng.randint(0, 540))


def actuals(plan, steps, rng: random.Random) -> tuple[dict, date]:
    """Finish the first third (some late), start the next one; today is just after."""
    slots = sorted(plan.slots, key=lambda s: (s.earliest_start, s.key))
    done, today = {}, slots[0].earliest_start
    for slot in slots[: MILESTONES // 3]:
        lag = timedelta(days=rng.choice([0, 0, 2, 9]))
        done[slot.key] = (slot.earliest_start + lag, slot.earliest_finish + lag)
        today = max(today, slot.earliest_finish + lag)
    nxt = slots[MILESTONES // 3]
    done[nxt.key] = (today, None)
    return done, today + timedelta(days=3)


def p95(values):
    return statistics.quantiles(values, n=20)[-1]


def run(work, cal, rng):
    """Schedule and re-plan every project; (backward seconds, replan seconds, critical milestones)."""
    back_t, re_t, critical = [], [], 0
    for steps, target in work:
        t0 = time.perf_counter()
        plan = backward(steps, target, cal)
        t1 = time.perf_counter()
        done, today = actuals(plan, steps, rng)
        t2 = time.perf_counter()
        forecast = replan(steps, done, today, cal)
        t3 = time.perf_counter()
        back_t.append(t1 - t0)
        re_t.append(t3 - t2)
        critical += len(plan.critical_path)
        assert all(s.float_days >= 0 for s in plan.slots) and len(forecast) == MILESTONES
    return back_t, re_t, critical


def main(count: int):
    cal = calendar()
    rng = random.Random(SEED)
    work = [project(rng) for _ in range(count)]
    started = time.perf_counter()
    backward(*work[0], cal)
    cold = time.perf_counter() - started

    total = time.perf_counter()
    back_t, re_t, critical = run(work, cal, random.Random(SEED))
    total = time.perf_counter() - total
    tracemalloc.start()  # a second pass: tracing slows Python several-fold, so it is not timed
    run(work, cal, random.Random(SEED))
    _size, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    idx = workday_index(cal)
    print(f"projects: {count} × {MILESTONES} milestones (seed {SEED}); calendar: {len(cal.holidays)} "
          f"holidays, {len(cal.workdays)} 调休 working days; index covers {len(idx._ord)} working days")
    print(f"cold start (first project, builds the working-day index): {cold * 1000:.1f} ms")
    print(f"total (backward + replan + making the actual dates): {total:.2f} s")
    for name, values in (("backward", back_t), ("replan", re_t)):
        mean, median = statistics.mean(values), statistics.median(values)
        print(f"{name:>8}: total {sum(values):.3f} s; per project mean {mean * 1e3:.3f} ms, "
              f"median {median * 1e3:.3f} ms, p95 {p95(values) * 1e3:.3f} ms")
    print(f"critical milestones per project: {critical / count:.1f}")
    print(f"peak traced memory (second pass): {peak / 2**20:.2f} MiB")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else PROJECTS)
