from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """Builds the demo park; sits at the end of the dependency chain so it may use every app."""

    name = "yuanqu.demo"
    label = "demo"
    verbose_name = _("Demo park")
