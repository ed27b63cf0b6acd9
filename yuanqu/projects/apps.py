from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    """Key investment projects (重点项目): milestones, daily tracking, weekly dispatch (周调度)."""

    name = "yuanqu.projects"
    label = "projects"
    verbose_name = _("Key projects")
