from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchingConfig(AppConfig):
    """The AI matching engine (精准匹配): resources, the index, explanations, feedback, 撮合记录."""

    name = "yuanqu.matching"
    label = "matching"
    verbose_name = _("Resource matching")

    def ready(self):
        from . import signals  # noqa: F401  (mirror registry offerings and needs into resources)
