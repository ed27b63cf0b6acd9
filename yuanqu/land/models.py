"""Land plots (地块), one disposal plan per idle or low-efficiency plot (一地一策), and land needs.

Geometry is a GeoJSON geometry object (Polygon or MultiPolygon) in WGS84/CGCS2000 longitude and
latitude, as RFC 7946 requires; areas are in 亩 (1 亩 = 666.67 m²). The bounding-box columns are
kept from the geometry by the services so overlap checks and map windows can use an index.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from yuanqu.accounts.models import Park
from yuanqu.core.models import TimeStampedModel
from yuanqu.core.validators import reject_markup, reject_negative
from yuanqu.enterprises.models import Enterprise


class LandUse(models.TextChoices):
    INDUSTRIAL = "industrial", _("Industrial")
    WAREHOUSE = "warehouse", _("Warehousing")
    COMMERCIAL = "commercial", _("Commercial and services")
    RESEARCH = "research", _("Research and development")
    PUBLIC = "public", _("Public facilities")
    OTHER = "other", _("Other")


class PlotStatus(models.TextChoices):
    IN_USE = "in_use", _("In use")
    IDLE = "idle", _("Idle")
    LOW_EFFICIENCY = "low_efficiency", _("Low efficiency")
    REVITALISING = "revitalising", _("Being revitalised")
    REVITALISED = "revitalised", _("Revitalised")
    RESERVE = "reserve", _("Reserve")


# Supporting infrastructure (配套): one boolean column per item on Plot and LandNeed.
INFRASTRUCTURE = {
    "has_road": _("road"),
    "has_water": _("water supply"),
    "has_power": _("power supply"),
    "has_gas": _("gas"),
    "has_drainage": _("drainage"),
    "has_telecom": _("telecom"),
    "has_heat": _("heating"),
}


def _area(label, **extra):
    return models.DecimalField(label, max_digits=12, decimal_places=2, validators=[reject_negative], **extra)


class Plot(TimeStampedModel):
    """A land plot of the park, drawn from GeoJSON, with its use, status, occupant and limits."""

    park = models.ForeignKey(Park, on_delete=models.PROTECT, related_name="plots", verbose_name=_("park"))
    code = models.CharField(_("plot number"), max_length=40, validators=[reject_markup])
    name = models.CharField(_("name"), max_length=100, blank=True, validators=[reject_markup])
    geometry = models.JSONField(_("geometry (GeoJSON)"))
    min_lon = models.FloatField(editable=False, default=0)
    min_lat = models.FloatField(editable=False, default=0)
    max_lon = models.FloatField(editable=False, default=0)
    max_lat = models.FloatField(editable=False, default=0)
    area_mu = _area(_("area (mu)"))
    use = models.CharField(_("land use"), max_length=20, choices=LandUse.choices, default=LandUse.INDUSTRIAL)
    status = models.CharField(_("status"), max_length=20, choices=PlotStatus.choices,
                              default=PlotStatus.IN_USE, db_index=True)
    occupant = models.ForeignKey(Enterprise, null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="plots", verbose_name=_("occupant"))
    owner_name = models.CharField(_("right holder"), max_length=200, blank=True, validators=[reject_markup])
    has_road = models.BooleanField(_("road"), default=False)
    has_water = models.BooleanField(_("water supply"), default=False)
    has_power = models.BooleanField(_("power supply"), default=False)
    has_gas = models.BooleanField(_("gas"), default=False)
    has_drainage = models.BooleanField(_("drainage"), default=False)
    has_telecom = models.BooleanField(_("telecom"), default=False)
    has_heat = models.BooleanField(_("heating"), default=False)
    plot_ratio_min = models.DecimalField(_("minimum plot ratio"), max_digits=5, decimal_places=2,
                                         null=True, blank=True, validators=[reject_negative])
    plot_ratio_max = models.DecimalField(_("maximum plot ratio"), max_digits=5, decimal_places=2,
                                         null=True, blank=True, validators=[reject_negative])
    height_limit_m = models.DecimalField(_("height limit (m)"), max_digits=6, decimal_places=1,
                                         null=True, blank=True, validators=[reject_negative])
    price_per_mu = models.DecimalField(_("price (10k yuan per mu)"), max_digits=10, decimal_places=2,
                                       null=True, blank=True, validators=[reject_negative])
    available_on = models.DateField(_("available from"), null=True, blank=True)
    # Low-efficiency flag from the occupant's indicators (tax and revenue per 亩 against the
    # park's thresholds), refreshed by `flag_low_efficiency`; `flag_reason` says why in Chinese.
    flagged_low_efficiency = models.BooleanField(_("flagged as low efficiency"), default=False, db_index=True)
    flag_reason = models.CharField(_("flag reason"), max_length=300, blank=True)
    flagged_on = models.DateField(_("flagged on"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True, max_length=2000, validators=[reject_markup])

    class Meta:
        verbose_name = _("plot")
        verbose_name_plural = _("plots")
        ordering = ["park", "code"]
        constraints = [
            models.UniqueConstraint(fields=["park", "code"], name="uniq_plot_code",
                                    violation_error_message=_("A plot with this number already exists.")),
            models.CheckConstraint(condition=Q(area_mu__gt=0), name="plot_area_positive",
                                   violation_error_message=_("The area must be greater than zero.")),
        ]
        indexes = [models.Index(fields=["park", "min_lon", "max_lon"])]

    def __str__(self):
        return f"{self.code} {self.name}".strip()

    def get_absolute_url(self):
        return reverse("land:plot_detail", args=[self.pk])

    def clean(self):
        if self.plot_ratio_min is not None and self.plot_ratio_max is not None \
                and self.plot_ratio_min > self.plot_ratio_max:
            raise ValidationError({"plot_ratio_min": _("Cannot exceed the maximum plot ratio.")})
        if not self.occupant_id:
            return
        # A missing firm is clean_fields' error, not a crash here.
        firm_park = Enterprise.objects.filter(pk=self.occupant_id).values_list("park_id", flat=True).first()
        if firm_park is not None and firm_park != self.park_id:
            raise ValidationError({"occupant": _("The occupant must be a firm of the same park.")})


class LandThresholds(models.Model):
    """A park's per-亩 thresholds below which an occupied plot is flagged as low efficiency (万元/亩)."""

    park = models.OneToOneField(Park, on_delete=models.CASCADE, related_name="land_thresholds")
    min_tax_per_mu = models.DecimalField(_("minimum tax per mu (10k yuan)"), max_digits=10,
                                         decimal_places=2, default=15, validators=[reject_negative])
    min_revenue_per_mu = models.DecimalField(_("minimum revenue per mu (10k yuan)"), max_digits=10,
                                             decimal_places=2, default=300, validators=[reject_negative])

    class Meta:
        verbose_name = _("land efficiency thresholds")
        verbose_name_plural = _("land efficiency thresholds")

    def __str__(self):
        return str(self.park)


class DisposalMethod(models.TextChoices):
    RECLAIM = "reclaim", _("Reclaim")
    TRANSFER = "transfer", _("Negotiated transfer")
    JOINT = "joint", _("Joint development")
    EXPAND = "expand", _("Capital increase and expansion")
    GRAFT = "graft", _("Investment grafting")
    OTHER = "other", _("Other")


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ACTIVE = "active", _("In progress")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


class DisposalPlan(TimeStampedModel):
    """一地一策: the one disposal plan of an idle or low-efficiency plot."""

    plot = models.OneToOneField(Plot, on_delete=models.CASCADE, related_name="plan", verbose_name=_("plot"))
    method = models.CharField(_("disposal method"), max_length=20, choices=DisposalMethod.choices)
    status = models.CharField(_("status"), max_length=20, choices=PlanStatus.choices,
                              default=PlanStatus.DRAFT, db_index=True)
    goal = models.TextField(_("goal"), blank=True, max_length=2000, validators=[reject_markup])
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="disposal_plans", verbose_name=_("responsible official"))
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    placed_enterprise = models.ForeignKey(Enterprise, null=True, blank=True, on_delete=models.SET_NULL,
                                          related_name="placements", verbose_name=_("firm placed"))
    revitalised_mu = _area(_("area revitalised (mu)"), null=True, blank=True)
    completed_on = models.DateField(_("completed on"), null=True, blank=True, db_index=True)

    class Meta:
        verbose_name = _("disposal plan")
        verbose_name_plural = _("disposal plans")
        ordering = ["plot"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="done") | Q(completed_on__isnull=False), name="plan_done_has_date",
                violation_error_message=_("A finished plan needs its completion date."),
            ),
        ]

    def __str__(self):
        return f"{self.plot} {self.get_method_display()}"

    def get_absolute_url(self):
        return reverse("land:plot_detail", args=[self.plot_id])


class PlanStep(models.Model):
    """One step of a disposal plan, with its owner and deadline."""

    plan = models.ForeignKey(DisposalPlan, on_delete=models.CASCADE, related_name="steps")
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    title = models.CharField(_("step"), max_length=200, validators=[reject_markup])
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="+", verbose_name=_("owner"))
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    done_on = models.DateField(_("done on"), null=True, blank=True)

    class Meta:
        verbose_name = _("plan step")
        verbose_name_plural = _("plan steps")
        ordering = ["plan", "order", "id"]

    def __str__(self):
        return self.title


class LandNeed(TimeStampedModel):
    """A firm's or project's land need, matched to plots with explanations."""

    park = models.ForeignKey(Park, on_delete=models.PROTECT, related_name="land_needs",
                             verbose_name=_("park"))
    enterprise = models.ForeignKey(Enterprise, null=True, blank=True, on_delete=models.CASCADE,
                                   related_name="land_needs", verbose_name=_("enterprise"))
    title = models.CharField(_("title"), max_length=200, validators=[reject_markup])
    min_area_mu = _area(_("minimum area (mu)"))
    max_area_mu = _area(_("maximum area (mu)"), null=True, blank=True)
    use = models.CharField(_("land use"), max_length=20, choices=LandUse.choices, default=LandUse.INDUSTRIAL)
    needs_road = models.BooleanField(_("road"), default=False)
    needs_water = models.BooleanField(_("water supply"), default=False)
    needs_power = models.BooleanField(_("power supply"), default=False)
    needs_gas = models.BooleanField(_("gas"), default=False)
    needs_drainage = models.BooleanField(_("drainage"), default=False)
    needs_telecom = models.BooleanField(_("telecom"), default=False)
    needs_heat = models.BooleanField(_("heating"), default=False)
    budget = models.DecimalField(_("budget (10k yuan)"), max_digits=12, decimal_places=2, null=True,
                                 blank=True, validators=[reject_negative])
    needed_by = models.DateField(_("needed by"), null=True, blank=True)
    min_plot_ratio = models.DecimalField(_("plot ratio needed"), max_digits=5, decimal_places=2,
                                         null=True, blank=True,
                                         validators=[MinValueValidator(0), MaxValueValidator(50)])
    description = models.TextField(_("description"), blank=True, max_length=2000, validators=[reject_markup])
    is_open = models.BooleanField(_("open"), default=True)

    class Meta:
        verbose_name = _("land need")
        verbose_name_plural = _("land needs")
        ordering = ["-created_at"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("land:need_detail", args=[self.pk])

    def clean(self):
        low, high = self.min_area_mu, self.max_area_mu
        if low is not None and high is not None and high < low:
            raise ValidationError({"max_area_mu": _("Cannot be less than the minimum area.")})
