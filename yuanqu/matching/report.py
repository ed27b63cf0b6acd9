"""The 订单撮合 report: every open need of a firm with the other firms' products and capabilities
that match it above a threshold, grouped for a matchmaking meeting, and its .xlsx export.

`group_pairs` and `report_workbook` are pure (tested without a database); `collect_pairs` reads
the park's needs and asks the matcher."""

import io
from dataclasses import dataclass, field
from itertools import groupby

from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

# Scores are 0–1; below this a pair is rarely worth a meeting slot (staff lower it on the page).
DEFAULT_THRESHOLD = 0.3
GROUPINGS = [("firm", _("firm with the need")), ("industry", _("industry"))]
MAX_NEEDS, PER_NEED = 200, 5
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Pair:
    """One need → supply candidate."""

    firm: str
    industry: str
    need: str
    supplier: str
    supply: str
    kind: str
    score: float
    reasons: tuple[str, ...] = ()
    need_id: int = 0
    supply_id: int = 0
    firm_id: int = 0
    supplier_id: int = 0


@dataclass
class Group:
    """The pairs one meeting table discusses: one firm's needs, or one industry's."""

    label: str
    pairs: list[Pair] = field(default_factory=list)

    @property
    def firms(self) -> int:
        return len({p.firm for p in self.pairs} | {p.supplier for p in self.pairs})


def group_pairs(pairs, *, by="firm", threshold=DEFAULT_THRESHOLD) -> list[Group]:
    """Pairs at or above `threshold`, grouped by the need's firm or its industry (groups by name,
    pairs best first within a group)."""
    key = (lambda p: p.firm) if by == "firm" else (lambda p: p.industry or "—")
    kept = sorted((p for p in pairs if p.score >= threshold),
                  key=lambda p: (key(p), -p.score, p.need, p.supplier))
    return [Group(label, list(rows)) for label, rows in groupby(kept, key=key)]


COLUMNS = [  # (header, value of (group, pair), width)
    ("分组", lambda g, p: g.label, 28),
    ("需求企业", lambda g, p: p.firm, 28),
    ("需求", lambda g, p: p.need, 36),
    ("候选供应商", lambda g, p: p.supplier, 28),
    ("产品/能力", lambda g, p: p.supply, 36),
    ("类型", lambda g, p: p.kind, 10),
    ("匹配度", lambda g, p: round(p.score, 3), 8),
    ("匹配理由", lambda g, p: "；".join(p.reasons), 60),
]
SHEET_TITLE = "订单撮合"


def _cell(ws, value, *, bold=False):
    """Text never read as a formula (a need starting with = is text)."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        value = "'" + value
    cell = WriteOnlyCell(ws, value)
    if bold:
        cell.font = Font(bold=True)
    return cell


def report_workbook(groups, *, threshold=DEFAULT_THRESHOLD, park="") -> bytes:
    """The grouped pairs as one sheet: a title row, the headers, one row per pair."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(SHEET_TITLE)
    for letter, (_h, _v, width) in zip("ABCDEFGH", COLUMNS, strict=True):
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = "A3"
    ws.append([_cell(ws, f"{park}订单撮合清单（匹配度 ≥ {threshold:g}）", bold=True)])
    ws.append([_cell(ws, header, bold=True) for header, _v, _w in COLUMNS])
    for group in groups:
        for pair in group.pairs:
            ws.append([_cell(ws, value(group, pair)) for _h, value, _w in COLUMNS])
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def collect_pairs(user) -> list[Pair]:
    """Each open need of a firm the user may see (at most 200) with its top products and
    capabilities of other firms in the same park, scored by the matcher."""
    from yuanqu.core.tenancy import restrict_to_parks

    from .models import Kind, Resource
    from .semantic import resource_text
    from .suggestions import match_for_user

    needs = Resource.objects.filter(kind=Kind.NEED, is_active=True, owner__isnull=False)
    needs = restrict_to_parks(needs, user)
    needs = needs.select_related("owner", "owner__industry", "industry").order_by("owner__name", "pk")
    pairs = []
    for need in needs[:MAX_NEEDS]:
        found = match_for_user(user, resource_text(need), kinds=SUPPLY, want=Kind.PRODUCT, limit=PER_NEED * 3,
                               seeker=need.owner)  # the need's park, never its own firm's resources
        pairs += [_pair(need, s, hit) for s, hit in found if s.owner_id is not None][:PER_NEED]
    return pairs


SUPPLY = ("product", "capability")


def _pair(need, supply, hit) -> Pair:
    industry = need.industry or need.owner.industry
    return Pair(firm=need.owner.name, industry=str(industry) if industry else "", need=need.title,
                supplier=supply.owner.name, supply=supply.title, kind=str(supply.get_kind_display()),
                score=float(hit.score), reasons=tuple(hit.reasons), need_id=need.pk, supply_id=supply.pk,
                firm_id=need.owner_id, supplier_id=supply.owner_id)
