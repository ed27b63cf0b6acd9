"""The cultivation pool: plans per firm, their actions and recognitions (issue 12)."""

from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from yuanqu.accounts.models import Park
from yuanqu.accounts.permissions import is_office
from yuanqu.core.models import TimeStampedModel
from yuanqu.core.validators import reject_markup
from yuanqu.enterprises.models import Enterprise

__all__ = ["Tier", "PlanStatus", "ActionStatus", "CultivationPlan", "PlanAction", "ProgressNote",
           "Recognition", "QUALIFICATION_OF", "VALID_YEARS"]


class Tier(models.TextChoices):
    """The official tiers, in the order of the ladder (codes as the tier engine names them)."""

    INNOVATIVE_SME = "innovative_sme", _("Innovative SME")
    SPECIALIZED_SME = "specialized_sme", _("Specialised and sophisticated SME")
    LITTLE_GIANT = "little_giant", _("Little giant")
    GAZELLE = "gazelle", _("Gazelle enterprise")
    ABOVE_SCALE = "above_scale", _("Above designated size")


# The registry's qualification kind that holds each tier's title.
QUALIFICATION_OF = {Tier.INNOVATIVE_SME: "innovative_sme", Tier.SPECIALIZED_SME: "specialized",
                    Tier.LITTLE_GIANT: "little_giant", Tier.GAZELLE: "gazelle",
                    Tier.ABOVE_SCALE: "above_scale"}
# How long a title holds before 复核 (63号: three years); 规上 is a statistical status without a term.
VALID_YEARS = {Tier.INNOVATIVE_SME: 3, Tier.SPECIALIZED_SME: 3, Tier.LITTLE_GIANT: 3, Tier.GAZELLE: 3,
               Tier.ABOVE_SCALE: None}


def _year_field(label):
    return models.PositiveSmallIntegerField(label, validators=[MinValueValidator(2000),
                                                                MaxValueValidator(2100)])


class PlanStatus(models.TextChoices):
    ACTIVE = "active", _("In progress")
    RECOGNISED = "recognised", _("Recognised")
    CLOSED = "closed", _("Closed")


class CultivationPlan(TimeStampedModel):
    """The park's plan to bring one firm to one tier: a service officer, actions and a target year."""

    park = models.ForeignKey(Park, on_delete=models.CASCADE, related_name="+", verbose_name=_("park"))
    enterprise = models.ForeignKey(Enterprise, on_delete=models.CASCADE, related_name="cultivation_plans",
                                   verbose_name=_("enterprise"))
    tier = models.CharField(_("tier"), max_length=20, choices=Tier.choices)
    officer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                verbose_name=_("service officer"))
    target_year = _year_field(_("target year"))
    goal = models.TextField(_("cultivation goal"), blank=True, max_length=2000, validators=[reject_markup])
    status = models.CharField(_("status"), max_length=20, choices=PlanStatus.choices,
                              default=PlanStatus.ACTIVE)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    close_reason = models.CharField(_("reason for closing"), max_length=200, blank=True,
                                    validators=[reject_markup])
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", verbose_name=_("created by"))

    class Meta:
        verbose_name = _("cultivation plan")
        verbose_name_plural = _("cultivation plans")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["enterprise", "tier"], condition=Q(status="active"), name="uniq_active_plan_per_tier",
                violation_error_message=_("This firm already has a plan in progress for this tier.")),
        ]
        indexes = [models.Index(fields=["park", "status", "tier"]),
                   models.Index(fields=["officer", "status"])]

    def __str__(self):
        return f"{self.enterprise} · {self.get_tier_display()}"

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("assessments:plan_detail", args=[self.pk])

    @property
    def is_active(self) -> bool:
        return self.status == PlanStatus.ACTIVE

    def clean(self):
        errors = {}
        if self.enterprise_id and self.park_id and self.enterprise.park_id != self.park_id:
            errors["enterprise"] = _("The firm belongs to another park.")
        officer = self.officer if self.officer_id else None
        if officer and not (officer.is_active and is_office(officer) and officer.park_id == self.park_id):
            errors["officer"] = _("The service officer must be an active staff member or grid worker of "
                                  "the firm's park.")
        if self.pk is None and self.target_year and self.target_year < timezone.localdate().year:
            errors["target_year"] = _("The target year cannot be in the past.")
        if errors:
            raise ValidationError(errors)


class ActionStatus(models.TextChoices):
    TODO = "todo", _("To do")
    DOING = "doing", _("Under way")
    DONE = "done", _("Done")
    DROPPED = "dropped", _("Dropped")


OPEN_ACTION_STATUSES = (ActionStatus.TODO, ActionStatus.DOING)


class PlanAction(TimeStampedModel):
    """One step of a plan (apply for an IP right, set up an R&D centre …) with its deadline."""

    plan = models.ForeignKey(CultivationPlan, on_delete=models.CASCADE, related_name="actions",
                             verbose_name=_("cultivation plan"))
    title = models.CharField(_("action"), max_length=200, validators=[reject_markup])
    detail = models.TextField(_("details"), blank=True, max_length=2000, validators=[reject_markup])
    due_on = models.DateField(_("deadline"))
    status = models.CharField(_("status"), max_length=20, choices=ActionStatus.choices,
                              default=ActionStatus.TODO)
    done_on = models.DateField(_("done on"), null=True, blank=True)
    # Set when the officer was told the action is overdue (remind_cultivation claims it); a new
    # deadline clears it.
    reminded_at = models.DateTimeField(_("overdue reminder sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("plan action")
        verbose_name_plural = _("plan actions")
        ordering = ["due_on", "id"]
        # Overdue scans and counts read (status, due_on); the deadline is stored, never recomputed.
        indexes = [models.Index(fields=["status", "due_on"])]
        constraints = [
            models.CheckConstraint(
                condition=(Q(status="done", done_on__isnull=False)
                           | (~Q(status="done") & Q(done_on__isnull=True))),
                name="plan_action_done_on_with_done",
                violation_error_message=_("An action has a completion date exactly when it is done.")),
        ]

    def __str__(self):
        return self.title

    def is_overdue(self, today: date | None = None) -> bool:
        return self.status in OPEN_ACTION_STATUSES and self.due_on < (today or timezone.localdate())

    def clean(self):
        if self.done_on and self.done_on > timezone.localdate():
            raise ValidationError({"done_on": _("The completion date cannot be in the future.")})


class ProgressNote(models.Model):
    """A dated line of what happened on a plan (visit, advice given, documents received)."""

    plan = models.ForeignKey(CultivationPlan, on_delete=models.CASCADE, related_name="notes",
                             verbose_name=_("cultivation plan"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="+", verbose_name=_("author"))
    text = models.TextField(_("progress note"), max_length=2000, validators=[reject_markup])
    created_at = models.DateTimeField(_("time"), auto_now_add=True)

    class Meta:
        verbose_name = _("progress note")
        verbose_name_plural = _("progress notes")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return self.text[:40]


class Recognition(TimeStampedModel):
    """An official recognition of a firm in a tier (the list the authority published), counted in the
    park's yearly figures; recording it closes the firm's plan for that tier."""

    park = models.ForeignKey(Park, on_delete=models.CASCADE, related_name="+", verbose_name=_("park"))
    enterprise = models.ForeignKey(Enterprise, on_delete=models.CASCADE, related_name="recognitions",
                                   verbose_name=_("enterprise"))
    tier = models.CharField(_("tier"), max_length=20, choices=Tier.choices)
    year = _year_field(_("recognition year"))
    recognised_on = models.DateField(_("recognised on"))
    document_number = models.CharField(_("document number"), max_length=100, blank=True,
                                       validators=[reject_markup])
    note = models.CharField(_("note"), max_length=500, blank=True, validators=[reject_markup])
    plan = models.ForeignKey(CultivationPlan, null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="recognitions", verbose_name=_("cultivation plan"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+",
                                    verbose_name=_("recorded by"))

    class Meta:
        verbose_name = _("recognition")
        verbose_name_plural = _("recognitions")
        ordering = ["-recognised_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["enterprise", "tier", "year"], name="uniq_recognition_per_year",
                violation_error_message=_("This recognition of the firm is already recorded for this year.")),
        ]
        indexes = [models.Index(fields=["park", "year", "tier"])]

    def __str__(self):
        return f"{self.enterprise} · {self.get_tier_display()} · {self.year}"

    def clean(self):
        errors = {}
        if self.enterprise_id and self.park_id and self.enterprise.park_id != self.park_id:
            errors["enterprise"] = _("The firm belongs to another park.")
        if self.recognised_on and self.recognised_on > timezone.localdate():
            errors["recognised_on"] = _("The recognition date cannot be in the future.")
        elif self.recognised_on and self.year and self.recognised_on.year not in (self.year, self.year + 1):
            errors["recognised_on"] = _("The date must fall in the recognition year (or early in the next "
                                        "year, when the list is published late).")
        if errors:
            raise ValidationError(errors)

    def expires_on(self) -> date | None:
        """The last day of the title's term (None: no term)."""
        years = VALID_YEARS[Tier(self.tier)]
        if years is None:
            return None
        return _add_years(self.recognised_on, years) - timedelta(days=1)


def _add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February: the anniversary is 1 March
        return date(day.year + years, 3, 1)
