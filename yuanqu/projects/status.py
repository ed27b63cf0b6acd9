"""Status colours of milestones and projects, and the monthly ranking with its flags (pure).

Colour of a milestone (also in docs/scheduling.md):
- finished (an actual finish) → green;
- unfinished and today after its planned finish → red (overdue);
- otherwise slip = working days from the planned finish to the forecast finish (0 if not later):
  0 → green, 1 … TOLERANCE_DAYS → yellow (lagging), more → red.
A project's colour is the worst of its milestones' (green when it has none).

Monthly ranking (月度排名): score = 60 × share of this month's planned milestones finished
+ 40 × investment completion (invested this year ÷ the annual plan pro rata to the month, at most 1)
− 5 per overdue milestone (at most 30), floored at 0. A part with nothing to measure (no milestone
due this month, no annual plan) drops out and the other part is scaled to 100; with neither, the
base is 100. Order: score, then colour (green first), overdue milestones, longest overdue, name, id.
Red flag (红旗): the best `red_flags` projects that are green with a score ≥ `red_threshold`.
Black flag (黑旗): counting from the bottom, up to `black_flags` red projects with a milestone
overdue more than `black_overdue_days` working days.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext as _

from yuanqu.calendar.workdays import WorkCalendar

from .schedule import working_days_between

GREEN, YELLOW, RED = "green", "yellow", "red"
TOLERANCE_DAYS = 5  # working days a milestone may slip before it turns red
_WORST = {GREEN: 0, YELLOW: 1, RED: 2}

MILESTONE_WEIGHT, INVESTMENT_WEIGHT = 60, 40
OVERDUE_PENALTY, OVERDUE_PENALTY_CAP = 5, 30
RED_FLAGS, RED_THRESHOLD = 3, 85
BLACK_FLAGS, BLACK_OVERDUE_DAYS = 3, 20
RED_FLAG, BLACK_FLAG = "red", "black"


def milestone_health(*, planned_finish: date | None, forecast_finish: date | None,
                     actual_finish: date | None, today: date, cal: WorkCalendar,
                     tolerance: int = TOLERANCE_DAYS) -> str:
    """green / yellow / red by the rules in the module notes; unplanned milestones are green."""
    if actual_finish is not None or planned_finish is None:
        return GREEN
    if today > planned_finish:
        return RED
    slip = 0
    if forecast_finish is not None and forecast_finish > planned_finish:
        slip = working_days_between(cal, planned_finish, forecast_finish)
    if slip == 0:
        return GREEN
    return YELLOW if slip <= tolerance else RED


def project_health(healths: Iterable[str]) -> str:
    """The worst colour (green for a project without milestones)."""
    return max(healths, key=_WORST.__getitem__, default=GREEN)


@dataclass(frozen=True)
class RankRow:
    """What the ranking reads about one project for one month (the caller gathers it)."""

    project_id: int
    name: str
    health: str
    planned_this_month: int = 0  # milestones with a planned finish in the month
    finished_this_month: int = 0  # of those, finished (by the end of the month)
    invested_ytd: Decimal = Decimal(0)  # invested this year up to the month, 万元
    annual_plan: Decimal | None = None  # the year's planned investment, 万元
    overdue_milestones: int = 0  # unfinished milestones past their planned finish
    max_overdue_days: int = 0  # working days the most overdue one is late


@dataclass(frozen=True)
class Ranked:
    """A row of the ranking: position (1 = best), score, flag ("red", "black" or None), reason."""

    row: RankRow
    position: int
    score: float
    flag: str | None
    reason: str


def _investment_due(row: RankRow, month_of_year: int) -> Decimal | None:
    if not row.annual_plan:
        return None
    return Decimal(row.annual_plan) * month_of_year / 12


def score(row: RankRow, *, month_of_year: int = 12) -> float:
    """The row's score, 0–100 (module notes)."""
    parts = []
    if row.planned_this_month:
        parts.append((MILESTONE_WEIGHT, min(row.finished_this_month / row.planned_this_month, 1.0)))
    due = _investment_due(row, month_of_year)
    if due:
        parts.append((INVESTMENT_WEIGHT, min(float(Decimal(row.invested_ytd) / due), 1.0)))
    weight = sum(w for w, _rate in parts)
    base = 100 * sum(w * rate for w, rate in parts) / weight if weight else 100.0
    penalty = min(OVERDUE_PENALTY * row.overdue_milestones, OVERDUE_PENALTY_CAP)
    return round(max(base - penalty, 0.0), 1)


def _order_key(item: tuple[float, RankRow]):
    value, row = item
    return (-value, _WORST.get(row.health, 2), row.overdue_milestones, row.max_overdue_days, row.name,
            row.project_id)


def _flags(ordered: list[tuple[float, RankRow]], *, red_flags, red_threshold, black_flags,
           black_overdue_days) -> dict[int, str]:
    flags: dict[int, str] = {}
    reds = [i for i, (v, r) in enumerate(ordered) if r.health == GREEN and v >= red_threshold]
    flags.update({i: RED_FLAG for i in reds[:red_flags]})
    blacks = [i for i in reversed(range(len(ordered)))
              if ordered[i][1].health == RED and ordered[i][1].max_overdue_days > black_overdue_days]
    flags.update({i: BLACK_FLAG for i in blacks[:black_flags] if i not in flags})
    return flags


def monthly_ranking(rows: Sequence[RankRow], *, month_of_year: int = 12, red_flags: int = RED_FLAGS,
                    red_threshold: float = RED_THRESHOLD, black_flags: int = BLACK_FLAGS,
                    black_overdue_days: int = BLACK_OVERDUE_DAYS) -> list[Ranked]:
    """Rank the projects of a month, best first, with red and black flags and a reason each."""
    ordered = sorted(((score(r, month_of_year=month_of_year), r) for r in rows), key=_order_key)
    flags = _flags(ordered, red_flags=red_flags, red_threshold=red_threshold, black_flags=black_flags,
                   black_overdue_days=black_overdue_days)
    return [Ranked(row=r, position=i + 1, score=v, flag=flags.get(i),
                   reason=reason(r, flags.get(i), month_of_year=month_of_year, red_threshold=red_threshold,
                                 black_overdue_days=black_overdue_days))
            for i, (v, r) in enumerate(ordered)]


def _money(value) -> str:
    return f"{Decimal(value):,.0f}"


def reason(row: RankRow, flag: str | None, *, month_of_year: int = 12, red_threshold: float = RED_THRESHOLD,
           black_overdue_days: int = BLACK_OVERDUE_DAYS) -> str:
    """Why the row scored what it did, in the user's language (Chinese)."""
    parts = []
    if row.planned_this_month:
        parts.append(_("%(done)d of %(planned)d milestones due this month finished")
                     % {"done": row.finished_this_month, "planned": row.planned_this_month})
    else:
        parts.append(_("no milestone due this month"))
    due = _investment_due(row, month_of_year)
    if due:
        parts.append(_("invested %(done)s of %(due)s (10k yuan) due by this month (%(rate)d%%)")
                     % {"done": _money(row.invested_ytd), "due": _money(due),
                        "rate": int(100 * Decimal(row.invested_ytd) / due)})
    else:
        parts.append(_("no investment plan for the year"))
    if row.overdue_milestones:
        parts.append(_("%(n)d milestones overdue, the longest by %(days)d working days")
                     % {"n": row.overdue_milestones, "days": row.max_overdue_days})
    if flag == RED_FLAG:
        parts.append(_("red flag: on track with a score of at least %(bar)s") % {"bar": red_threshold})
    elif flag == BLACK_FLAG:
        parts.append(_("black flag: a milestone overdue more than %(days)d working days")
                     % {"days": black_overdue_days})
    return "；".join(parts)
