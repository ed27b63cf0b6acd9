"""The site's URLs plus one view that fails, for the 500 page test."""

from django.urls import path

from yuanqu.urls import urlpatterns as site


def boom(request):
    raise RuntimeError("boom")


urlpatterns = [path("boom/", boom), *site]
