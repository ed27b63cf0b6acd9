"""The spec's error model: an HTTP status and descriptions, from our own exceptions."""

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from yuanqu.core.idempotency import KeyReused

# Demand fields as the Open311 parameters a client sent, for validation messages.
PARAMETERS = {"title": "description", "text": "description", "address": "address_string",
              "contact_name": "first_name", "contact_phone": "phone", "category": "service_code",
              "subtype": "attribute[subtype]", "enterprise": "attribute[credit_code]"}


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
    if isinstance(exc, KeyReused):
        return Open311Error(422, *validation_descriptions(exc))
    return Open311Error(400, *validation_descriptions(exc))


def error_body(error: Open311Error) -> list[dict]:
    return [{"code": error.status, "description": str(d)} for d in error.descriptions]
