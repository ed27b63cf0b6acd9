"""Facts beyond the annual indicators, per firm and year (issue 12).

One column per fact of `tiers.facts.FACTS` (the same names as the API). Every column is nullable:
null means unknown, never "no". A fact about "the last N years" (awards, a 高新技术企业 certificate
in force) is recorded as of the year it is entered for."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from yuanqu.enterprises.models import Enterprise

from .tiers.facts import BY_NAME, CHOICE_LABELS, FACT_NAMES

__all__ = ["EnterpriseFacts", "FACT_NAMES"]


def fact_field(name: str):
    """The model field of one fact, built from its spec so the model, API and engine agree."""
    fact = BY_NAME[name]
    label = _(fact.label)
    number = (lambda v: Decimal(str(v))) if fact.kind == "decimal" else int
    bounds = [MinValueValidator(number(fact.low))] if fact.low is not None else []
    bounds += [MaxValueValidator(number(fact.high))] if fact.high is not None else []
    if fact.kind == "bool":
        return models.BooleanField(label, null=True, blank=True)
    if fact.kind in ("count", "int"):
        return models.PositiveIntegerField(label, null=True, blank=True, validators=bounds)
    if fact.kind == "decimal":
        return models.DecimalField(label, max_digits=16, decimal_places=2, null=True, blank=True,
                                   validators=bounds)
    choices = list(CHOICE_LABELS[name].items())
    return models.CharField(label, max_length=20, choices=choices, null=True, blank=True)


class EnterpriseFacts(models.Model):
    """What the tier rules need beyond a firm's annual indicators, for one year (null = unknown)."""

    enterprise = models.ForeignKey(Enterprise, on_delete=models.CASCADE, related_name="facts",
                                   verbose_name=_("enterprise"))
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(1990), MaxValueValidator(2100)])
    high_value_class1_ip = fact_field("high_value_class1_ip")
    self_developed_class1_ip = fact_field("self_developed_class1_ip")
    strategic_emerging = fact_field("strategic_emerging")
    niche_years = fact_field("niche_years")
    digital_level = fact_field("digital_level")
    quality_award = fact_field("quality_award")
    quality_system_cert = fact_field("quality_system_cert")
    own_brand = fact_field("own_brand")
    standards_drafted = fact_field("standards_drafted")
    rd_institution_level = fact_field("rd_institution_level")
    main_product_field = fact_field("main_product_field")
    national_market_share = fact_field("national_market_share")
    high_tech_enterprise = fact_field("high_tech_enterprise")
    sci_award = fact_field("sci_award")
    sci_award_rank = fact_field("sci_award_rank")
    innovation_honour = fact_field("innovation_honour")
    maker_china = fact_field("maker_china")
    net_profit = fact_field("net_profit")
    local_feature_score = fact_field("local_feature_score")
    core_it_system = fact_field("core_it_system")
    intl_product_cert = fact_field("intl_product_cert")
    priority_sector = fact_field("priority_sector")
    national_market_rank = fact_field("national_market_rank")
    development_score = fact_field("development_score")
    sd_priority_industry = fact_field("sd_priority_industry")
    listed = fact_field("listed")
    standards_led = fact_field("standards_led")
    credit_score = fact_field("credit_score")
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("enterprise facts")
        verbose_name_plural = _("enterprise facts")
        ordering = ["enterprise", "year"]
        constraints = [
            models.UniqueConstraint(
                fields=["enterprise", "year"], name="uniq_enterprise_facts_year",
                violation_error_message=_("Facts for this year already exist."),
            ),
        ]

    def __str__(self):
        return f"{self.enterprise} {self.year}"

    def clean(self):
        if self.sci_award_rank is not None and self.sci_award in (None, "none"):
            raise ValidationError({"sci_award_rank": _("A rank needs a national or provincial award.")})

    def as_facts(self) -> dict:
        """The engine's facts dict (None = unknown)."""
        return {name: getattr(self, name) for name in FACT_NAMES}
