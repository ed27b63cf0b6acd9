"""规模以上 (规上/限上, "四上") under 国统字〔2010〕87号, from 2011 (rules-criteria.md §2.2, ✔).

The headline rule is industry: 年主营业务收入 ≥ 2000 万元 for an industrial legal unit (门类 B, C, D:
大类 06-46). The same source table gives the other "四上" sectors; a firm is judged by its
GB/T 4754-2017 大类. 建筑业 (资质) and 房地产开发经营 (any development activity) are not judged by a
revenue figure; agriculture, finance and public bodies are outside the "四上" statistics."""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext_noop as N_

from . import text
from .base import FirmYear, RuleSet, TierResult
from .logic import UNKNOWN, Cond
from .sheet import Sheet
from .text import tr as _

VERSION = "nbs-2011"
MAIN, REVENUE = "main_business_revenue", "revenue"

# (first 大类, last 大类, sector msgid, indicator, threshold 万元); None threshold: not by revenue.
SECTORS = (
    (6, 46, N_("industry (divisions 06-46)"), MAIN, 2000),
    (47, 50, N_("construction (judged by contracting qualification)"), None, None),
    (51, 51, N_("wholesale (division 51)"), MAIN, 2000),
    (52, 52, N_("retail (division 52)"), MAIN, 500),
    (53, 60, N_("transport, storage and post"), REVENUE, 2000),
    (61, 62, N_("accommodation and catering"), MAIN, 200),
    (63, 65, N_("information transmission, software and IT services"), REVENUE, 2000),
    (70, 70, N_("real estate (other than development)"), REVENUE, 1000),
    (71, 72, N_("leasing and business services"), REVENUE, 1000),
    (73, 75, N_("scientific research and technical services"), REVENUE, 1000),
    (76, 79, N_("water, environment and public facilities management"), REVENUE, 2000),
    (80, 82, N_("resident, repair and other services"), REVENUE, 500),
    (83, 83, N_("education (division 83)"), REVENUE, 1000),
    (84, 84, N_("health (division 84)"), REVENUE, 2000),
    (85, 85, N_("social work (division 85)"), REVENUE, 500),
    (86, 90, N_("culture, sports and entertainment"), REVENUE, 500),
)
REAL_ESTATE_DEVELOPMENT = "7010"


def sector(code: str | None):
    """The "四上" row for a GB/T 4754 code, "development" for 7010, or None outside the statistics."""
    if not code or not code[:2].isdigit():
        return "unknown"
    if code.startswith(REAL_ESTATE_DEVELOPMENT):
        return "development"
    division = int(code[:2])
    return next((row for row in SECTORS if row[0] <= division <= row[1]), None)


def evaluate(firm: FirmYear) -> TierResult:
    s = Sheet(firm, "above_scale", VERSION, verified=True)
    row = sector(firm.industry_code)
    if row == "unknown":
        s.miss(text.missing(_("industry code")))
        s.require(UNKNOWN)
    elif row == "development":
        s.note(_("Real-estate developers count as above designated size with any development activity"))
        s.require(UNKNOWN)
    elif row is None:
        s.require(Cond(False, 0.0, (_("The industry is outside the above-designated-size statistics"),)))
    elif row[3] is None:
        s.note(_("Sector: %(s)s; not judged by a revenue threshold") % {"s": _(row[2])})
        s.require(UNKNOWN)
    else:
        threshold(s, row)
    return s.result()


def threshold(s: Sheet, row) -> None:
    _first, _last, name, field, floor = row
    value = s.ind(field)
    band = _("%(sector)s: %(field)s of %(floor)s and above") % {
        "sector": _(name), "field": text.label(field), "floor": text.wan(floor)}
    s.info(text.label(field), None if value is None else text.wan(value), band)
    s.require(s.at_least(text.label(field), value, floor))


RULESET = RuleSet("above_scale", VERSION, date(2011, 1, 1), None, True, evaluate,
                  source="国统字〔2010〕87号")
