from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemandsConfig(AppConfig):
    name = "yuanqu.demands"
    label = "demands"
    verbose_name = _("Demands")

    def ready(self):
        from . import signals  # noqa: F401
