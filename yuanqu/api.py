"""The NinjaAPI root: mounts each app's router under /api/v1/ and speaks the error model.

Errors are `{"detail": [{"loc": [...], "msg": "..."}]}` with 400/401/403/404/409/413/422, messages in
Chinese, also for unparsable bodies, failed CSRF checks, refused input and unknown paths.
"""

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.urls import re_path
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from yuanqu.accounts.auth import api_auth
from yuanqu.core.exceptions import Conflict
from yuanqu.core.http import register_bad_input_responder

from .core.api_errors import django_error_detail, pydantic_error_detail


class YuanquAPI(NinjaAPI):
    """NinjaAPI whose unknown paths (also `/demands/abc`) answer 404 in the error model, not Django's page."""

    @property
    def urls(self):
        patterns, app_name, namespace = super().urls
        return [*patterns, re_path(r"", csrf_exempt(self.unknown_path))], app_name, namespace

    def unknown_path(self, request, *args, **kwargs):
        return on_not_found(request, Http404())


api = YuanquAPI(
    title="园区管理平台 API", version="1", urls_namespace="api", auth=api_auth,
    description="园区管理平台 API。认证：请求头 `Authorization: Bearer <令牌>`，或浏览器登录会话。",
)


def _detail(request, status, items):
    return api.create_response(request, {"detail": items}, status=status)


@api.exception_handler(NinjaValidationError)
def on_schema_error(request, exc):
    return _detail(request, 422, pydantic_error_detail(exc.errors))


@api.exception_handler(DjangoValidationError)
def on_model_error(request, exc):
    return _detail(request, 422, django_error_detail(exc))


@api.exception_handler(Http404)
def on_not_found(request, exc):
    return _detail(request, 404, [{"loc": [], "msg": _("Not found.")}])


@api.exception_handler(PermissionDenied)
def on_forbidden(request, exc):
    return _detail(request, 403, [{"loc": [], "msg": _("You do not have permission to do this.")}])


@api.exception_handler(AuthenticationError)
def on_unauthenticated(request, exc):
    return _detail(request, 401, [{"loc": [], "msg": _("Authentication required.")}])


@api.exception_handler(HttpError)
def on_http_error(request, exc):
    """Ninja's own errors, worded in Chinese: a body it cannot parse (400) and a failed CSRF check
    (403). Any other HttpError keeps the message its raiser gave."""
    text = str(exc)
    if exc.status_code == 400 and text.startswith("Cannot parse request body"):
        text = _("The request body cannot be parsed (send valid JSON).")
    elif exc.status_code == 403 and "CSRF" in text:
        text = _("CSRF check failed: reload the page and try again.")
    return _detail(request, exc.status_code, [{"loc": [], "msg": text}])


def on_bad_input(request, problem, view_kwargs):
    """Input the edge refused (NUL, broken UTF-8, too large), in the error model."""
    return _detail(request, problem.status, [{"loc": problem.loc, "msg": problem.message}])


register_bad_input_responder("api", on_bad_input)


@api.exception_handler(Conflict)
def on_conflict(request, exc):
    return _detail(request, 409, [{"loc": [], "msg": str(exc.message)}])


def mount_routers():
    from yuanqu.assessments.api import router as assessments
    from yuanqu.assessments.api_capability import router as capability
    from yuanqu.assessments.api_pool import router as cultivation
    from yuanqu.demands.api import router as demands
    from yuanqu.enterprises.api import router as enterprises
    from yuanqu.land.api import router as land
    from yuanqu.matching.api import match_router
    from yuanqu.matching.api import router as resources
    from yuanqu.projects.api import router as projects
    from yuanqu.projects.api_dispatch import router as dispatch
    from yuanqu.projects.api_schedule import router as schedule

    api.add_router("/enterprises", assessments)  # /{id}/facts/{year}, /{id}/assessments
    api.add_router("/enterprises", enterprises)
    api.add_router("/demands", demands)
    api.add_router("/match", match_router)
    api.add_router("/resources", resources)
    api.add_router("/projects", schedule)  # before the project router: /projects/schedule is not an id
    api.add_router("/projects", projects)
    api.add_router("/dispatch", dispatch)
    api.add_router("/land", land)
    api.add_router("/assessments", capability)
    api.add_router("/cultivation", cultivation)


mount_routers()
