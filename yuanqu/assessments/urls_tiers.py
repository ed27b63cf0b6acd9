from django.urls import path

from . import views_tiers

urlpatterns = [
    path("enterprises/<int:pk>/tiers/", views_tiers.tier_results_page, name="tier_results"),
    path("enterprises/<int:pk>/facts/<int:year>/", views_tiers.facts_edit, name="facts_edit"),
]
