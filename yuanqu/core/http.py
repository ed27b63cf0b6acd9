import json
import re
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, SuspiciousOperation
from django.http import HttpResponse
from django.http.multipartparser import MultiPartParserError
from django.utils.translation import gettext as _


def xlsx_response(content: bytes, filename: str) -> HttpResponse:
    """An .xlsx download; the name is RFC 5987-encoded so Chinese names survive."""
    from urllib.parse import quote

    response = HttpResponse(
        content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response


# ---- bad input at the edge ---------------------------------------------------------------------
# PostgreSQL refuses NUL in text and Django decodes broken UTF-8 as U+FFFD: both are refused before
# a view reads them, so SQLite and PostgreSQL answer alike and nothing garbled is stored.

_JSON_NUL = re.compile(r"\\u0000", re.IGNORECASE)


@dataclass(frozen=True)
class BadInput:
    """Why a request's input was refused: an HTTP status, where (API `loc`) and a message."""

    status: int
    loc: list
    message: str

    def text(self) -> str:
        """The message prefixed with the parameter's name, for answers without a `loc`."""
        return f"{self.loc[-1]}: {self.message}" if len(self.loc) > 1 else self.message


def _text_problem(text: str, loc: list, *, allow_nul: bool = False) -> BadInput | None:
    if "\x00" in text and not allow_nul:
        return BadInput(400, loc, _("Contains a NUL character, which is not allowed."))
    if "\ufffd" in text:  # what Django makes of bytes that are not UTF-8
        return BadInput(400, loc, _("Is not valid UTF-8 text."))
    return None


def _fields_problem(data, where: str, *, values_may_hold_nul: bool = False) -> BadInput | None:
    """The first parameter (name or value) of a QueryDict with a NUL or undecodable bytes."""
    for name, values in data.lists():
        for i, text in enumerate((name, *values)):
            problem = _text_problem(text, [where, name], allow_nul=values_may_hold_nul and i > 0)
            if problem:
                return problem
    return None


def _json_path(value, path=()) -> list | None:
    """The path to the first string (or key) holding a NUL in parsed JSON, else None."""
    if isinstance(value, str):
        return list(path) if "\x00" in value else None
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for key, item in items:
        if isinstance(key, str) and "\x00" in key:
            return [*path, key]
        found = _json_path(item, (*path, key))
        if found is not None:
            return found
    return None


def _body_problem(body: bytes) -> BadInput | None:
    """A raw (JSON) body: it must be UTF-8 and no string in it may hold a NUL."""
    try:
        text = body.decode()
    except UnicodeDecodeError:
        return BadInput(400, ["body"], _("The request body is not valid UTF-8."))
    if not _JSON_NUL.search(text):  # cheap test first: only then parse
        return None
    try:
        path = _json_path(json.loads(text))
    except ValueError:
        return None  # not JSON: the parser's own error answers
    if path is None:
        return None
    return BadInput(400, ["body", *path], _("Contains a NUL character, which is not allowed."))


def _form_problem(request, *, page: bool) -> BadInput | None:
    post, files = request.POST, request.FILES
    names = [f.name or "" for f in files.values()]
    # A page's form fields reject NUL themselves (Django's CharField validator), next to the
    # field and with what was typed kept; refusing the request here would lose the form.
    return _fields_problem(post, "form", values_may_hold_nul=page) or next(
        (p for n in names if (p := _text_problem(n, ["form", "file"]))), None)


def input_problem(request, *, page: bool = False) -> BadInput | None:
    """The first reason to refuse this request's query string or body, or None.

    Reads the body once (Django keeps it): an oversized one is 413, a malformed form 400.
    `page`: an HTML page, whose forms report a NUL in a field themselves."""
    problem = _fields_problem(request.GET, "query")
    if problem or request.method in ("GET", "HEAD", "OPTIONS"):
        return problem
    try:
        if request.content_type in ("multipart/form-data", "application/x-www-form-urlencoded"):
            return _form_problem(request, page=page)
        return _body_problem(request.body)
    except RequestDataTooBig:
        return BadInput(413, ["body"], _("The request is too large (at most %(mb)s MB of form data or JSON).")
                        % {"mb": request_limit_mb(request)})
    except (SuspiciousOperation, MultiPartParserError):
        return BadInput(400, ["body"], _("The request body cannot be parsed."))


# Namespace of a URL conf → how its views answer refused input: f(request, BadInput, view_kwargs).
BAD_INPUT_RESPONDERS = {}


def register_bad_input_responder(namespace: str, respond):
    """Let an app answer refused input in its own error model (the API's, Open311's)."""
    BAD_INPUT_RESPONDERS[namespace] = respond


def request_limit_mb(request) -> int:
    """The size limit a refused request ran into: files count against MAX_REQUEST_BYTES, other
    bodies against DATA_UPLOAD_MAX_MEMORY_SIZE."""
    files = request.content_type == "multipart/form-data"
    return (settings.MAX_REQUEST_BYTES if files else settings.DATA_UPLOAD_MAX_MEMORY_SIZE) // 2**20


def page_bad_input(request, problem: BadInput, view_kwargs) -> HttpResponse:
    """Pages: the site's 400/413 page in Chinese, with the reason."""
    from django.shortcuts import render

    template = "413.html" if problem.status == 413 else "400.html"
    return render(request, template, {"reason": problem.text(), "limit_mb": request_limit_mb(request)},
                  status=problem.status)
