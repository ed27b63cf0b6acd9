"""Planning pages: a project's Gantt and the monthly ranking."""

from django.urls import path

from . import plan_views

urlpatterns = [
    path("<int:pk>/gantt/", plan_views.project_gantt, name="project_gantt"),
    path("ranking/", plan_views.ranking, name="ranking"),
]
