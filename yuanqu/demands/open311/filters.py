"""GET requests' filters mapped onto the demand FilterSet, in the spec's parameter names and messages."""

import re
from datetime import timedelta

from django.core.exceptions import NON_FIELD_ERRORS
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext as _

from ..filters import DemandFilter
from .errors import Open311Error
from .params import csv_param, param

DEFAULT_DAYS = 90
_SPACE_FOR_PLUS = re.compile(r" (\d{2}:?\d{2})$")


def _moment(request, name) -> str:
    return _SPACE_FOR_PLUS.sub(r"+\1", param(request, name))  # an unescaped "+08:00" arrives as " 08:00"


def _state(request) -> list[str]:
    """status: open, closed or both (both filter nothing)."""
    wanted = set(csv_param(request, "status"))
    unknown = wanted - {"open", "closed"}
    if unknown:
        raise Open311Error(400, _("status must be open or closed (got “%(value)s”).") % {
            "value": ",".join(sorted(unknown))})
    return sorted(wanted) if len(wanted) == 1 else []


def filter_data(request) -> QueryDict:
    """The spec's parameters under the FilterSet's names."""
    data = QueryDict(mutable=True)
    data.setlist("state", _state(request))
    data.setlist("category", csv_param(request, "service_code"))
    data["created_from"], data["created_to"] = _moment(request, "start_date"), _moment(request, "end_date")
    return data


def _date_message(name) -> str:
    return _("%(name)s must be an ISO 8601 date and time, e.g. 2026-01-01T00:00:00+08:00.") % {"name": name}


def error_messages(filterset) -> list[str]:
    """The spec's messages for the fields the FilterSet refused."""
    errors, form = filterset.form.errors, filterset.form
    messages = [_date_message(name) for field, name in (("created_from", "start_date"),
                                                       ("created_to", "end_date")) if field in errors]
    if "category" in errors:
        unknown = [c for c in form.data.getlist("category") if not form.fields["category"].valid_value(c)]
        messages.append(_("Unknown service_code “%(code)s”.") % {"code": ",".join(unknown)})
    if NON_FIELD_ERRORS in errors:
        messages.append(_("start_date must not be after end_date."))
    return messages or [_("Invalid value.")]


def filter_requests(qs, request, user):
    """The spec's filters; a service_request_id list overrides all the others.

    Without start_date, only the 90 days before end_date (or now)."""
    numbers = csv_param(request, "service_request_id")
    if numbers:
        return qs.filter(number__in=numbers)
    filterset = DemandFilter(filter_data(request), queryset=qs, request=request, user=user)
    if not filterset.is_valid():
        raise Open311Error(400, *error_messages(filterset))
    cleaned = filterset.form.cleaned_data
    if cleaned.get("created_from"):
        return filterset.qs
    end = cleaned.get("created_to") or timezone.now()
    return filterset.qs.filter(created_at__gte=end - timedelta(days=DEFAULT_DAYS))
