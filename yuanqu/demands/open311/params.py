"""Reading a call: parameters, the api_key's user, the jurisdiction, paging."""

import re

from django.utils.translation import gettext as _

from yuanqu.accounts.auth import TokenAuth
from yuanqu.accounts.models import Park
from yuanqu.accounts.permissions import is_district

from .errors import Open311Error

MAX_PAGE_SIZE = 1000
_PAGE_NUMBER = re.compile(r"[1-9][0-9]{0,8}")


def param(request, name) -> str:
    """A form or query parameter; blank counts as absent (the spec's optional arguments)."""
    return (request.POST.get(name) or request.GET.get(name) or "").strip()


def csv_param(request, name) -> list[str]:
    return [v.strip() for v in param(request, name).split(",") if v.strip()]


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
