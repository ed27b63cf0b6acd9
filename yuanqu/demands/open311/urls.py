"""/open311/v2/…: every call in JSON or XML, by the suffix."""

from django.urls import re_path

from . import views

_FMT = r"\.(?P<fmt>json|xml)$"
app_name = "open311"
urlpatterns = [
    re_path(r"^discovery" + _FMT, views.discovery, name="discovery"),
    re_path(r"^services" + _FMT, views.service_list, name="services"),
    re_path(r"^services/(?P<code>[-\w]+)" + _FMT, views.service_definition, name="service_definition"),
    re_path(r"^requests" + _FMT, views.requests_view, name="requests"),
    re_path(r"^requests/(?P<request_id>[-\w]+)" + _FMT, views.request_detail, name="request"),
    re_path(r"^tokens/(?P<token>[-\w]+)" + _FMT, views.token_detail, name="token"),
]
