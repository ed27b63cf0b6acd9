from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class MatchingConfig(AppConfig):
    """The AI matching engine (精准匹配): resources, the index, explanations, feedback, 撮合记录."""

    name = "yuanqu.matching"
    label = "matching"
    verbose_name = _("Resource matching")

    def ready(self):
        from . import signals  # noqa: F401  (mirror registry offerings and needs into resources)
        from .rebuild import build_index_after_migrate

        post_migrate.connect(build_index_after_migrate, sender=self,
                             dispatch_uid="matching.build_index_after_migrate")
