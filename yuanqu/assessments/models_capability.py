"""The six-capability indicator system and the per-mu evaluation settings (issue 12).

One IndicatorSystem per park, or the default one (no park) that parks without their own use; a
park administrator's first change copies the default into the park (capability_services).
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from yuanqu.accounts.models import Park
from yuanqu.core.models import TimeStampedModel
from yuanqu.core.validators import reject_markup

from .capability.formula import FormulaError, parse

__all__ = ["CapabilityIndicator", "DimensionCode", "Direction", "IndicatorSystem", "Normalisation", "Unit",
           "WeightMethod"]


class DimensionCode(models.TextChoices):
    PROFITABILITY = "profitability", _("Profitability")
    DEVELOPMENT = "development", _("Development capability")
    INVESTMENT = "investment", _("Investment capability")
    INNOVATION = "innovation", _("Technological innovation capability")
    GROWTH = "growth", _("Sustainable growth capability")
    RESPONSIBILITY = "responsibility", _("Social responsibility capability")


class Direction(models.TextChoices):
    HIGHER = "higher", _("Higher is better")
    LOWER = "lower", _("Lower is better")


class Unit(models.TextChoices):
    PERCENT = "percent", _("Ratio, shown as %")
    WAN_YUAN = "wan_yuan", _("10k yuan")
    WAN_YUAN_PER_MU = "wan_yuan_per_mu", _("10k yuan per mu")
    COUNT = "count", _("Count")
    PLAIN = "plain", _("Plain number")


class Normalisation(models.TextChoices):
    MINMAX = "minmax", _("Min–max within the peer group")
    PERCENTILE = "percentile", _("Percentile rank within the peer group")


class WeightMethod(models.TextChoices):
    DEFAULT = "default", _("Default")
    MANUAL = "manual", _("Set by hand")
    AHP = "ahp", _("AHP pairwise comparison")
    ENTROPY = "entropy", _("Entropy method")
    EQUAL = "equal", _("Equal weights")


class IndicatorSystem(TimeStampedModel):
    """A park's six-capability indicator system with its weights and per-mu settings (no park: default)."""

    park = models.OneToOneField(Park, null=True, blank=True, on_delete=models.CASCADE,
                                related_name="capability_system", verbose_name=_("park"))
    is_default = models.BooleanField(_("default system"), default=False)
    name = models.CharField(_("name"), max_length=100, validators=[reject_markup])
    version = models.PositiveIntegerField(_("version"), default=1)
    normalisation = models.CharField(_("normalisation"), max_length=20, choices=Normalisation.choices,
                                     default=Normalisation.MINMAX)
    peer_min_size = models.PositiveSmallIntegerField(
        _("smallest industry peer group"), default=5,
        validators=[MinValueValidator(2), MaxValueValidator(1000)],
        help_text=_("An industry division with fewer firms than this is compared with the whole park."))
    dimension_weights = models.JSONField(_("dimension weights"), default=dict)
    per_mu_weights = models.JSONField(_("per-mu weights"), default=dict)
    grade_shares = models.JSONField(_("grade shares"), default=dict)
    weight_methods = models.JSONField(_("how the weights were set"), default=dict, blank=True)
    ahp_matrices = models.JSONField(_("AHP comparison matrices"), default=dict, blank=True)

    class Meta:
        verbose_name = _("capability indicator system")
        verbose_name_plural = _("capability indicator systems")
        constraints = [
            models.UniqueConstraint(fields=["is_default"], condition=Q(is_default=True),
                                    name="uniq_default_capability_system",
                                    violation_error_message=_("There is already a default system.")),
            models.CheckConstraint(
                condition=Q(is_default=True, park__isnull=True) | Q(is_default=False, park__isnull=False),
                name="capability_system_default_has_no_park",
                violation_error_message=_("The default system has no park; every other system has one.")),
        ]

    def __str__(self):
        return f"{self.name} v{self.version}"


class CapabilityIndicator(models.Model):
    """One indicator of a system: a formula over the annual indicators, its dimension, direction, weight."""

    system = models.ForeignKey(IndicatorSystem, on_delete=models.CASCADE, related_name="indicators")
    dimension = models.CharField(_("dimension"), max_length=20, choices=DimensionCode.choices)
    code = models.CharField(
        _("code"), max_length=40,
        validators=[RegexValidator(r"^[a-z][a-z0-9_]*$", _("Use lower-case letters, digits and _."))])
    name = models.CharField(_("indicator name"), max_length=50, validators=[reject_markup])
    formula = models.CharField(
        _("formula"), max_length=300,
        help_text=_("Annual indicator names, prev.<name> for the previous year, numbers, + - * / and "
                    "parentheses, e.g. rd_expense / revenue."))
    direction = models.CharField(_("direction"), max_length=10, choices=Direction.choices,
                                 default=Direction.HIGHER)
    weight = models.DecimalField(_("weight in its dimension"), max_digits=7, decimal_places=4,
                                 validators=[MinValueValidator(0), MaxValueValidator(1)])
    unit = models.CharField(_("unit"), max_length=20, choices=Unit.choices, default=Unit.PLAIN)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("capability indicator")
        verbose_name_plural = _("capability indicators")
        ordering = ["system", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["system", "code"], name="uniq_capability_indicator_code",
                                    violation_error_message=_("The system already has an indicator with "
                                                              "this code.")),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        try:
            parse(self.formula)
        except FormulaError as exc:
            raise ValidationError({"formula": str(exc)}) from None
