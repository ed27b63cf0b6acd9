"""Match a land need to the park's available plots, with a 0–100 score and a reason per criterion.

`score_plot` is pure (tested without a database). Points per criterion (100 in all):

- area (30): full within the need's range (≥ the minimum when there is no maximum); falls with
  the relative gap, 0 at 50 % off.
- use (20): the plot's use is the need's, else 0.
- infrastructure (20): the share of the required items present (full when none is required).
- budget (15): full when budget ≥ price per 亩 × area (or no budget); else budget ÷ cost; half
  when the plot has no listed price.
- timing (10): full when available by the date needed (or no date); −1/180 per day late.
- plot ratio (5): full when the plot's maximum allows the ratio needed (or none is needed); 0
  below it; half when the plot has no limit on record.

Available plots: idle, low-efficiency, being revitalised or reserve, without a finished plan.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext as _

from .efficiency import number
from .models import INFRASTRUCTURE, DisposalPlan, LandUse, PlanStatus, Plot, PlotStatus

AVAILABLE = [PlotStatus.IDLE, PlotStatus.LOW_EFFICIENCY, PlotStatus.REVITALISING, PlotStatus.RESERVE]
WEIGHTS = {"area": 30, "use": 20, "infrastructure": 20, "budget": 15, "timing": 10, "ratio": 5}
LATE_DAYS_TO_ZERO = 180
ITEMS = [key.removeprefix("has_") for key in INFRASTRUCTURE]


@dataclass(frozen=True)
class Reason:
    """One criterion's verdict: its points out of its weight and a Chinese sentence."""

    criterion: str
    points: float
    weight: int
    text: str

    @property
    def ok(self) -> bool:
        return self.points >= self.weight


@dataclass(frozen=True)
class PlotMatch:
    plot: object
    score: int
    reasons: list


def _area(need, plot) -> tuple[float, str]:
    low, high, area = Decimal(need.min_area_mu), need.max_area_mu, Decimal(plot.area_mu)
    wanted = f"{number(low)}–{number(high)}" if high is not None else f"≥ {number(low)}"
    values = {"area": number(area), "wanted": wanted}
    if area < low:
        gap = (low - area) / low
        return max(0.0, 1 - 2 * float(gap)), _("Area %(area)s mu, below the %(wanted)s mu needed") % values
    if high is not None and area > high:
        gap = (area - high) / high
        return max(0.0, 1 - 2 * float(gap)), _("Area %(area)s mu, above the %(wanted)s mu needed") % values
    return 1.0, _("Area %(area)s mu, within the %(wanted)s mu needed") % values


def _use(need, plot, use_labels) -> tuple[float, str]:
    if need.use == plot.use:
        return 1.0, _("Use: %(use)s, as needed") % {"use": use_labels.get(plot.use, plot.use)}
    return 0.0, _("Use: %(use)s, %(wanted)s needed") % {
        "use": use_labels.get(plot.use, plot.use), "wanted": use_labels.get(need.use, need.use)}


def _infrastructure(need, plot) -> tuple[float, str]:
    required = [item for item in ITEMS if getattr(need, f"needs_{item}")]
    if not required:
        return 1.0, _("No infrastructure required")
    missing = [item for item in required if not getattr(plot, f"has_{item}")]
    names = {item: str(INFRASTRUCTURE[f"has_{item}"]) for item in ITEMS}
    if not missing:
        return 1.0, _("Has %(items)s") % {"items": "、".join(names[i] for i in required)}
    share = (len(required) - len(missing)) / len(required)
    return share, _("Lacks %(items)s") % {"items": "、".join(names[i] for i in missing)}


def _budget(need, plot) -> tuple[float, str]:
    if need.budget is None:
        return 1.0, _("No budget given")
    if plot.price_per_mu is None:
        return 0.5, _("The plot has no listed price yet")
    cost = Decimal(plot.price_per_mu) * Decimal(plot.area_mu)
    values = {"budget": number(need.budget), "cost": number(cost)}
    if need.budget >= cost:
        return 1.0, _("Budget %(budget)s (10k yuan) ≥ listed price × area %(cost)s") % values
    return float(Decimal(need.budget) / cost), _("Budget %(budget)s (10k yuan) < listed price × area "
                                                  "%(cost)s") % values


def _timing(need, plot, today) -> tuple[float, str]:
    available = plot.available_on or today
    if need.needed_by is None:
        return 1.0, _("No date needed by")
    values = {"available": available.isoformat(), "needed": need.needed_by.isoformat()}
    late = (available - need.needed_by).days
    if late <= 0:
        return 1.0, _("Available from %(available)s, before %(needed)s as needed") % values
    return max(0.0, 1 - late / LATE_DAYS_TO_ZERO), \
        _("Available from %(available)s, %(days)d days after %(needed)s") % {**values, "days": late}


def _ratio(need, plot) -> tuple[float, str]:
    if need.min_plot_ratio is None:
        return 1.0, _("No plot ratio required")
    if plot.plot_ratio_max is None:
        return 0.5, _("The plot has no plot-ratio limit on record")
    values = {"max": number(plot.plot_ratio_max), "need": number(need.min_plot_ratio)}
    if plot.plot_ratio_max >= need.min_plot_ratio:
        return 1.0, _("Plot ratio up to %(max)s ≥ %(need)s needed") % values
    return 0.0, _("Plot ratio up to %(max)s < %(need)s needed") % values


def score_plot(need, plot, *, today: date, use_labels=None) -> tuple[int, list[Reason]]:
    """(0–100, reasons) for `plot` against `need`; both are plain objects with the models' fields."""
    labels = use_labels or {}
    parts = {"area": _area(need, plot), "use": _use(need, plot, labels),
             "infrastructure": _infrastructure(need, plot), "budget": _budget(need, plot),
             "timing": _timing(need, plot, today), "ratio": _ratio(need, plot)}
    reasons = [Reason(key, round(share * WEIGHTS[key], 1), WEIGHTS[key], text)
               for key, (share, text) in parts.items()]
    return round(sum(r.points for r in reasons)), reasons


def available_plots(park):
    """Plots of `park` that can still be offered (never one whose plan is finished)."""
    done = DisposalPlan.objects.filter(status=PlanStatus.DONE).values("plot_id")
    return Plot.objects.filter(park=park, status__in=AVAILABLE).exclude(pk__in=done)


def match_need(need, *, today: date, limit=20) -> list[PlotMatch]:
    """The park's available plots ranked for `need` (best first; ties: the closer area first)."""
    labels = {k: str(v) for k, v in LandUse.choices}
    found = []
    for plot in available_plots(need.park_id).select_related("occupant"):
        score, reasons = score_plot(need, plot, today=today, use_labels=labels)
        found.append(PlotMatch(plot, score, reasons))
    target = Decimal(need.min_area_mu)
    found.sort(key=lambda m: (-m.score, abs(Decimal(m.plot.area_mu) - target), m.plot.code))
    return found[:limit]
