"""Pages of the six-capability assessment (m-capab)."""

from django.urls import path

from . import views_capability as views

urlpatterns = [
    path("enterprises/<int:pk>/", views.enterprise_assessment, name="enterprise_assessment"),
    path("ranking/", views.capability_ranking, name="capability_ranking"),
    path("ranking/export/", views.capability_ranking_export, name="capability_ranking_export"),
    path("capability/", views.capability_config, name="capability_config"),
    path("capability/settings/", views.capability_settings, name="capability_settings"),
    path("capability/indicators/new/", views.capability_indicator_new, name="capability_indicator_new"),
    path("capability/indicators/<slug:code>/", views.capability_indicator_edit,
         name="capability_indicator_edit"),
    path("capability/indicators/<slug:code>/delete/", views.capability_indicator_delete,
         name="capability_indicator_delete"),
    path("capability/weights/<slug:level>/", views.capability_weights, name="capability_weights"),
]
