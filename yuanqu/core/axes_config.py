"""django-axes with a Chinese name in the admin (axes ships no zh_Hans catalogue; its model and
field names are translated in our locale/)."""

from axes.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AxesConfig(AppConfig):
    verbose_name = _("Login protection")
