"""The spec's calls: thin views over the params, filters, intake and serializers modules."""

from functools import wraps

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from yuanqu.accounts.permissions import is_district, is_enterprise_user
from yuanqu.core.http import register_bad_input_responder
from yuanqu.core.idempotency import fingerprint, idempotent

from .. import queries, services
from ..models import Channel
from .errors import Open311Error, as_open311_error, error_body
from .filters import filter_requests
from .intake import active_categories, check_coordinates, enterprise_for, get_category, submission
from .params import key_user, page_slice, param, park_for
from .serializers import render, request_item, service_definition_data, service_item, service_notice

SPECIFICATION = "http://wiki.open311.org/GeoReport_v2"
# Bump when the interface changes; clients re-read services when it moves.
CHANGESET = "2026-11-28T00:00:00+08:00"
CLIENT_REQUEST_ID = "attribute[client_request_id]"


def error_response(fmt, error: Open311Error) -> HttpResponse:
    return render(fmt, "errors", error_body(error), error.status)


def on_bad_input(request, problem, view_kwargs) -> HttpResponse:
    """Input the edge refused (NUL, broken UTF-8, too large), in the spec's model and the call's format."""
    return error_response(view_kwargs.get("fmt", "json"), Open311Error(problem.status, problem.text()))


register_bad_input_responder("open311", on_bad_input)


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
    required = user is None or not is_enterprise_user(user)
    return render(fmt, "service_definition", service_definition_data(category, credit_code_required=required))


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


def list_requests(request, fmt):
    """GET requests: the key's visible demands, filtered and paged, newest first."""
    user = key_user(request)
    qs = filter_requests(visible_requests(request, user), request, user)
    return render(fmt, "service_requests", [request_item(d) for d in qs[page_slice(request)]])


def create_request(request, fmt):
    """POST requests: file a demand through services.submit; the number is returned at once.

    A client request id (Idempotency-Key header or attribute[client_request_id]) makes retries
    safe: the same id within 24 hours answers as the first time and files nothing."""
    user = key_user(request)
    key = request.headers.get("Idempotency-Key") or param(request, CLIENT_REQUEST_ID)
    params = {k: v for k, v in request.POST.items() if k not in ("api_key", CLIENT_REQUEST_ID)}
    return idempotent(user, key, fingerprint(f"open311.requests.{fmt}", params),
                      lambda: _file_request(request, fmt, user), field=CLIENT_REQUEST_ID)


def _file_request(request, fmt, user):
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
