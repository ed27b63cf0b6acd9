"""Cultivation pool pages (梯度培育库): candidates, plans, recognitions."""

from django.urls import path

from . import views_pool as views

urlpatterns = [
    path("pool/", views.pool, name="pool"),
    path("pool/export/", views.pool_export, name="pool_export"),
    path("plans/", views.plan_list, name="plan_list"),
    path("plans/new/", views.plan_create, name="plan_create"),
    path("plans/<int:pk>/", views.plan_detail, name="plan_detail"),
    path("plans/<int:pk>/edit/", views.plan_edit, name="plan_edit"),
    path("plans/<int:pk>/close/", views.plan_close, name="plan_close"),
    path("plans/<int:pk>/delete/", views.plan_delete, name="plan_delete"),
    path("plans/<int:pk>/actions/", views.action_add, name="action_add"),
    path("plans/<int:pk>/actions/<int:action_pk>/", views.action_update, name="action_update"),
    path("plans/<int:pk>/notes/", views.note_add, name="note_add"),
    path("recognitions/", views.recognition_list, name="recognition_list"),
    path("recognitions/new/", views.recognition_create, name="recognition_create"),
]
