"""Plausible bounds of the annual indicators, one per field, with the unit users type them in.

A figure outside its bound is a typing slip (an extra 0000, yuan entered as 万元), not a firm:
the limits sit well above the largest firm a district park hosts (a 千亿 group books about
10,000,000 万元 of revenue) so real figures always pass, while slips cannot reach the statistics,
the growth rates and the charts. The model's validators apply them, so forms, the API and the
Excel import refuse the same values with the same message.

| field | bound | unit |
|---|---|---|
| revenue, main business revenue, export value | ≤ 10,000,000 | 万元 (1,000 亿元) |
| total profit | −2,000,000 … 2,000,000 | 万元 |
| tax paid, R&D expense | ≤ 2,000,000 | 万元 |
| total assets, total liabilities | ≤ 20,000,000 | 万元 |
| fixed-asset investment, equity financing | ≤ 5,000,000 | 万元 |
| employees | ≤ 200,000 | 人 |
| R&D staff | ≤ 100,000 (and ≤ employees, Model.clean) | 人 |
| invention patents, class I / class II IP | ≤ 50,000 | 件 |
| land area | ≤ 50,000 | 亩 |
| energy consumption | ≤ 5,000,000 | 吨标煤 |
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

# Units by key (the migration stores the key; the message translates it when raised).
UNITS = {"money": gettext_noop("10k yuan"), "persons": gettext_noop("persons"),
         "items": gettext_noop("items"), "mu": gettext_noop("mu"), "tce": gettext_noop("tce")}


@deconstructible
class Within:
    """A figure's plausible range; the message names the field and its unit (营业收入不能超过 …)."""

    def __init__(self, label, high, unit, low=None):
        self.label, self.high, self.unit, self.low = label, high, unit, low

    def __call__(self, value):
        if value is None:
            return
        if Decimal(value) > self.high:
            raise ValidationError(self._message(_("%(label)s cannot exceed %(limit)s %(unit)s."), self.high),
                                  code="max_value")
        if self.low is not None and Decimal(value) < self.low:
            raise ValidationError(self._message(_("%(label)s cannot be below %(limit)s %(unit)s."), self.low),
                                  code="min_value")

    def _message(self, template, limit):
        return template % {"label": _(str(self.label)), "limit": f"{limit:,}", "unit": _(UNITS[self.unit])}

    def __eq__(self, other):
        return isinstance(other, Within) and \
            (self.label, self.high, self.unit, self.low) == (other.label, other.high, other.unit, other.low)


# (upper bound, unit key, lower bound or None) of each indicator field; see the table above.
LIMITS = {
    "revenue": (10_000_000, "money", None),
    "main_business_revenue": (10_000_000, "money", None),
    "total_profit": (2_000_000, "money", -2_000_000),
    "tax_paid": (2_000_000, "money", None),
    "rd_expense": (2_000_000, "money", None),
    "employees": (200_000, "persons", None),
    "rd_staff": (100_000, "persons", None),
    "total_assets": (20_000_000, "money", None),
    "total_liabilities": (20_000_000, "money", None),
    "export_value": (10_000_000, "money", None),
    "fixed_asset_investment": (5_000_000, "money", None),
    "invention_patents": (50_000, "items", None),
    "class1_ip": (50_000, "items", None),
    "class2_ip": (50_000, "items", None),
    "land_area_mu": (50_000, "mu", None),
    "energy_consumption_tce": (5_000_000, "tce", None),
    "equity_financing": (5_000_000, "money", None),
}


def bound(name, label):
    """The validator of indicator field `name` (`label`: its verbose name)."""
    high, unit, low = LIMITS[name]
    return Within(label, high, unit, low)
