import sys

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def build_classifier_after_migrate(sender, verbosity=1, stdout=None, **kwargs):
    """Give a fresh install its demand classifier at migrate time, never inside a web request."""
    from .classifier import build_missing_model

    build_missing_model(verbosity=verbosity, stdout=stdout or sys.stdout)


class DemandsConfig(AppConfig):
    name = "yuanqu.demands"
    label = "demands"
    verbose_name = _("Demands")

    def ready(self):
        from . import signals  # noqa: F401

        post_migrate.connect(build_classifier_after_migrate, sender=self,
                             dispatch_uid="demands.build_classifier_after_migrate")
