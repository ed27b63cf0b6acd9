"""Error pages: Django's default views render templates/40x.html and 500.html; a request over the
size limits answers 413 instead of a bare 400."""

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.core.files.uploadhandler import FileUploadHandler
from django.shortcuts import render
from django.views import defaults

from .http import request_limit_mb


def bad_request(request, exception, template_name="400.html"):
    """400, or 413 when the request was larger than the server accepts."""
    if isinstance(exception, RequestDataTooBig):
        return render(request, "413.html", {"limit_mb": request_limit_mb(request)}, status=413)
    return defaults.bad_request(request, exception, template_name)


class RequestSizeLimit(FileUploadHandler):
    """Refuse a multipart request over MAX_REQUEST_BYTES before spooling it to disk (Django's own
    DATA_UPLOAD_MAX_MEMORY_SIZE does not count files)."""

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        if content_length > settings.MAX_REQUEST_BYTES:
            raise RequestDataTooBig("Request body exceeded settings.MAX_REQUEST_BYTES.")

    def receive_data_chunk(self, raw_data, start):
        return raw_data

    def file_complete(self, file_size):
        return None
