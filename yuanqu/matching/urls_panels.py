"""The matching pages users see: panels (htmx), 撮合记录 and the 订单撮合 report."""

from django.urls import path

from . import panels

app_name = "matching"
urlpatterns = [
    path("panel/demand/<int:pk>/", panels.demand_panel, name="demand_panel"),
    path("panel/demand/<int:pk>/feedback/<int:resource_pk>/", panels.demand_feedback, name="demand_feedback"),
    path("panel/demand/<int:pk>/introduce/<int:resource_pk>/", panels.demand_introduce,
         name="demand_introduce"),
    path("panel/enterprise/<int:pk>/", panels.enterprise_panel, name="enterprise_panel"),
    path("panel/institution/", panels.institution_panel, name="institution_panel"),
    path("introductions/", panels.introduction_list, name="introduction_list"),
    path("introductions/new/", panels.introduction_create, name="introduction_create"),
    path("introductions/<int:pk>/", panels.introduction_detail, name="introduction_detail"),
    path("report/", panels.match_report, name="report"),
    path("report/export/", panels.match_report_export, name="report_export"),
]
