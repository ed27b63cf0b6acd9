from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentsConfig(AppConfig):
    """Enterprise assessment: six capabilities, per-mu performance (亩均效益), official tiers."""

    name = "yuanqu.assessments"
    label = "assessments"
    verbose_name = _("Assessments")
