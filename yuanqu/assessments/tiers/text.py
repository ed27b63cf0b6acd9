"""How the engine writes numbers and sentences (every sentence through gettext)."""

from __future__ import annotations

from contextvars import ContextVar
from decimal import Decimal

from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_noop as N_

# The engine writes hundreds of sentences per firm; Django's gettext costs ~10 µs a call (thread-
# local lookups), so translations are memoised per language, the language read once per firm.
LANGUAGE: ContextVar[str | None] = ContextVar("tier_language", default=None)
_MEMO: dict[str | None, dict[str, str]] = {}


def _table() -> dict:
    lang = LANGUAGE.get() or get_language()
    table = _MEMO.get(lang)
    if table is None:
        table = _MEMO[lang] = {}
    return table


def tr(msgid: str) -> str:
    """gettext, memoised per language (the engine's `_`)."""
    table = _table()
    found = table.get(msgid)
    if found is None:
        found = table[msgid] = gettext(msgid)
    return found


def cached(key: tuple, make) -> str:
    """A sentence that depends only on the language and `key` (a tuple), built once per language."""
    table = _table()
    found = table.get(key)
    if found is None:
        found = table[key] = make()
    return found


_ = tr

DEBT_RATIO = N_("debt ratio (total liabilities / total assets)")
RD_INTENSITY = N_("R&D intensity (R&D expense / operating revenue)")
NET_MARGIN = N_("net profit margin (net profit / operating revenue)")
INDICATOR_LABELS = {
    "revenue": "operating revenue",
    "main_business_revenue": "main business revenue",
    "total_profit": "total profit",
    "rd_expense": "R&D expense",
    "employees": "employees",
    "rd_staff": "R&D staff",
    "total_assets": "total assets",
    "total_liabilities": "total liabilities",
    "invention_patents": "invention patents",
    "class1_ip": "class I IP",
    "class2_ip": "class II IP",
    "equity_financing": "equity financing",
}


def label(name: str) -> str:
    """The Chinese name of an annual indicator."""
    return _(INDICATOR_LABELS.get(name, name))


def num(value, places: int = 2) -> str:
    """1850 → "1,850"; 2.10 → "2.1": thousands separators, trailing zeros dropped."""
    if isinstance(value, int):
        return f"{value:,}"
    text = f"{value:,.{places}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def wan(value) -> str:
    return _("%(n)s (10k yuan)") % {"n": num(value)}


def pct(value) -> str:
    return f"{num(value)}%"


def items(value) -> str:
    return _("%(n)s items") % {"n": num(value)}


def years(value) -> str:
    return _("%(n)s years") % {"n": num(value)}


def points(value) -> str:
    return _("%(n)s points") % {"n": num(value)}


def missing(name: str, year: int | None = None) -> str:
    if year is None:
        return _("No %(name)s") % {"name": name}
    return _("No %(name)s for %(year)s") % {"name": name, "year": year}


def short_pct(name, value, target) -> str:
    """研发费用占营业收入比重 2.1%，还差 0.9 个百分点（需达到 3%）."""
    return _("%(name)s %(value)s, %(gap)s percentage points short (needs %(target)s)") % {
        "name": name, "value": pct(value), "gap": num(Decimal(target) - value), "target": pct(target)}


def over_pct(name, value, target, *, strict=False) -> str:
    if strict:
        return _("%(name)s %(value)s, must be below %(target)s") % {
            "name": name, "value": pct(value), "target": pct(target)}
    return _("%(name)s %(value)s, must be at most %(target)s: %(gap)s percentage points too high") % {
        "name": name, "value": pct(value), "target": pct(target), "gap": num(value - Decimal(target))}


def short(name, value, target, fmt) -> str:
    """主营业务收入 1,850 万元，距 2,000 万元还差 150 万元."""
    return _("%(name)s %(value)s, %(gap)s short of %(target)s") % {
        "name": name, "value": fmt(value), "target": fmt(target), "gap": fmt(Decimal(target) - value)}


def next_band(name, value_text, target_text, extra) -> str:
    return _("%(name)s %(value)s; reaching %(target)s adds %(points)s points") % {
        "name": name, "value": value_text, "target": target_text, "points": num(extra)}


def at_least(value_text) -> str:
    return _("%(v)s and above") % {"v": value_text}


def at_most(value_text) -> str:
    return _("%(v)s and below") % {"v": value_text}


def band(code: str, span: str) -> str:
    """"A（5%以上）"."""
    return _("%(code)s (%(span)s)") % {"code": code, "span": span}


def in_year(name: str, year: int) -> str:
    """"2024 年研发费用占营业收入比重"."""
    return _("%(name)s in %(year)s") % {"name": name, "year": year}
