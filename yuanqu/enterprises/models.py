from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ObjectDoesNotExist, ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from yuanqu.accounts.models import Grid, Park
from yuanqu.accounts.permissions import is_grid_worker
from yuanqu.core.models import TimeStampedModel
from yuanqu.core.validators import reject_markup, reject_negative
from yuanqu.reference.creditcode import normalise
from yuanqu.reference.fields import CreditCodeField
from yuanqu.reference.models import IndustryCode

from .limits import bound
from .sizing import SizeClass


class Status(models.TextChoices):
    ACTIVE = "active", _("Operating")
    MOVED_OUT = "moved_out", _("Moved out")
    DEREGISTERED = "deregistered", _("Deregistered")


SIZE_CHOICES = [
    (SizeClass.LARGE.value, _("Large")),
    (SizeClass.MEDIUM.value, _("Medium")),
    (SizeClass.SMALL.value, _("Small")),
    (SizeClass.MICRO.value, _("Micro")),
]


class Enterprise(TimeStampedModel):
    """A firm registered in a park: the record demands, matching and assessments hang off."""

    park = models.ForeignKey(Park, on_delete=models.PROTECT, related_name="enterprises",
                             verbose_name=_("park"))
    name = models.CharField(_("enterprise name"), max_length=200, validators=[reject_markup])
    credit_code = CreditCodeField(_("unified social credit code"))
    legal_rep = models.CharField(_("legal representative"), max_length=50, blank=True,
                                 validators=[reject_markup])
    founded_on = models.DateField(_("founding date"), null=True, blank=True)
    registered_capital = models.DecimalField(
        _("registered capital (10k yuan)"), max_digits=16, decimal_places=2, null=True,
        blank=True, validators=[reject_negative])
    address = models.CharField(_("address"), max_length=255, blank=True, validators=[reject_markup])
    zone = models.CharField(_("park zone"), max_length=50, blank=True, validators=[reject_markup])
    grid = models.ForeignKey(Grid, null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="enterprises", verbose_name=_("grid"),
                             error_messages={"invalid": _("No grid with id %(value)s.")})
    grid_worker = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="cared_enterprises", verbose_name=_("responsible grid worker"))
    industry = models.ForeignKey(
        IndustryCode, on_delete=models.PROTECT, related_name="+", verbose_name=_("industry code"),
        error_messages={"invalid": _("Unknown industry code %(value)s.")})
    size_class = models.CharField(_("size class"), max_length=10, choices=SIZE_CHOICES,
                                  blank=True, db_index=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices,
                              default=Status.ACTIVE)
    description = models.TextField(_("introduction"), blank=True, max_length=5000,
                                   validators=[reject_markup])

    class Meta:
        verbose_name = _("enterprise")
        verbose_name_plural = _("enterprises")
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["park", "credit_code"], name="uniq_enterprise_credit_code",
                violation_error_code="unique_credit_code",
                violation_error_message=_("Another enterprise in this park already has this "
                                          "unified social credit code."),
            )
        ]
        indexes = [
            models.Index(fields=["park", "name", "id"]),
            models.Index(fields=["park", "status"]),
            models.Index(fields=["park", "zone"]),
            models.Index(fields=["park", "grid"]),
            models.Index(fields=["park", "industry"]),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("enterprises:enterprise_detail", args=[self.pk])

    def clean(self):
        self.credit_code = normalise(self.credit_code)
        errors = {}
        if self.industry_id and len(self.industry_id) != 4:
            errors["industry"] = _("Choose a 4-digit industry class, not a higher level.")
        if self.founded_on and self.founded_on > timezone.localdate():
            errors["founded_on"] = _("The founding date cannot be in the future.")
        grid = self._existing("grid")
        if grid and self.park_id and grid.park_id != self.park_id:
            errors["grid"] = _("The grid belongs to another park.")
        errors.update(self._grid_worker_errors())
        if errors:
            raise ValidationError(errors)

    def validate_constraints(self, exclude=None):
        """Report a duplicate credit code against the credit-code field, not the whole form."""
        try:
            super().validate_constraints(exclude=exclude)
        except ValidationError as exc:
            errors = exc.update_error_dict({})
            general = errors.pop(NON_FIELD_ERRORS, [])
            mine = [e for e in general if e.code == "unique_credit_code"]
            if mine:
                errors.setdefault("credit_code", []).extend(mine)
            if set(general) - set(mine):
                errors[NON_FIELD_ERRORS] = [e for e in general if e not in mine]
            raise ValidationError(errors) from None

    def _existing(self, name):
        """The related row, or None when the id names none (clean_fields reports that)."""
        try:
            return getattr(self, name)
        except ObjectDoesNotExist:
            return None

    def _grid_worker_errors(self):
        worker = self._existing("grid_worker")
        if worker is None:
            return {}
        if not is_grid_worker(worker) or (self.grid_id and worker.grid_id != self.grid_id):
            return {"grid_worker": _("Must be a grid worker of the enterprise's grid.")}
        return {}


class QualificationKind(models.TextChoices):
    HIGH_TECH = "high_tech", _("High-tech enterprise")
    TECH_SME = "tech_sme", _("Tech-based SME")
    INNOVATIVE_SME = "innovative_sme", _("Innovative SME")
    SPECIALIZED = "specialized", _("Specialised and sophisticated SME")
    LITTLE_GIANT = "little_giant", _("Little giant")
    GAZELLE = "gazelle", _("Gazelle enterprise")
    ABOVE_SCALE = "above_scale", _("Above designated size")


class Qualification(models.Model):
    """An official title a firm holds, with its dates."""

    enterprise = models.ForeignKey(Enterprise, on_delete=models.CASCADE,
                                   related_name="qualifications")
    kind = models.CharField(_("qualification"), max_length=20, choices=QualificationKind.choices)
    granted_on = models.DateField(_("granted on"))
    expires_on = models.DateField(_("expires on"), null=True, blank=True)

    class Meta:
        verbose_name = _("qualification")
        verbose_name_plural = _("qualifications")
        ordering = ["kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["enterprise", "kind"], name="uniq_qualification",
                violation_error_message=_("The enterprise already holds this qualification."),
            ),
            models.CheckConstraint(
                condition=Q(expires_on__isnull=True) | Q(expires_on__gte=models.F("granted_on")),
                name="qualification_dates_ordered",
                violation_error_message=_("The expiry date must not be before the grant date."),
            ),
        ]

    def __str__(self):
        return self.get_kind_display()

    def is_current(self, on=None) -> bool:
        on = on or timezone.localdate()
        return self.granted_on <= on and (self.expires_on is None or on <= self.expires_on)


def _amount(name, label, *, signed=False):
    validators = [bound(name, label)] if signed else [reject_negative, bound(name, label)]
    return models.DecimalField(label, max_digits=16, decimal_places=2, null=True, blank=True,
                               validators=validators)


def _count(name, label):
    return models.PositiveIntegerField(label, null=True, blank=True, validators=[bound(name, label)])


class AnnualIndicator(models.Model):
    """One firm's figures for one year; money in 万元."""

    enterprise = models.ForeignKey(Enterprise, on_delete=models.CASCADE,
                                   related_name="indicators")
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(1990), MaxValueValidator(2100)])
    revenue = _amount("revenue", _("operating revenue"))
    main_business_revenue = _amount("main_business_revenue", _("main business revenue"))
    total_profit = _amount("total_profit", _("total profit"), signed=True)
    tax_paid = _amount("tax_paid", _("tax paid"))
    rd_expense = _amount("rd_expense", _("R&D expense"))
    employees = _count("employees", _("employees"))
    rd_staff = _count("rd_staff", _("R&D staff"))
    total_assets = _amount("total_assets", _("total assets"))
    total_liabilities = _amount("total_liabilities", _("total liabilities"))
    export_value = _amount("export_value", _("export value"))
    fixed_asset_investment = _amount("fixed_asset_investment", _("fixed-asset investment"))
    invention_patents = _count("invention_patents", _("invention patents"))
    class1_ip = _count("class1_ip", _("class I IP"))
    class2_ip = _count("class2_ip", _("class II IP"))
    land_area_mu = _amount("land_area_mu", _("land area (mu)"))
    energy_consumption_tce = _amount("energy_consumption_tce", _("energy consumption (tce)"))
    equity_financing = _amount("equity_financing", _("equity financing"))

    class Meta:
        verbose_name = _("annual indicators")
        verbose_name_plural = _("annual indicators")
        ordering = ["enterprise", "year"]
        constraints = [
            models.UniqueConstraint(
                fields=["enterprise", "year"], name="uniq_indicator_year",
                violation_error_message=_("Indicators for this year already exist."),
            ),
        ]

    def __str__(self):
        return f"{self.enterprise} {self.year}"

    def clean(self):
        errors = {}
        if self.main_business_revenue and self.revenue is not None and \
                self.main_business_revenue > self.revenue:
            errors["main_business_revenue"] = _("Cannot exceed operating revenue.")
        if self.rd_staff and self.employees is not None and self.rd_staff > self.employees:
            errors["rd_staff"] = _("Cannot exceed the number of employees.")
        if errors:
            raise ValidationError(errors)


INDICATOR_FIELDS = [
    "revenue", "main_business_revenue", "total_profit", "tax_paid", "rd_expense", "employees",
    "rd_staff", "total_assets", "total_liabilities", "export_value", "fixed_asset_investment",
    "invention_patents", "class1_ip", "class2_ip", "land_area_mu", "energy_consumption_tce",
    "equity_financing",
]


class Offering(TimeStampedModel):
    """A product or capability a firm offers (indexed for matching later)."""

    class Kind(models.TextChoices):
        PRODUCT = "product", _("Product")
        CAPABILITY = "capability", _("Capability")

    enterprise = models.ForeignKey(Enterprise, on_delete=models.CASCADE, related_name="offerings")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.PRODUCT)
    name = models.CharField(_("name"), max_length=200, validators=[reject_markup])
    description = models.TextField(_("description"), blank=True, max_length=2000,
                                   validators=[reject_markup])
    tags = models.JSONField(_("tags"), default=list, blank=True)

    class Meta:
        verbose_name = _("product or capability")
        verbose_name_plural = _("products and capabilities")
        ordering = ["enterprise", "id"]

    def __str__(self):
        return self.name


class Need(TimeStampedModel):
    """Something a firm needs: a supplier, buyers for idle capacity, a service, talent …"""

    class Kind(models.TextChoices):
        SUPPLY = "supply", _("Supply")
        CAPACITY = "capacity", _("Idle capacity")
        SERVICE = "service", _("Service")
        TALENT = "talent", _("Talent")
        TECHNOLOGY = "technology", _("Technology")
        LAND = "land", _("Land or premises")

    enterprise = models.ForeignKey(Enterprise, on_delete=models.CASCADE, related_name="needs")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    description = models.TextField(_("description"), max_length=2000, validators=[reject_markup])
    tags = models.JSONField(_("tags"), default=list, blank=True)
    is_open = models.BooleanField(_("open"), default=True)

    class Meta:
        verbose_name = _("need")
        verbose_name_plural = _("needs")
        ordering = ["enterprise", "id"]

    def __str__(self):
        return self.description[:40]


class Contact(models.Model):
    """A contact person at a firm."""

    enterprise = models.ForeignKey(Enterprise, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(_("name"), max_length=50, validators=[reject_markup])
    role = models.CharField(_("position"), max_length=50, blank=True, validators=[reject_markup])
    phone = models.CharField(_("phone"), max_length=30, blank=True, validators=[reject_markup])
    email = models.EmailField(_("e-mail"), blank=True)

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        ordering = ["enterprise", "id"]

    def __str__(self):
        return self.name


class EnterpriseMembership(models.Model):
    """Binds an enterprise user to the one firm they act for."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                related_name="membership")
    enterprise = models.ForeignKey(Enterprise, on_delete=models.CASCADE, related_name="members")

    class Meta:
        verbose_name = _("enterprise membership")
        verbose_name_plural = _("enterprise memberships")

    def __str__(self):
        return f"{self.user} → {self.enterprise}"


class ImportBatch(models.Model):
    """One upload of the enterprise workbook: its outcome and its per-row error report."""

    class Outcome(models.TextChoices):
        SUCCEEDED = "succeeded", _("Imported")
        FAILED = "failed", _("Rejected")

    park = models.ForeignKey(Park, on_delete=models.CASCADE, related_name="+")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                              related_name="+")
    filename = models.CharField(_("file"), max_length=255)
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices)
    rows = models.PositiveIntegerField(_("rows"), default=0)
    created = models.PositiveIntegerField(_("created"), default=0)
    updated = models.PositiveIntegerField(_("updated"), default=0)
    errors = models.JSONField(_("errors"), default=list, blank=True)
    created_at = models.DateTimeField(_("time"), auto_now_add=True)

    class Meta:
        verbose_name = _("import batch")
        verbose_name_plural = _("import batches")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.filename} ({self.get_outcome_display()})"
