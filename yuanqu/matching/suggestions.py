"""The read side of the matching panels: what a demand, a firm profile and an institution's
workbench are offered. Every search goes through `match_for_user`, which keeps only what the user
may see."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError

from yuanqu.demands import permissions as demand_permissions
from yuanqu.demands.models import Demand
from yuanqu.demands.workflow import OPEN

from . import queries
from .engine import Hit
from .models import Kind, Resource
from .permissions import SUPPLY_KINDS, suggestion_kinds
from .semantic import demand_text, resource_text

PANEL_SIZE = 5
# Below 2 % of a perfect match a suggestion shares a stray word, not a need: a panel says "nothing
# found" rather than show it. (Scores are a share of a perfect match, and a long demand is never
# covered whole, so good suggestions for demands score 0.1–0.4.)
MIN_SCORE = 0.02
PROFILE_ITEMS, PROFILE_TOP = 10, 3
INSTITUTION_TOP, INSTITUTION_SERVICES, INSTITUTION_DEMANDS = 20, 20, 30


@dataclass
class Match:
    """One suggestion as a panel shows it."""

    resource: Resource
    hit: Hit
    rank: int = 0
    verdict: bool | None = None  # the viewer's own 采纳 (True) / 不合适 (False)
    introduced: bool = False

    @property
    def bar(self) -> int:
        """The score as a percentage for the small bar (scores outside 0–1 are clamped)."""
        return round(max(0.0, min(1.0, float(self.hit.score))) * 100)

    @property
    def owner(self) -> str:
        if self.resource.owner_id:
            return self.resource.owner.name
        return self.resource.institution.name if self.resource.institution_id else ""


# ---- the search seam -----------------------------------------------------------------------------

MAX_TEXT = 2000  # the matcher refuses longer queries; a long demand is judged by its beginning


def match_for_user(user, text, *, kind="", kinds=(), want="", limit=10, seeker=None) \
        -> list[tuple[Resource, Hit]]:
    """queries.match_for_user for a panel: a text the matcher refuses (empty, punctuation only)
    finds nothing instead of failing the panel."""
    text = (text or "").strip()[:MAX_TEXT]
    if not text:
        return []
    try:
        pairs = queries.match_for_user(user, text, kind=kind, kinds=tuple(kinds), want=want, limit=limit,
                                       seeker=seeker)
    except ValidationError:
        return []
    return [(r, h) for r, h in pairs if h.score >= MIN_SCORE]


# ---- panels --------------------------------------------------------------------------------------

def _ranked(pairs, limit=PANEL_SIZE) -> list[Match]:
    return [Match(r, h, rank) for rank, (r, h) in enumerate(pairs[:limit], start=1)]


def demand_suggestions(user, demand) -> list[Match]:
    """The top resources for a demand (never the demand's own firm's; no needs); a firm user is
    shown services, policies and technologies only."""
    kinds = tuple(k for k in (suggestion_kinds(user) or Kind.values) if k != Kind.NEED)
    pairs = match_for_user(user, demand_text(demand), kinds=kinds, limit=PANEL_SIZE, seeker=demand.enterprise)
    return _ranked(pairs)


def likely_buyers(user, enterprise) -> list[tuple[Resource, list[Match]]]:
    """For each of the firm's products and capabilities (at most 10): other firms' needs it may serve."""
    own = enterprise.resources.filter(is_active=True, kind__in=(Kind.PRODUCT, Kind.CAPABILITY))
    own = own[:PROFILE_ITEMS]
    return [(r, _ranked(match_for_user(user, resource_text(r), kind=Kind.NEED, limit=PROFILE_TOP,
                                       seeker=enterprise), PROFILE_TOP)) for r in own]


def likely_suppliers(user, enterprise) -> list[tuple[Resource, list[Match]]]:
    """For each of the firm's open needs (at most 10): products, capabilities, services and
    technologies of other firms and institutions."""
    needs = enterprise.resources.filter(is_active=True, kind=Kind.NEED)[:PROFILE_ITEMS]
    return [(r, _ranked(match_for_user(user, resource_text(r), kinds=SUPPLY_KINDS, want=Kind.PRODUCT,
                                       limit=PROFILE_TOP, seeker=enterprise), PROFILE_TOP)) for r in needs]


@dataclass
class Servable:
    """A firm's need or demand an institution's service may serve."""

    title: str
    firm: str
    service: Resource
    hit: Hit
    demand: Demand | None = None
    url: str = ""

    @property
    def bar(self) -> int:
        return round(max(0.0, min(1.0, float(self.hit.score))) * 100)


def servable_for_institution(user) -> list[Servable]:
    """Needs, searched from the institution's services (an institution offers a handful of services
    while a park holds hundreds of needs: one search per service finds the needs across the whole
    index), and recent open demands (demands are not in the index, so each of the newest 30 is
    searched against services, keeping the institution's own); best first."""
    services = list(Resource.objects.filter(institution_id=user.institution_id, kind=Kind.SERVICE,
                                            is_active=True)[:INSTITUTION_SERVICES])
    if not services:
        return []
    found = _needs_for(user, services) + _demands_for(user, services)
    return sorted(found, key=lambda s: -s.hit.score)[:INSTITUTION_TOP]


def _needs_for(user, services) -> list[Servable]:
    best = {}
    for service in services:
        for need, hit in match_for_user(user, resource_text(service), kind=Kind.NEED, limit=10):
            if need.pk not in best or hit.score > best[need.pk].hit.score:
                best[need.pk] = Servable(need.title, need.owner.name if need.owner_id else "", service, hit)
    return list(best.values())


def _demands_for(user, services) -> list[Servable]:
    own = {s.pk for s in services}
    demands = (Demand.objects.filter(park_id=user.park_id, status__in=sorted(OPEN))
               .select_related("enterprise").order_by("-created_at")[:INSTITUTION_DEMANDS])
    found = []
    for demand in demands:
        pairs = match_for_user(user, demand_text(demand), kind=Kind.SERVICE, limit=20,
                               seeker=demand.enterprise)
        mine = [(r, h) for r, h in pairs if r.pk in own]
        if mine:
            url = demand.get_absolute_url() if demand_permissions.can_view(user, demand) else ""
            found.append(Servable(demand.title, demand.enterprise.name, mine[0][0], mine[0][1], demand, url))
    return found
