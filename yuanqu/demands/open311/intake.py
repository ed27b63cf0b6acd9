"""POST requests: file a demand through services.submit."""

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.utils.translation import gettext as _

from yuanqu.accounts.permissions import is_enterprise_user
from yuanqu.enterprises.queries import visible_enterprises
from yuanqu.reference.creditcode import normalise

from ..models import Category, SubType
from .errors import Open311Error
from .params import param

TITLE_LENGTH = 30


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
    if is_enterprise_user(user):
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
