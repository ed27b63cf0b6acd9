from django.urls import path
from django.views.generic import RedirectView

from . import stats_views, views

app_name = "demands"
urlpatterns = [
    path("", views.demand_list, name="demand_list"),
    path("queue/", views.demand_list, {"view": "queue"}, name="work_queue"),
    path("triage/", views.demand_list, {"view": "triage"}, name="triage_queue"),
    path("export/", views.demand_export, name="demand_export"),
    path("new/", views.demand_submit, name="demand_submit"),
    path("similar/", views.similar, name="similar"),
    path("notifications/", RedirectView.as_view(pattern_name="notifications:list", permanent=True),
         name="notifications"),
    path("statistics/", stats_views.statistics, name="statistics"),
    path("statistics/export/", stats_views.statistics_export, name="statistics_export"),
    path("clusters/", stats_views.clusters, name="clusters"),
    path("<int:pk>/", views.demand_detail, name="demand_detail"),
    path("<int:pk>/action/<str:action>/", views.demand_action, name="demand_action"),
    path("<int:pk>/rate/", views.demand_rate, name="demand_rate"),
    path("<int:pk>/triage/", views.demand_triage, name="demand_triage"),
    path("<int:pk>/attachments/<int:att_pk>/", views.attachment, name="attachment"),
]
