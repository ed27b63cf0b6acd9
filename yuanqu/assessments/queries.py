"""Read side of the tier part: a firm's facts and its tier results, through the firm's visibility."""

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from yuanqu.enterprises.models import Enterprise
from yuanqu.enterprises.queries import get_enterprise_for_user

from .loading import firm_years
from .models_facts import EnterpriseFacts
from .tiers import TierResult, assess_firm

FIRST_YEAR = 1990


def check_year(year: int, *, location: str = "path") -> int:
    """A year the platform can hold figures for: 1990 up to this year; otherwise 422."""
    if not FIRST_YEAR <= year <= timezone.localdate().year:
        exc = ValidationError({"year": _("The year must be between %(first)s and %(last)s.") % {
            "first": FIRST_YEAR, "last": timezone.localdate().year}})
        exc.location = location
        raise exc
    return year


def get_facts(ent: Enterprise, year: int) -> EnterpriseFacts | None:
    """The firm's facts for `year`, or None when none were recorded."""
    return EnterpriseFacts.objects.filter(enterprise=ent, year=year).first()


def get_firm_for_facts(user, ent_id, *, write=False) -> Enterprise:
    """The firm whose facts `user` reads (or writes): 404 if invisible or missing, 403 if read-only."""
    return get_enterprise_for_user(user, ent_id, write=write)


def tier_results(enterprise: Enterprise, year: int, *, on=None, review=False) -> list[TierResult]:
    """Every tier and rule version for the firm, the 上年度 being `year` (four queries)."""
    firm = firm_years(Enterprise.objects.filter(pk=enterprise.pk), year)[enterprise.pk]
    return assess_firm(firm, on=on, review=review)


def latest_year(enterprise: Enterprise) -> int:
    """The newest year with indicators, or last year: the default 上年度 of the pages."""
    year = enterprise.indicators.order_by("-year").values_list("year", flat=True).first()
    return year or timezone.localdate().year - 1
