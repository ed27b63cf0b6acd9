from django.conf import settings
from django.utils import translation

from .http import BAD_INPUT_RESPONDERS, input_problem, page_bad_input


class DefaultLanguageMiddleware:
    """zh-hans for everyone unless the user chose another language (the language cookie).

    Django's LocaleMiddleware would follow the browser's Accept-Language, so an intranet PC with
    an English Windows would show English; the park's working language is Chinese."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.allowed = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.allowed else settings.LANGUAGE_CODE
        request.LANGUAGE_CODE = language
        with translation.override(language):  # restored afterwards: nothing leaks between requests
            response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


class RejectBadInputMiddleware:
    """Refuse NUL characters, undecodable bytes and oversized bodies before any view reads them.

    Runs in process_view, before CSRF reads the form, so the answer can follow the view's error
    model: apps register a responder for their URL namespace (the API, Open311); pages get text."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        namespace = request.resolver_match.namespace if request.resolver_match else ""
        respond = BAD_INPUT_RESPONDERS.get(namespace)
        problem = input_problem(request, page=respond is None)
        if problem is None:
            return None
        return (respond or page_bad_input)(request, problem, view_kwargs)
