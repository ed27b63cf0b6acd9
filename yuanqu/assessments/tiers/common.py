"""What several rule sets share: the basic conditions of the MIIT tiers (§1.0) and the
intellectual-property bands of 附件1/附件2 (§1.4 definitions)."""

from __future__ import annotations

from . import text
from .logic import MET, UNKNOWN, Cond
from .sheet import Sheet
from .text import tr as _

SME_CLASSES = {"medium", "small", "micro"}


def sme(sheet: Sheet) -> Cond:
    """§1.0 (◐): an SME under 工信部联企业〔2011〕300号. The other basic conditions (经营异常,
    失信, accidents, tax evasion, restricted products) are not held by the platform: a note says so."""
    sheet.note(_("Basic conditions not held by the platform (abnormal-operation and dishonesty "
                 "lists, safety, quality and environmental accidents, tax evasion, restricted "
                 "products) must be checked by hand"))
    size = sheet.firm.size_class or None
    if size is None:
        sheet.miss(text.missing(_("size class (SME classification)")))
        return UNKNOWN
    if size in SME_CLASSES:
        return MET
    return Cond(False, 0.0, (_("The firm is classed as large, not a small or medium-sized enterprise"),))


def holds(sheet: Sheet, kinds: set[str], gap: str) -> Cond:
    """A recognition recorded in the registry's qualifications (the registry is the record)."""
    return MET if kinds & sheet.firm.qualifications else Cond(False, 0.0, (gap,))


def ip_band(sheet: Sheet, points: tuple[int, ...]):
    """与主导产品相关的有效知识产权数量: A 高价值Ⅰ类 / B 自主研发Ⅰ类 / C Ⅰ类 / D Ⅱ类 (≥ 1 each) / E none.

    Returns (value text, band text or None, lo, hi): an unknown count leaves a range of points.
    High-value and self-developed IP are kinds of class I IP, so class1_ip = 0 rules them out;
    counts are read in band order, so data a better band makes unnecessary is not asked for."""
    c1 = sheet.ind("class1_ip")
    readers = (
        ("A", _("class I high-value IP"), lambda: 0 if c1 == 0 else sheet.fact("high_value_class1_ip")),
        ("B", _("self-developed class I IP"),
         lambda: 0 if c1 == 0 else sheet.fact("self_developed_class1_ip")),
        ("C", _("class I IP"), lambda: c1),
        ("D", _("class II IP"), lambda: sheet.ind("class2_ip")),
    )
    seen, hi = [], None
    for (code, name, read), pts in zip(readers, points, strict=False):
        count = read()
        seen.append(f"{name} {_dash(count)}")
        if count is None:
            hi = pts if hi is None else hi
        elif count >= 1:
            band = text.band(code, _("%(name)s, 1 or more") % {"name": name})
            return " / ".join(seen), (band if hi is None else None), pts, (pts if hi is None else hi)
    if hi is None:
        return " / ".join(seen), text.band("E", _("no such IP")), points[4], points[4]
    return " / ".join(seen), None, points[4], hi


def _dash(value) -> str:
    return "—" if value is None else text.num(value)


def pick_band(options: dict, value, codes: tuple[str, ...], pts: tuple[int, ...]):
    """A band chosen by a category value (choice facts): (band text, points) or (None, None)."""
    if value is None or value not in options:
        return None, None
    i = list(options).index(value)
    return text.band(codes[i], options[value]), pts[i]


def award_within(sheet: Sheet, levels: dict[str, int]) -> Cond:
    """A science award of one of `levels` ranked within its limit (levels: level -> best rank)."""
    award = sheet.fact("sci_award")
    if award is None:
        return UNKNOWN
    if award not in levels:
        return Cond(False, 0.0)
    rank = sheet.fact("sci_award_rank")
    if rank is None:
        return UNKNOWN
    return MET if rank <= levels[award] else Cond(False, 0.0)
