from django.contrib import admin
from django.urls import include, path

from yuanqu.accounts import park_admin
from yuanqu.workbench.views import home

from .api import api

admin.site.site_header = "园区管理平台 后台"
admin.site.site_title = "园区管理平台"
park_admin.autodiscover()
handler400 = "yuanqu.core.errors.bad_request"

urlpatterns = [
    path("", home, name="home"),
    path("accounts/", include("yuanqu.accounts.urls")),
    path("enterprises/", include("yuanqu.enterprises.urls")),
    path("demands/", include("yuanqu.demands.urls")),
    path("matching/", include("yuanqu.matching.urls")),
    path("projects/", include("yuanqu.projects.urls")),
    path("land/", include("yuanqu.land.urls")),
    path("assessments/", include("yuanqu.assessments.urls")),
    path("notifications/", include("yuanqu.notifications.urls")),
    path("open311/v2/", include("yuanqu.demands.open311.urls")),
    path("admin/", admin.site.urls),
    path("manage/", park_admin.park_site.urls),
    path("api/v1/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
]
