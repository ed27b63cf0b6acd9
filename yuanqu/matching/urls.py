from django.urls import path

from . import views
from .urls_panels import urlpatterns as panel_patterns

app_name = "matching"
urlpatterns = [
    path("resources/", views.resource_list, name="resource_list"),
    path("resources/new/", views.resource_create, name="resource_create"),
    path("resources/<int:pk>/", views.resource_detail, name="resource_detail"),
    path("resources/<int:pk>/edit/", views.resource_edit, name="resource_edit"),
    path("resources/<int:pk>/retire/", views.resource_retire, name="resource_retire"),
    path("thesaurus/", views.thesaurus_page, name="thesaurus"),
    path("thesaurus/<int:pk>/delete/", views.thesaurus_delete, name="thesaurus_delete"),
]
urlpatterns += panel_patterns
