"""Project pages: list, ledger, import, detail, facts, task force, plan, milestones, notes, problems."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.project_list, name="project_list"),
    path("export/", views.project_export, name="project_export"),
    path("import/", views.project_import, name="project_import"),
    path("import/template/", views.project_template, name="project_import_template"),
    path("import/errors/", views.import_report, name="project_import_report"),
    path("new/", views.project_create, name="project_create"),
    path("photos/<int:photo_pk>/", views.photo, name="photo"),
    path("<int:pk>/", views.project_detail, name="project_detail"),
    path("<int:pk>/edit/", views.project_edit, name="project_edit"),
    path("<int:pk>/delete/", views.project_delete, name="project_delete"),
    path("<int:pk>/team/", views.project_team, name="project_team"),
    path("<int:pk>/plan/", views.template_apply, name="template_apply"),
    path("<int:pk>/milestones/<int:milestone_pk>/", views.milestone_update, name="milestone_update"),
    path("<int:pk>/notes/new/", views.note_create, name="note_create"),
    path("<int:pk>/problems/new/", views.problem_create, name="problem_create"),
]
