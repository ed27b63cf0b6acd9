"""FirmYears for the tier engine, for any number of firms in four queries."""

from collections import defaultdict
from datetime import date

from django.db.models import Q
from django.utils import timezone

from yuanqu.enterprises.models import INDICATOR_FIELDS, AnnualIndicator, Qualification

from .models_facts import FACT_NAMES, EnterpriseFacts
from .tiers import FirmYear

EMPTY_FACTS = dict.fromkeys(FACT_NAMES)


def firm_years(enterprises_qs, year: int, *, on: date | None = None) -> dict[int, FirmYear]:
    """{enterprise id: FirmYear} for the 上年度 `year`: indicators of year-2..year, that year's facts
    and the qualifications current on `on` (default today)."""
    ids = enterprises_qs.values("pk")
    indicators = _indicators(ids, year)
    facts = _facts(ids, year)
    quals = _qualifications(ids, on or timezone.localdate())
    rows = enterprises_qs.order_by().values_list("pk", "founded_on", "industry_id", "size_class")
    return {
        pk: FirmYear(year, founded, industry or None, size or None, indicators.get(pk, {}),
                     facts.get(pk, EMPTY_FACTS), frozenset(quals.get(pk, ())))
        for pk, founded, industry, size in rows
    }


def _indicators(ids, year):
    out = defaultdict(dict)
    rows = AnnualIndicator.objects.filter(enterprise__in=ids, year__range=(year - 2, year))
    for values in rows.order_by().values_list("enterprise_id", "year", *INDICATOR_FIELDS):
        out[values[0]][values[1]] = dict(zip(INDICATOR_FIELDS, values[2:], strict=True))
    return out


def _facts(ids, year):
    rows = EnterpriseFacts.objects.filter(enterprise__in=ids, year=year).order_by()
    return {values[0]: dict(zip(FACT_NAMES, values[1:], strict=True))
            for values in rows.values_list("enterprise_id", *FACT_NAMES)}


def _qualifications(ids, on):
    current = Qualification.objects.filter(
        Q(expires_on__isnull=True) | Q(expires_on__gte=on), enterprise__in=ids, granted_on__lte=on)
    out = defaultdict(set)
    for ent_id, kind in current.order_by().values_list("enterprise_id", "kind"):
        out[ent_id].add(kind)
    return out
