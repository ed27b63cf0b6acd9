from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LandConfig(AppConfig):
    """Land plots (地块), their status and geometry, one disposal plan per plot (一地一策), land needs."""

    name = "yuanqu.land"
    label = "land"
    verbose_name = _("Land")
