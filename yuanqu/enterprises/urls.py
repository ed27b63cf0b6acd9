from django.urls import path

from . import views

app_name = "enterprises"
urlpatterns = [
    path("", views.enterprise_list, name="enterprise_list"),
    path("export/", views.enterprise_export, name="enterprise_export"),
    path("template/", views.enterprise_template, name="enterprise_template"),
    path("import/", views.enterprise_import, name="enterprise_import"),
    path("import/<int:batch_id>/report/", views.import_report, name="import_report"),
    path("new/", views.enterprise_create, name="enterprise_create"),
    path("<int:pk>/", views.enterprise_detail, name="enterprise_detail"),
    path("<int:pk>/edit/", views.enterprise_edit, name="enterprise_edit"),
    path("<int:pk>/delete/", views.enterprise_delete, name="enterprise_delete"),
    path("<int:pk>/indicators/", views.indicator_edit, name="indicator_create"),
    path("<int:pk>/indicators/<int:year>/", views.indicator_edit, name="indicator_edit"),
    path("<int:pk>/<str:kind>/new/", views.child_edit, name="child_create"),
    path("<int:pk>/<str:kind>/<int:child_pk>/", views.child_edit, name="child_edit"),
    path("<int:pk>/<str:kind>/<int:child_pk>/delete/", views.child_delete, name="child_delete"),
]
