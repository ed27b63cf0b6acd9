from django.conf import settings
from django.utils import translation


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
