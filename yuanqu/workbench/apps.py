from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkbenchConfig(AppConfig):
    """Every role's home page (工作台): no models, only other apps' queries."""

    name = "yuanqu.workbench"
    label = "workbench"
    verbose_name = _("Workbench")
