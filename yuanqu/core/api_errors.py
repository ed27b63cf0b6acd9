"""Turn pydantic and Django validation errors into the API's Chinese error items."""

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext as _


def _pydantic_message(err) -> str:
    kind, ctx = err.get("type", ""), err.get("ctx") or {}
    if kind == "missing":
        return _("This field is required.")
    if kind == "string_too_long":
        return _("At most %(n)s characters.") % {"n": ctx.get("max_length")}
    if kind == "string_too_short":
        return _("At least %(n)s characters.") % {"n": ctx.get("min_length")}
    if kind in ("greater_than_equal", "greater_than"):
        return _("Must be at least %(n)s.") % {"n": ctx.get("ge", ctx.get("gt"))}
    if kind in ("less_than_equal", "less_than"):
        return _("Must be at most %(n)s.") % {"n": ctx.get("le", ctx.get("lt"))}
    if kind.startswith(("date", "datetime")):
        return _("Not a valid date (use YYYY-MM-DD).")
    if kind.startswith(("int", "decimal", "float")):
        return _("Not a number.")
    if kind == "value_error" and ctx.get("error"):  # a schema validator's own (translated) reason
        return str(ctx["error"])
    if kind == "json_invalid":
        return _("The request body is not valid JSON.")
    return _("Invalid value.")


def pydantic_error_detail(errors) -> list[dict]:
    return [{"loc": list(e.get("loc", [])), "msg": _pydantic_message(e)} for e in errors]


def query_error(form_errors) -> ValidationError:
    """A 422 for invalid query parameters (a filter form's errors), located in the query."""
    exc = ValidationError({name: list(errors) for name, errors in form_errors.items()})
    exc.location = "query"
    return exc


def django_error_detail(exc) -> list[dict]:
    where = getattr(exc, "location", "body")
    if not hasattr(exc, "error_dict"):
        return [{"loc": [where], "msg": " ".join(exc.messages)}]
    out = []
    for name, errors in exc.message_dict.items():
        loc = [where] if name == NON_FIELD_ERRORS else [where, name]
        out.extend({"loc": loc, "msg": msg} for msg in errors)
    return out
