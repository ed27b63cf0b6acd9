"""Read side of the cultivation pool: the candidate lists (from the tier engine), plans, recognitions
and the park's yearly figures. Every read starts from the tenancy helper."""

import gc
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from yuanqu.accounts.permissions import is_enterprise_user, is_grid_worker, is_staff_member
from yuanqu.core.tenancy import restrict_to_parks
from yuanqu.enterprises.models import Qualification, Status
from yuanqu.enterprises.permissions import member_enterprise_id
from yuanqu.enterprises.queries import visible_enterprises

from .loading import firm_years
from .models_cultivation import (
    OPEN_ACTION_STATUSES,
    QUALIFICATION_OF,
    ActionStatus,
    CultivationPlan,
    PlanStatus,
    Recognition,
    Tier,
)
from .permissions import can_see_pool, can_work_on_plan
from .pool import FirmRow, build_pool
from .queries import tier_results
from .tiers import assess_many, rulesets

# ---- the pool ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PoolFilters:
    """What the pool page, its export and the API narrow the firms by."""

    year: int
    tiers: tuple[str, ...] = ()
    industry: str = ""  # a section letter or a code prefix, as on the firm list
    grid_id: int | None = None
    park_id: int | None = None
    missing: bool | None = None
    version: str = ""
    on: date | None = None  # the day whose rules and titles count (default: today)

    def day(self) -> date:
        return self.on or timezone.localdate()


def default_year() -> int:
    """The 上年度 of an application made today."""
    return timezone.localdate().year - 1


def pool_firms(user, filters: PoolFilters):
    """The operating firms of the pool's scope (the user's visible firms, filtered)."""
    qs = visible_enterprises(user).filter(status=Status.ACTIVE)
    code = filters.industry.strip().upper()
    if code:
        by_code = {"industry__section": code[:1]} if code.isalpha() else {"industry__code__startswith": code}
        qs = qs.filter(**by_code)
    if filters.grid_id:
        qs = qs.filter(grid_id=filters.grid_id)
    if filters.park_id:
        qs = qs.filter(park_id=filters.park_id)
    return qs


def assess_park(enterprises, year: int) -> dict[int, list]:
    """Every firm's tier results for `year` (上年度): each tier under every rule version that applies
    to applications in `year + 1`, from the tier engine."""
    return assess_many(firm_years(enterprises, year))


def versions_in_force(year: int, on: date) -> dict[str, str]:
    """tier → the rule version in force on `on` (for older figures: at the end of their application
    year), which the pool shows unless another is asked for."""
    chosen: dict[str, str] = {}
    for rules in rulesets(on=min(on, date(year + 1, 12, 31))):
        chosen.setdefault(rules.tier, rules.version)
    return chosen


def firm_results(enterprise, year: int) -> list:
    """One firm's tier results for `year` (the tier engine's read for a single firm)."""
    return tier_results(enterprise, year)


def _firm_rows(qs) -> dict[int, FirmRow]:
    rows = qs.order_by("name", "id").values_list("id", "name", "industry__name", "grid__name", "park__name")
    return {row[0]: FirmRow(row[0], row[1], *(text or "" for text in row[2:])) for row in rows}


def held_titles(enterprises, on: date) -> dict[int, dict[str, str]]:
    """firm id → {tier: how it holds the title}: a current registry qualification or a recognition
    still in its term (two queries)."""
    kinds = {kind: tier for tier, kind in QUALIFICATION_OF.items()}
    held: dict[int, dict[str, str]] = {}
    current = Qualification.objects.filter(
        Q(expires_on__isnull=True) | Q(expires_on__gte=on), granted_on__lte=on, enterprise__in=enterprises,
        kind__in=kinds)
    for firm_id, kind, granted in current.values_list("enterprise_id", "kind", "granted_on"):
        held.setdefault(firm_id, {})[kinds[kind]] = _("Holds the title since %(day)s") % {"day": granted}
    recs = Recognition.objects.filter(enterprise__in=enterprises, recognised_on__lte=on)
    for firm_id, tier, year, day in recs.order_by("recognised_on").values_list(
            "enterprise_id", "tier", "year", "recognised_on"):
        if _in_term(tier, day, on):
            held.setdefault(firm_id, {})[tier] = _("Recognised in %(year)d") % {"year": year}
    return held


def _in_term(tier: str, day: date, on: date) -> bool:
    expires = Recognition(tier=tier, recognised_on=day).expires_on()
    return expires is None or on <= expires


def open_plans(enterprises) -> dict[tuple[int, str], int]:
    """(firm id, tier) → id of the plan in progress."""
    rows = CultivationPlan.objects.filter(enterprise__in=enterprises, status=PlanStatus.ACTIVE)
    return {(firm, tier): pk for pk, firm, tier in rows.values_list("id", "enterprise_id", "tier")}


@contextmanager
def _collector_paused():
    """The tier results are tens of thousands of small acyclic objects; with the cyclic collector on,
    its passes over them cost more than the pool's own work (10,000 firms: 1.6 s of CPU of the 2 s
    beside the engine)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def pool_for_user(user, filters: PoolFilters):
    """The pool of the firms `user` may see: one TierPool per tier (of `filters.tiers`), in a bounded
    number of queries whatever the number of firms."""
    if not can_see_pool(user):
        raise PermissionDenied
    qs = pool_firms(user, filters)
    with _collector_paused():
        firms = _firm_rows(qs)
        results = assess_park(qs, filters.year) if firms else {}
        return build_pool(firms, results, held_titles(qs, filters.day()), open_plans(qs),
                          tiers=filters.tiers, missing=filters.missing, version=filters.version or None,
                          defaults=versions_in_force(filters.year, filters.day()))


# ---- plans -----------------------------------------------------------------------------------------


def visible_plans(user):
    """Staff and the district: their parks' plans; a grid worker: its grid's firms' plans and those it is
    the officer of; a firm: its own; anyone else none."""
    qs = restrict_to_parks(CultivationPlan.objects.all(), user)
    if is_staff_member(user):
        return qs
    if is_grid_worker(user):
        return qs.filter(Q(enterprise__grid_id=user.grid_id or 0) | Q(officer_id=user.pk))
    if is_enterprise_user(user):
        return qs.filter(enterprise_id=member_enterprise_id(user) or 0)
    return qs.none()


def with_progress(qs, today: date | None = None):
    """Plans annotated with their action counts (for progress and overdue flags), in the same query."""
    today = today or timezone.localdate()
    open_ = Q(actions__status__in=OPEN_ACTION_STATUSES)
    return qs.annotate(
        n_actions=Count("actions", filter=~Q(actions__status=ActionStatus.DROPPED), distinct=True),
        n_done=Count("actions", filter=Q(actions__status=ActionStatus.DONE), distinct=True),
        n_overdue=Count("actions", filter=open_ & Q(actions__due_on__lt=today), distinct=True))


def list_plans(user):
    """The plan list's rows with everything a row shows, in one query."""
    return with_progress(visible_plans(user).select_related("enterprise", "officer", "park"))


def get_plan_for_user(user, pk, *, write=False) -> CultivationPlan:
    """The plan; 404 whether missing or invisible, 403 if visible but not the user's to work on."""
    try:
        plan = list_plans(user).get(pk=pk)
    except (CultivationPlan.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    if write and not can_work_on_plan(user, plan):
        raise PermissionDenied
    return plan


def progress(plan) -> int:
    """Percent of the plan's actions done (dropped ones left out); 0 without actions."""
    total = getattr(plan, "n_actions", None)
    if total is None:
        total = plan.actions.exclude(status=ActionStatus.DROPPED).count()
        done = plan.actions.filter(status=ActionStatus.DONE).count()
    else:
        done = plan.n_done
    return round(100 * done / total) if total else 0


def plan_actions(plan):
    return plan.actions.order_by("due_on", "id")


def plan_notes(plan):
    return plan.notes.select_related("author").order_by("-created_at", "-id")


def officer_choices(park_id):
    """Who may be a plan's service officer: the park's active staff and grid workers."""
    from yuanqu.accounts.models import User
    from yuanqu.accounts.permissions import is_office

    users = User.objects.filter(park_id=park_id, is_active=True).order_by("full_name", "username")
    return [u for u in users if is_office(u)]


# ---- recognitions and yearly figures ----------------------------------------------------------------


def visible_recognitions(user):
    """Recognitions of the firms `user` may see."""
    qs = restrict_to_parks(Recognition.objects.all(), user)
    if is_staff_member(user):
        return qs
    if is_grid_worker(user):
        return qs.filter(enterprise__grid_id=user.grid_id or 0)
    if is_enterprise_user(user):
        return qs.filter(enterprise_id=member_enterprise_id(user) or 0)
    return qs.none()


def list_recognitions(user):
    return visible_recognitions(user).select_related("enterprise", "park", "recorded_by")


def yearly_figures(user, years) -> list[dict]:
    """Per year: new recognitions per tier and the firms holding each title on 31 December (规上 42→44).
    Two queries whatever the number of years."""
    years = sorted(set(years))
    new = dict.fromkeys(((y, t) for y in years for t in Tier.values), 0)
    rows = (visible_recognitions(user).filter(year__in=years).values_list("year", "tier")
            .annotate(n=Count("id")).order_by())
    for year, tier, n in rows:
        new[(year, tier)] = n
    held = _holders(user, years)
    return [{"year": y, "tiers": [{"tier": t, "label": str(Tier(t).label), "recognised": new[(y, t)],
                                   "holders": held[f"h{y}_{t}"]} for t in Tier.values]} for y in years]


def _holders(user, years) -> dict:
    """Firms holding each tier's title at each year end, from the registry's qualifications."""
    firms = visible_enterprises(user)
    counts = {}
    for year in years:
        end = date(year, 12, 31)
        alive = Q(granted_on__lte=end) & (Q(expires_on__isnull=True) | Q(expires_on__gte=end))
        for tier, kind in QUALIFICATION_OF.items():
            counts[f"h{year}_{tier}"] = Count("enterprise", distinct=True, filter=alive & Q(kind=kind))
    if not counts:
        return {}
    return Qualification.objects.filter(enterprise__in=firms).aggregate(**counts)
