"""Open311 GeoReport v2 (wiki.open311.org/GeoReport_v2): firms and a city's 12345 hotline file and follow
demands with any Open311 client. Thin views over `services.submit` and `queries.visible_demands`.

Jurisdictions are parks (`jurisdiction_id` = park code). Service requests are never public: every
request call needs an api_key and sees what the key's user sees. The service list is public per
the spec, so without a key it needs `jurisdiction_id`.
"""

import json
import re
from datetime import datetime, time, timedelta
from functools import wraps
from xml.etree import ElementTree as ET

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.urls import re_path, reverse
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from yuanqu.accounts.auth import TokenAuth
from yuanqu.accounts.models import Park, Role
from yuanqu.accounts.permissions import is_district
from yuanqu.enterprises.queries import visible_enterprises
from yuanqu.reference.creditcode import normalise

from . import queries, services
from .models import Category, Channel, SubType
from .workflow import Status

SPECIFICATION = "http://wiki.open311.org/GeoReport_v2"
# Bump when the interface changes; clients re-read services when it moves.
CHANGESET = "2026-11-28T00:00:00+08:00"
FORMATS = {"json": "application/json; charset=utf-8", "xml": "text/xml; charset=utf-8"}
XML_DECLARATION = b'<?xml version="1.0" encoding="UTF-8"?>\n'
# XML names of list items, keyed by the name of the list (the spec's plural/singular pairs).
ITEM_TAGS = {"services": "service", "service_requests": "request", "errors": "error",
             "endpoints": "endpoint", "formats": "format", "attributes": "attribute", "values": "value"}
CLOSED = frozenset({Status.RESOLVED, Status.RATED, Status.CLOSED})
DEFAULT_DAYS = 90
MAX_PAGE_SIZE = 1000
TITLE_LENGTH = 30
# Demand fields as the Open311 parameters a client sent, for validation messages.
PARAMETERS = {"title": "description", "text": "description", "address": "address_string",
              "contact_name": "first_name", "contact_phone": "phone", "category": "service_code",
              "subtype": "attribute[subtype]", "enterprise": "attribute[credit_code]"}
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_SPACE_FOR_PLUS = re.compile(r" (\d{2}:?\d{2})$")
_PAGE_NUMBER = re.compile(r"[1-9][0-9]{0,8}")


# ---- error model ----------------------------------------------------------------------------

class Open311Error(Exception):
    """An answer in the spec's error model: an HTTP status and descriptions the user reads."""

    def __init__(self, status, *descriptions):
        super().__init__(*descriptions)
        self.status, self.descriptions = status, descriptions


def validation_descriptions(exc) -> list[str]:
    """`parameter: message` lines for a Django ValidationError (duplicates dropped)."""
    if not hasattr(exc, "error_dict"):
        return list(dict.fromkeys(exc.messages))
    lines = []
    for field, messages in exc.message_dict.items():
        name = PARAMETERS.get(field, field)
        lines += [m if field == NON_FIELD_ERRORS else f"{name}: {m}" for m in messages]
    return list(dict.fromkeys(lines))


def as_open311_error(exc) -> Open311Error:
    """Map the exceptions our queries and services raise onto the spec's statuses."""
    if isinstance(exc, Open311Error):
        return exc
    if isinstance(exc, Http404):
        return Open311Error(404, _("Not found."))
    if isinstance(exc, PermissionDenied):
        return Open311Error(403, _("This api_key may not do this."))
    return Open311Error(400, *validation_descriptions(exc))


def error_body(error: Open311Error) -> list[dict]:
    return [{"code": error.status, "description": str(d)} for d in error.descriptions]


# ---- serialisation --------------------------------------------------------------------------

def _xml_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return _CONTROL_CHARS.sub("", str(value))  # not representable in XML 1.0


def _fill(element, value):
    """Write `value` under `element`: dict keys as child tags, list items as the singular tag."""
    if isinstance(value, dict):
        for key, item in value.items():
            _fill(ET.SubElement(element, key), item)
    elif isinstance(value, list):
        for item in value:
            _fill(ET.SubElement(element, ITEM_TAGS[element.tag]), item)
    else:
        element.text = _xml_text(value)


def to_xml(root: str, data) -> bytes:
    """The spec's schemaless XML for `data` under a `root` element, with the UTF-8 declaration."""
    element = ET.Element(root)
    _fill(element, data)
    return XML_DECLARATION + ET.tostring(element, encoding="unicode").encode()


def to_json(data) -> bytes:
    return json.dumps(data, ensure_ascii=False).encode()


def render(fmt, root, data, status=200) -> HttpResponse:
    body = to_xml(root, data) if fmt == "xml" else to_json(data)
    return HttpResponse(body, status=status, content_type=FORMATS[fmt])


def w3(moment) -> str | None:
    """A datetime in the spec's w3 format with the UTC offset, in the park's time zone."""
    return timezone.localtime(moment).isoformat(timespec="seconds") if moment else None


# ---- views plumbing -------------------------------------------------------------------------

def error_response(fmt, error: Open311Error) -> HttpResponse:
    return render(fmt, "errors", error_body(error), error.status)


def open311_view(*methods):
    """Allow `methods`, skip CSRF (the api_key authenticates, never a cookie), answer errors in the model."""
    def decorate(view):
        @wraps(view)
        def wrapper(request, fmt, **kwargs):
            if request.method not in methods:
                response = error_response(fmt, Open311Error(405, _("Method not allowed.")))
                response["Allow"] = ", ".join(methods)
                return response
            try:
                return view(request, fmt, **kwargs)
            except (Open311Error, Http404, PermissionDenied, ValidationError) as exc:
                return error_response(fmt, as_open311_error(exc))
        return csrf_exempt(wrapper)
    return decorate


def param(request, name) -> str:
    """A form or query parameter; blank counts as absent (the spec's optional arguments)."""
    return (request.POST.get(name) or request.GET.get(name) or "").strip()


def _bearer(request) -> str:
    scheme, _sep, token = request.headers.get("Authorization", "").partition(" ")
    return token.strip() if scheme.lower() == "bearer" else ""


def key_user(request, *, required=True):
    """The active user of the api_key (parameter or Bearer header); 403 if it is invalid or revoked.

    Without a key: 403 when `required`, else None (the spec's key-less service list)."""
    raw = param(request, "api_key") or _bearer(request)
    if not raw:
        if required:
            raise Open311Error(403, _("An api_key is required."))
        return None
    user = TokenAuth().authenticate(request, raw)
    if user is None:
        raise Open311Error(403, _("The api_key is invalid or has been revoked."))
    return user


def park_for(request, user) -> Park:
    """The jurisdiction: the key's park, or the park named by jurisdiction_id (district keys, no key)."""
    code = param(request, "jurisdiction_id")
    if user is not None and not is_district(user):
        if code and code != user.park.code:
            raise Open311Error(404, _("Unknown jurisdiction_id “%(code)s”.") % {"code": code})
        return user.park
    if not code:
        raise Open311Error(400, _("jurisdiction_id (the park code) is required."))
    park = Park.objects.filter(code=code).first()
    if park is None:
        raise Open311Error(404, _("Unknown jurisdiction_id “%(code)s”.") % {"code": code})
    return park


# ---- services -------------------------------------------------------------------------------

def active_categories(park):
    subtypes = Prefetch("subtypes", queryset=SubType.objects.filter(active=True))
    return Category.objects.filter(park=park, active=True).prefetch_related(subtypes)


def get_category(park, code) -> Category:
    if not code:
        raise Open311Error(400, _("service_code is required."))
    category = active_categories(park).filter(code=code).first()
    if category is None:
        raise Open311Error(404, _("Unknown service_code “%(code)s”.") % {"code": code})
    return category


def service_item(category) -> dict:
    """One service of GET services; metadata is true because every service has attributes."""
    return {"service_code": category.code, "service_name": category.name,
            "description": category.description, "metadata": True, "type": "realtime",
            "keywords": ",".join(s.name for s in category.subtypes.all()), "group": _("Demands")}


def service_definition_data(category, *, credit_code_required) -> dict:
    subtype = {"variable": True, "code": "subtype", "datatype": "singlevaluelist", "required": False,
               "datatype_description": None, "order": 1, "description": _("Sub-type of the demand"),
               "values": [{"key": s.pk, "name": s.name} for s in category.subtypes.all()]}
    credit_code = {
        "variable": True, "code": "credit_code", "datatype": "string", "required": credit_code_required,
        "datatype_description": _("18 characters"), "order": 2,
        "description": _("Unified social credit code of the enterprise the demand is filed for "
                         "(not needed with an enterprise's own api_key)")}
    return {"service_code": category.code, "attributes": [subtype, credit_code]}


@open311_view("GET")
def discovery(request, fmt):
    """Service discovery: where the endpoint is, which formats, where to get a key."""
    endpoint = {"specification": SPECIFICATION, "url": request.build_absolute_uri("./"),
                "changeset": CHANGESET, "type": "production", "formats": ["text/xml", "application/json"]}
    data = {"changeset": CHANGESET,
            "contact": _("The park office; signed-in users create API keys themselves."),
            "key_service": request.build_absolute_uri(reverse("accounts:tokens")),
            "endpoints": [endpoint]}
    return render(fmt, "discovery", data)


@open311_view("GET")
def service_list(request, fmt):
    """GET services: one service per active demand category of the park."""
    park = park_for(request, key_user(request, required=False))
    return render(fmt, "services", [service_item(c) for c in active_categories(park)])


@open311_view("GET")
def service_definition(request, fmt, code):
    """GET a service definition: the sub-type list and the firm's credit code."""
    user = key_user(request, required=False)
    category = get_category(park_for(request, user), code)
    required = user is None or user.role != Role.ENTERPRISE
    return render(fmt, "service_definition", service_definition_data(category, credit_code_required=required))


# ---- service requests -----------------------------------------------------------------------

def status_notes(demand) -> str:
    if demand.merged_into_id:
        return _("Merged with an identical demand.")
    if demand.status in CLOSED and demand.reply:
        return demand.reply
    return str(demand.get_status_display())


def service_notice(demand) -> str | None:
    if not demand.is_open or demand.deadline_at is None:
        return None
    deadline = timezone.localtime(demand.deadline_at).strftime("%Y-%m-%d %H:%M")
    return _("Received as %(number)s; to be handled by %(deadline)s.") % {
        "number": demand.number, "deadline": deadline}


def updated_at(demand, closed):
    """For closed requests the spec wants the closing time."""
    return (demand.closed_at or demand.resolved_at or demand.updated_at) if closed else demand.updated_at


def request_item(demand) -> dict:
    """One service request in the spec's fields (the demand number is the request id)."""
    category, closed = demand.category, demand.status in CLOSED
    return {"service_request_id": demand.number, "status": "closed" if closed else "open",
            "status_notes": status_notes(demand), "service_name": category.name if category else None,
            "service_code": category.code if category else None, "description": demand.text,
            "agency_responsible": demand.department.name if demand.department else None,
            "service_notice": service_notice(demand), "requested_datetime": w3(demand.created_at),
            "updated_datetime": w3(updated_at(demand, closed)),
            "expected_datetime": w3(demand.deadline_at), "address": demand.address, "address_id": None,
            "zipcode": None, "lat": None, "long": None, "media_url": None}


def visible_requests(request, user):
    """The key's demands; district keys see every park unless jurisdiction_id names one."""
    qs = queries.visible_demands(user).select_related("category", "department")
    if is_district(user) and not param(request, "jurisdiction_id"):
        return qs
    return qs.filter(park=park_for(request, user))


def get_request(request, user, number):
    """The visible demand with this number; 404 alike when missing or not visible."""
    demand = visible_requests(request, user).filter(number=number).first()
    if demand is None:
        raise Open311Error(404, _("No service request %(id)s.") % {"id": number})
    return demand


def csv_param(request, name) -> list[str]:
    return [v.strip() for v in param(request, name).split(",") if v.strip()]


def parse_moment(value, name, *, end=False) -> datetime:
    """An ISO 8601 datetime (a bare date means its start, or its end for end_date), time-zone aware."""
    value = _SPACE_FOR_PLUS.sub(r"+\1", value)  # an unescaped "+08:00" arrives as " 08:00"
    try:
        moment = parse_datetime(value)
        day = None if moment else parse_date(value)
    except ValueError:
        moment = day = None
    if day is not None:
        moment = datetime.combine(day, time.max if end else time.min)
    if moment is None:
        raise Open311Error(400, _("%(name)s must be an ISO 8601 date and time, e.g. "
                                  "2026-01-01T00:00:00+08:00.") % {"name": name})
    return moment if timezone.is_aware(moment) else timezone.make_aware(moment)


def filter_dates(qs, request):
    """start_date/end_date on the requested time; without start_date, the 90 days before the end."""
    raw_start, raw_end = param(request, "start_date"), param(request, "end_date")
    end = parse_moment(raw_end, "end_date", end=True) if raw_end else None
    start = (parse_moment(raw_start, "start_date") if raw_start
             else (end or timezone.now()) - timedelta(days=DEFAULT_DAYS))
    if end is not None and start > end:
        raise Open311Error(400, _("start_date must not be after end_date."))
    qs = qs.filter(created_at__gte=start)
    return qs.filter(created_at__lte=end) if end else qs


def filter_status(qs, wanted):
    unknown = set(wanted) - {"open", "closed"}
    if unknown:
        raise Open311Error(400, _("status must be open or closed (got “%(value)s”).") % {
            "value": ",".join(sorted(unknown))})
    if set(wanted) == {"closed"}:
        return qs.filter(status__in=CLOSED)
    return qs.exclude(status__in=CLOSED) if set(wanted) == {"open"} else qs


def filter_requests(qs, request):
    """The spec's filters; a service_request_id list overrides all the others."""
    numbers = csv_param(request, "service_request_id")
    if numbers:
        return qs.filter(number__in=numbers)
    codes = csv_param(request, "service_code")
    if codes:
        qs = qs.filter(category__code__in=codes)
    return filter_dates(filter_status(qs, csv_param(request, "status")), request)


def positive_int(request, name, default) -> int:
    raw = param(request, name)
    if not raw:
        return default
    if not _PAGE_NUMBER.fullmatch(raw):
        raise Open311Error(400, _("%(name)s must be a whole number of at least 1.") % {"name": name})
    return int(raw)


def page_slice(request) -> slice:
    """page (from 1) and page_size (at most 1000, the spec's per-call limit)."""
    size = min(positive_int(request, "page_size", MAX_PAGE_SIZE), MAX_PAGE_SIZE)
    page = positive_int(request, "page", 1)
    return slice((page - 1) * size, page * size)


def list_requests(request, fmt):
    """GET requests: the key's visible demands, filtered and paged, newest first."""
    qs = filter_requests(visible_requests(request, key_user(request)), request)
    return render(fmt, "service_requests", [request_item(d) for d in qs[page_slice(request)]])


# ---- POST a service request -----------------------------------------------------------------

def unknown_firm(credit_code) -> Open311Error:
    return Open311Error(404, _("No enterprise with credit code %(code)s.") % {"code": credit_code})


def own_firm(user, credit_code):
    """An enterprise key's firm; a credit code, if sent, must be its own."""
    membership = getattr(user, "membership", None)
    if membership is None:
        raise PermissionDenied
    if credit_code and normalise(credit_code) != membership.enterprise.credit_code:
        raise unknown_firm(credit_code)
    return membership.enterprise


def enterprise_for(user, park, credit_code):
    """An enterprise key files for its own firm; other keys name a firm of the park they may see."""
    if user.role == Role.ENTERPRISE:
        return own_firm(user, credit_code)
    if not credit_code:
        raise Open311Error(400, _("attribute[credit_code] is required with this api_key."))
    firm = visible_enterprises(user).filter(park=park, credit_code=normalise(credit_code)).first()
    if firm is None:
        raise unknown_firm(credit_code)
    return firm


def get_subtype(category, key):
    """attribute[subtype]: a sub-type key from the service definition (or its exact name)."""
    if not key:
        return None
    subtype = next((s for s in category.subtypes.all() if key in (str(s.pk), s.name)), None)
    if subtype is None:
        raise Open311Error(400, _("attribute[subtype]: unknown sub-type “%(key)s”.") % {"key": key})
    return subtype


def check_coordinates(request):
    """lat/long are optional but must be WGS84 degrees when sent (the demand keeps no coordinates)."""
    for name, limit in (("lat", 90), ("long", 180)):
        raw = param(request, name)
        try:
            ok = not raw or -limit <= float(raw) <= limit
        except ValueError:
            ok = False
        if not ok:
            raise Open311Error(400, _("%(name)s must be a number of degrees (WGS84).") % {"name": name})


def contact_name(first, last) -> str:
    """Family name first for Chinese names, "first last" for Latin ones."""
    return f"{first} {last}".strip() if (first + last).isascii() else last + first


def submission(request, category, text) -> dict:
    """The `data` for services.submit; the title is the description's first 30 characters."""
    return {"title": " ".join(text.split())[:TITLE_LENGTH], "text": text, "category": category,
            "subtype": get_subtype(category, param(request, "attribute[subtype]")),
            "contact_name": contact_name(param(request, "first_name"), param(request, "last_name")),
            "contact_phone": param(request, "phone"), "address": param(request, "address_string")}


def create_request(request, fmt):
    """POST requests: file a demand through services.submit; the number is returned at once."""
    user = key_user(request)
    park = park_for(request, user)
    category = get_category(park, param(request, "service_code"))
    text = param(request, "description")
    if not text:
        raise Open311Error(400, _("description is required."))
    check_coordinates(request)
    firm = enterprise_for(user, park, param(request, "attribute[credit_code]"))
    demand = services.submit(enterprise=firm, data=submission(request, category, text), actor=user,
                             channel=Channel.OPEN311)
    body = [{"service_request_id": demand.number, "service_notice": service_notice(demand),
             "account_id": None}]
    return render(fmt, "service_requests", body, status=201)


@open311_view("GET", "POST")
def requests_view(request, fmt):
    return create_request(request, fmt) if request.method == "POST" else list_requests(request, fmt)


@open311_view("GET")
def request_detail(request, fmt, request_id):
    """GET a service request by its number (e.g. SQ2026-000123)."""
    demand = get_request(request, key_user(request), request_id)
    return render(fmt, "service_requests", [request_item(demand)])


@open311_view("GET")
def token_detail(request, fmt, token):
    """Requests are created synchronously, so a token is simply the request's number."""
    demand = get_request(request, key_user(request), token)
    return render(fmt, "service_requests", [{"service_request_id": demand.number, "token": token}])


_FMT = r"\.(?P<fmt>json|xml)$"
app_name = "open311"
urlpatterns = [
    re_path(r"^discovery" + _FMT, discovery, name="discovery"),
    re_path(r"^services" + _FMT, service_list, name="services"),
    re_path(r"^services/(?P<code>[-\w]+)" + _FMT, service_definition, name="service_definition"),
    re_path(r"^requests" + _FMT, requests_view, name="requests"),
    re_path(r"^requests/(?P<request_id>[-\w]+)" + _FMT, request_detail, name="request"),
    re_path(r"^tokens/(?P<token>[-\w]+)" + _FMT, token_detail, name="token"),
]
