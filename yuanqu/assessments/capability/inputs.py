"""One firm's figures for a year, as the scoring reads them, with the data checks applied (pure)."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

SIGNED = frozenset({"total_profit"})  # a loss is a negative profit; every other figure is ≥ 0


@dataclass(frozen=True)
class FirmInput:
    """A firm's indicators for `year` and the year before (None: no row), in 万元 as registered."""

    enterprise_id: int
    name: str
    industry: str | None
    year: int
    current: dict
    previous: dict | None = None
    notes: tuple[str, ...] = field(default=())


def _float(value):
    return value if value is None or type(value) is float else float(value)


def sanitise(values: dict | None, labels: dict) -> tuple[dict | None, list[str]]:
    """Figures as floats; a negative amount or a main-business revenue above revenue is left out
    (reported in the notes), never corrected."""
    if values is None:
        return None, []
    out, notes = {k: _float(v) for k, v in values.items()}, []
    for name, value in out.items():
        if value is not None and value < 0 and name not in SIGNED:
            notes.append(_("%(field)s is negative (%(value)s); left out.") % {
                "field": labels.get(name, name), "value": f"{value:g}"})
            out[name] = None
    main, revenue = out.get("main_business_revenue"), out.get("revenue")
    if main is not None and revenue is not None and main > revenue:
        notes.append(_("Main-business revenue (%(main)s) is above operating revenue (%(revenue)s); "
                       "main-business revenue left out.") % {"main": f"{main:g}", "revenue": f"{revenue:g}"})
        out["main_business_revenue"] = None
    return out, notes


def firm_input(enterprise_id, name, industry, year, current, previous, labels) -> FirmInput:
    """A FirmInput with both years sanitised; the notes speak of the year assessed only."""
    cur, notes = sanitise(current, labels)
    prev, _prev_notes = sanitise(previous, labels)
    return FirmInput(enterprise_id, name, industry, year, cur or {}, prev, tuple(notes))
