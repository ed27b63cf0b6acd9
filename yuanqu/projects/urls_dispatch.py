"""Weekly dispatch meeting pages (周调度), mounted under /projects/ by urls.py."""

from django.urls import path

from . import dispatch_views as views

urlpatterns = [
    path("meetings/", views.meeting_list, name="meeting_list"),
    path("meetings/new/", views.meeting_create, name="meeting_create"),
    path("meetings/actions/", views.action_list, name="action_list"),
    path("meetings/actions/<int:pk>/close/", views.action_close, name="action_close"),
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting_detail"),
    path("meetings/<int:pk>/minutes/", views.meeting_update, name="meeting_update"),
    path("meetings/<int:pk>/agenda/", views.meeting_agenda, name="meeting_agenda"),
    path("meetings/<int:pk>/finalize/", views.meeting_finalize, name="meeting_finalize"),
    path("meetings/<int:pk>/actions/", views.meeting_action_create, name="meeting_action_create"),
    path("meetings/<int:pk>/report.docx", views.meeting_docx, name="meeting_docx"),
    path("meetings/<int:pk>/ledger.xlsx", views.meeting_ledger, name="meeting_ledger"),
]
