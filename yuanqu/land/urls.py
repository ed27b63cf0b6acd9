from django.urls import path
from django.views.generic import RedirectView

from . import plan_views, views

app_name = "land"
urlpatterns = [
    path("", RedirectView.as_view(pattern_name="land:plot_list"), name="index"),
    path("plots/", views.plot_list, name="plot_list"),
    path("plots/export/", views.plot_export, name="plot_export"),
    path("plots/template/", views.plot_template, name="plot_template"),
    path("plots/import/", views.plot_import, name="plot_import"),
    path("plots/import/errors/", views.plot_import_report, name="plot_import_report"),
    path("plots/flag/", views.flag, name="flag"),
    path("plots/new/", views.plot_create, name="plot_create"),
    path("plots/<int:pk>/", views.plot_detail, name="plot_detail"),
    path("plots/<int:pk>/edit/", views.plot_edit, name="plot_edit"),
    path("plots/<int:pk>/delete/", views.plot_delete, name="plot_delete"),
    path("plots/<int:pk>/status/", views.plot_status, name="plot_status"),
    path("plots/<int:plot_pk>/plan/new/", plan_views.plan_create, name="plan_create"),
    path("plans/", plan_views.plan_list, name="plan_list"),
    path("plans/<int:pk>/edit/", plan_views.plan_edit, name="plan_edit"),
    path("plans/<int:pk>/complete/", plan_views.plan_complete, name="plan_complete"),
    path("plans/<int:plan_pk>/steps/new/", plan_views.step_create, name="step_create"),
    path("steps/<int:pk>/edit/", plan_views.step_edit, name="step_edit"),
    path("steps/<int:pk>/done/", plan_views.step_done, name="step_done"),
    path("steps/<int:pk>/delete/", plan_views.step_delete, name="step_delete"),
    path("needs/", plan_views.need_list, name="need_list"),
    path("needs/new/", plan_views.need_create, name="need_create"),
    path("needs/<int:pk>/", plan_views.need_detail, name="need_detail"),
    path("needs/<int:pk>/edit/", plan_views.need_edit, name="need_edit"),
    path("figures/", views.figures, name="figures"),
]
