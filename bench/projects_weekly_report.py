"""The weekly dispatch for 200 key projects: agenda generation, report assembly, the .docx and the .xlsx.

Builds its own park in a scratch database (SQLite `bench/out/projects_weekly.sqlite3`, wiped at start, or
BENCH_DATABASE_URL): 200 projects × 30 milestones, 12 monthly investments and 20 progress notes each,
60 open problems (demands), an earlier meeting with 100 actions (half still open) and this week's
meeting with 40. Prints time (median of 5 runs and the worst), query counts and file sizes."""

import os
import statistics
import time
from datetime import date, timedelta
from decimal import Decimal

import benchenv

PROJECTS, MILESTONES, NOTES, MONTHS = 200, 30, 20, 12
RUNS = 5
LEVELS = ("city", "district", "park")


def _projects(park, admin, today):
    from yuanqu.projects.models import Project

    health = ["red"] * 30 + ["yellow"] * 50 + ["green"] * 120
    return Project.objects.bulk_create([
        Project(park=park, name=f"重点项目{i:03d}", year=today.year, level=LEVELS[i % 3],
                investor_name="青岛某投资有限公司", total_investment=Decimal(50000 + 100 * i),
                annual_planned_investment=Decimal(10000 + 10 * i), stage="building", health=health[i],
                lead=admin)
        for i in range(PROJECTS)])


def _month(today, back):
    month = (today.month - back - 1) % 12 + 1
    return date(today.year - (back >= today.month), month, 1)


def _tracking(projects, admin, today):
    """30 milestones (older ones done; red and yellow projects late on the recent ones), notes, money."""
    from yuanqu.projects.models import Milestone, MonthlyInvestment, ProgressNote

    milestones, notes, money = [], [], []
    for i, p in enumerate(projects):
        for k in range(MILESTONES):
            planned = today - timedelta(days=200 - 14 * k)
            done = planned < today - timedelta(days=30) or (p.health == "green" and planned < today)
            milestones.append(Milestone(
                project=p, order=k, key=f"m{k}", name=f"节点{k}", duration_days=10, planned_finish=planned,
                forecast_finish=planned + timedelta(days=i % 7), actual_finish=planned if done else None))
        notes += [ProgressNote(project=p, on=today - timedelta(days=n), text=f"第{n}天现场进度正常推进",
                               author=admin) for n in range(NOTES)]
        money += [MonthlyInvestment(project=p, month=_month(today, m), amount=Decimal(300 + m))
                  for m in range(MONTHS)]
    Milestone.objects.bulk_create(milestones, batch_size=2000)
    ProgressNote.objects.bulk_create(notes, batch_size=2000)
    MonthlyInvestment.objects.bulk_create(money, batch_size=2000)


def _problems(park, projects):
    from yuanqu.core.testing.personas import make_enterprise
    from yuanqu.demands.models import Channel, Demand
    from yuanqu.projects.models import ProjectProblem

    firm = make_enterprise(park, n=900001)
    demands = Demand.objects.bulk_create([
        Demand(park=park, number=f"B{n:08d}", enterprise=firm, title=f"项目现场问题{n}",
               text="施工道路未通，请协调。", channel=Channel.PORTAL, status="accepted") for n in range(60)])
    ProjectProblem.objects.bulk_create([ProjectProblem(project=projects[n * 3], demand=d)
                                        for n, d in enumerate(demands)])


def _meetings(park, admin, projects, today):
    from yuanqu.projects.models import Action, Meeting

    earlier = Meeting.objects.create(park=park, held_on=today - timedelta(days=7), title="上周调度会")
    meeting = Meeting.objects.create(park=park, held_on=today, title="本周调度会", minutes="听取汇报。" * 20)
    old = [Action(meeting=earlier, project=projects[n], decision=f"决定{n}", action=f"督办{n}",
                  owner_name="李四", due_on=today - timedelta(days=n % 10), done_on=today if n % 2 else None,
                  result="已办" if n % 2 else "") for n in range(100)]
    new = [Action(meeting=meeting, project=projects[n], decision=f"本周决定{n}", action=f"本周督办{n}",
                  owner=admin, due_on=today + timedelta(days=7)) for n in range(40)]
    Action.objects.bulk_create(old + new)
    return meeting


def build(park, admin):
    today = date.today()
    projects = _projects(park, admin, today)
    _tracking(projects, admin, today)
    _problems(park, projects)
    return _meetings(park, admin, projects, today)


def measure(label, fn, runs=RUNS):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    times, result = [], None
    for _ in range(runs):
        with CaptureQueriesContext(connection) as ctx:
            start = time.perf_counter()
            result = fn()
            times.append((time.perf_counter() - start) * 1000)
    print(f"{label:44s} median {statistics.median(times):8.1f} ms  max {max(times):8.1f} ms  "
          f"queries {len(ctx.captured_queries)}")
    return result


def main():
    os.environ.setdefault("BENCH_DATABASE_URL", f"sqlite:///{benchenv.OUT / 'projects_weekly.sqlite3'}")
    start = time.perf_counter()
    url = benchenv.setup(fresh=True)
    park, admin = benchenv.bench_park()
    meeting = build(park, admin)
    print(f"database: {url.split('://')[0]}; built {PROJECTS} projects × {MILESTONES} milestones, "
          f"{PROJECTS * NOTES} notes, 60 problems, 140 actions in {time.perf_counter() - start:.1f} s")
    from django.test import Client

    from yuanqu.projects import dispatch, dispatch_queries, reporting
    from yuanqu.projects.models import AgendaItem

    first = measure("generate_agenda, first (writes)", lambda: dispatch.generate_agenda(meeting, actor=admin),
                    runs=1)
    measure("generate_agenda again (nothing changed)", lambda: dispatch.generate_agenda(meeting, actor=admin))
    carried = AgendaItem.objects.filter(meeting=meeting, reason="action").count()
    print(f"  agenda items: {len(first)} ({carried} carried actions)")
    report = measure("build_report (assembly)", lambda: dispatch_queries.build_report(meeting))
    docx = measure("build_dispatch_docx", lambda: reporting.build_dispatch_docx(report))
    xlsx = measure("build_ledger_xlsx", lambda: reporting.build_ledger_xlsx(report))
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(admin)
    base = f"/projects/meetings/{meeting.pk}/"
    for label, path in [("GET report.docx (page, end to end)", base + "report.docx"),
                        ("GET ledger.xlsx (page, end to end)", base + "ledger.xlsx"),
                        ("GET meeting page", base)]:
        resp = measure(label, lambda p=path: client.get(p))
        assert resp.status_code == 200, (path, resp.status_code)
    print(f"docx {len(docx) / 1024:.0f} KiB, xlsx {len(xlsx) / 1024:.0f} KiB; report rows: "
          f"{len(report.projects)} projects, {sum(len(p.milestones) for p in report.projects)} milestones, "
          f"{len(report.actions)} + {len(report.carried)} actions")


if __name__ == "__main__":
    main()
