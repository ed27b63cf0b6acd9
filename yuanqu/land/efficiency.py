"""Per-亩 efficiency (亩均效益) of an occupied plot's firm (pure, no database).

Tax and revenue per 亩 = the firm's year figure (万元) ÷ its land area (亩), compared with the park's
thresholds. A plot is a low-efficiency candidate when either figure is below its threshold; when
the tax, the revenue or the area is missing it is not flagged and the reason says what is missing.
The land module's `flag_low_efficiency` feeds this from AnnualIndicator; the assessments app
(per-亩 evaluation) can call the same function so both agree.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

CENT = Decimal("0.01")


@dataclass(frozen=True)
class Efficiency:
    """The figures per 亩 (None when they cannot be computed), the flag and its reason in Chinese."""

    tax_per_mu: Decimal | None
    revenue_per_mu: Decimal | None
    flagged: bool
    reason: str
    assessed: bool = True


def per_mu(amount, area_mu) -> Decimal | None:
    """`amount` ÷ `area_mu`, to 0.01; None when either is missing or the area is not positive."""
    if amount is None or area_mu is None or Decimal(area_mu) <= 0:
        return None
    return (Decimal(amount) / Decimal(area_mu)).quantize(CENT, rounding=ROUND_HALF_UP)


def number(value) -> str:
    """1200 → 「1,200」, 8.20 → 「8.2」: the way park reports print amounts."""
    text = f"{Decimal(value):,.2f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _missing(tax, revenue, area_mu) -> list[str]:
    items = []
    if tax is None:
        items.append(_("tax paid"))
    if revenue is None:
        items.append(_("operating revenue"))
    if area_mu is None or Decimal(area_mu) <= 0:
        items.append(_("land area"))
    return items


def assess(*, year, tax, revenue, area_mu, min_tax, min_revenue) -> Efficiency:
    """Compare the firm's tax and revenue per 亩 in `year` with the park's thresholds (万元/亩)."""
    missing = _missing(tax, revenue, area_mu)
    if missing:
        reason = _("No %(year)s data for %(items)s: not assessed") % {
            "year": year, "items": "、".join(missing)}
        return Efficiency(per_mu(tax, area_mu), per_mu(revenue, area_mu), False, reason, assessed=False)
    tax_mu, revenue_mu = per_mu(tax, area_mu), per_mu(revenue, area_mu)
    below = []
    if tax_mu < Decimal(min_tax):
        below.append(_("tax per mu %(value)s (10k yuan), below the park's standard of %(min)s")
                     % {"value": number(tax_mu), "min": number(min_tax)})
    if revenue_mu < Decimal(min_revenue):
        below.append(_("revenue per mu %(value)s (10k yuan), below the park's standard of %(min)s")
                     % {"value": number(revenue_mu), "min": number(min_revenue)})
    if below:
        return Efficiency(tax_mu, revenue_mu, True, "；".join(below))
    return Efficiency(tax_mu, revenue_mu, False, _(
        "meets the park's standards (tax per mu %(tax)s, revenue per mu %(revenue)s, 10k yuan)")
        % {"tax": number(tax_mu), "revenue": number(revenue_mu)})
