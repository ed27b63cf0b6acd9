from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MinLengthValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from yuanqu.accounts.models import Department, Grid, Park
from yuanqu.core.validators import reject_markup
from yuanqu.enterprises.models import Enterprise

from .workflow import OPEN, Action, Status


class Urgency(models.TextChoices):
    NORMAL = "normal", _("Normal")
    URGENT = "urgent", _("Urgent")
    EMERGENCY = "emergency", _("Emergency")


class Channel(models.TextChoices):
    PORTAL = "portal", _("Enterprise portal")
    STAFF = "staff", _("Entered by staff (phone, visit)")
    GRID = "grid", _("Grid worker visit")
    API = "api", _("API")
    OPEN311 = "open311", _("Open311 (e.g. 12345 hotline)")


class Rating(models.TextChoices):
    SATISFIED = "satisfied", _("Satisfied")
    BASIC = "basic", _("Basically satisfied")
    UNSATISFIED = "unsatisfied", _("Unsatisfied")


class Category(models.Model):
    """A demand category of one park's taxonomy (admins edit it), with default routing and limits."""

    park = models.ForeignKey(Park, on_delete=models.CASCADE, related_name="demand_categories")
    code = models.SlugField(_("code"), max_length=30)
    name = models.CharField(_("name"), max_length=50, validators=[reject_markup])
    description = models.CharField(_("description"), max_length=255, blank=True,
                                   validators=[reject_markup])
    department = models.ForeignKey(Department, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", verbose_name=_("default handling department"))
    days_normal = models.PositiveSmallIntegerField(_("limit, normal (working days)"), default=10)
    days_urgent = models.PositiveSmallIntegerField(_("limit, urgent (working days)"), default=3)
    hours_emergency = models.PositiveSmallIntegerField(_("limit, emergency (hours)"), default=24)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("demand category")
        verbose_name_plural = _("demand categories")
        ordering = ["park", "order", "id"]
        constraints = [models.UniqueConstraint(
            fields=["park", "code"], name="uniq_category_code",
            violation_error_message=_("A category with this code already exists."))]

    def __str__(self):
        return self.name


class SubType(models.Model):
    """A sub-type within a category; may override the category's department."""

    category = models.ForeignKey(Category, on_delete=models.CASCADE, related_name="subtypes")
    name = models.CharField(_("name"), max_length=50, validators=[reject_markup])
    department = models.ForeignKey(Department, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", verbose_name=_("handling department"))
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("sub-type")
        verbose_name_plural = _("sub-types")
        ordering = ["category", "id"]
        constraints = [models.UniqueConstraint(fields=["category", "name"], name="uniq_subtype")]

    def __str__(self):
        return self.name


class RoutingRule(models.Model):
    """Category (+ sub-type, + grid) → lead department and co-handling units. Most specific wins."""

    park = models.ForeignKey(Park, on_delete=models.CASCADE, related_name="+")
    category = models.ForeignKey(Category, on_delete=models.CASCADE, related_name="rules")
    subtype = models.ForeignKey(SubType, null=True, blank=True, on_delete=models.CASCADE,
                                related_name="+", verbose_name=_("sub-type"))
    grid = models.ForeignKey(Grid, null=True, blank=True, on_delete=models.CASCADE,
                             related_name="+", verbose_name=_("grid"))
    department = models.ForeignKey(Department, on_delete=models.CASCADE, related_name="+",
                                   verbose_name=_("lead department"))
    co_departments = models.ManyToManyField(Department, blank=True, related_name="+",
                                            verbose_name=_("co-handling departments"))

    class Meta:
        verbose_name = _("routing rule")
        verbose_name_plural = _("routing rules")

    def __str__(self):
        return f"{self.category} → {self.department}"


class DemandCounter(models.Model):
    """The last number issued per year; locked while a demand takes the next one."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    value = models.PositiveIntegerField(default=0)

    def __str__(self):
        return f"{self.year}: {self.value}"


class Demand(models.Model):
    """A firm's problem or request (诉求) and its handling."""

    park = models.ForeignKey(Park, on_delete=models.PROTECT, related_name="demands")
    number = models.CharField(_("number"), max_length=20, unique=True, editable=False)
    enterprise = models.ForeignKey(Enterprise, on_delete=models.PROTECT, related_name="demands",
                                   verbose_name=_("enterprise"))
    title = models.CharField(_("title"), max_length=100, validators=[reject_markup])
    text = models.TextField(_("description"), validators=[
        reject_markup,
        MinLengthValidator(5, message=_(
            "Describe the problem in at least %(limit_value)d characters (now %(show_value)d).")),
        MaxLengthValidator(5000, message=_(
            "Keep the description within %(limit_value)d characters (now %(show_value)d); "
            "put the rest in an attachment."))])
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                     related_name="+", verbose_name=_("submitted by"))
    contact_name = models.CharField(_("contact"), max_length=50, blank=True, validators=[reject_markup])
    contact_phone = models.CharField(_("contact phone"), max_length=30, blank=True,
                                     validators=[reject_markup])
    address = models.CharField(_("location"), max_length=255, blank=True, validators=[reject_markup])
    category = models.ForeignKey(Category, null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="demands", verbose_name=_("category"))
    subtype = models.ForeignKey(SubType, null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="+", verbose_name=_("sub-type"))
    urgency = models.CharField(_("urgency"), max_length=10, choices=Urgency.choices,
                               default=Urgency.NORMAL)
    category_confirmed = models.BooleanField(_("category confirmed by staff"), default=False)
    ai = models.JSONField(_("AI suggestion"), default=dict, blank=True)
    needs_triage = models.BooleanField(_("in the triage queue"), default=False, db_index=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices,
                              default=Status.PENDING)
    department = models.ForeignKey(Department, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="demands", verbose_name=_("lead department"))
    co_departments = models.ManyToManyField(Department, blank=True, related_name="co_demands",
                                            verbose_name=_("co-handling departments"))
    handler = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="handled_demands",
                                verbose_name=_("handler"))
    merged_into = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="duplicates", verbose_name=_("merged into"))
    reply = models.TextField(_("answer"), blank=True, validators=[reject_markup, MaxLengthValidator(5000)])
    rating = models.CharField(_("rating"), max_length=20, choices=Rating.choices, blank=True)
    rating_comment = models.CharField(_("rating comment"), max_length=500, blank=True,
                                      validators=[reject_markup])
    reopen_count = models.PositiveSmallIntegerField(_("times reopened"), default=0)
    created_at = models.DateTimeField(_("submitted at"), auto_now_add=True, db_index=True)
    routed_at = models.DateTimeField(_("routed at"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    suspended_at = models.DateTimeField(_("suspended at"), null=True, blank=True)
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    rated_at = models.DateTimeField(_("rated at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    deadline_at = models.DateTimeField(_("deadline"), null=True, blank=True)
    warn_at = models.DateTimeField(_("warn at"), null=True, blank=True)
    warned_at = models.DateTimeField(_("handler warned at"), null=True, blank=True)
    escalated_at = models.DateTimeField(_("escalated at"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    # Row version: every service write claims the version it read (services._claim), so of two
    # concurrent actions the later one gets 409 whatever it depended on.
    version = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        verbose_name = _("demand")
        verbose_name_plural = _("demands")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["park", "status", "-created_at"]),
            models.Index(fields=["enterprise", "-created_at"]),
            models.Index(fields=["department", "status"]),
            models.Index(fields=["handler", "status"]),
            # scan_sla reads only open demands still to be warned / escalated.
            models.Index(fields=["warn_at"], name="demand_warn_due",
                         condition=Q(warned_at__isnull=True, status__in=sorted(OPEN))),
            models.Index(fields=["deadline_at"], name="demand_escalation_due",
                         condition=Q(escalated_at__isnull=True, status__in=sorted(OPEN))),
        ]

    def __str__(self):
        return f"{self.number} {self.title}"

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("demands:demand_detail", args=[self.pk])

    def clean(self):
        if self.enterprise_id and self.park_id and self.enterprise.park_id != self.park_id:
            raise ValidationError({"enterprise": _("The enterprise belongs to another park.")})
        if self.subtype_id and self.subtype.category_id != self.category_id:
            raise ValidationError({"subtype": _("The sub-type belongs to another category.")})

    @property
    def is_open(self):
        return self.status in OPEN


class DemandEvent(models.Model):
    """One step of a demand's timeline: who did what, when, with which note (the audit trail)."""

    demand = models.ForeignKey(Demand, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                              related_name="+")
    actor_repr = models.CharField(max_length=150, blank=True)
    action = models.CharField(_("action"), max_length=20)
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20, blank=True)
    note = models.TextField(_("note"), blank=True)
    data = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(_("time"), auto_now_add=True)

    class Meta:
        verbose_name = _("demand event")
        verbose_name_plural = _("demand events")
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"{self.demand_id} {self.action}"

    @property
    def action_label(self):
        labels = dict(Action.choices) | dict(EVENT_LABELS)
        return labels.get(self.action, self.action)


EVENT_LABELS = [("submit", _("Submitted")), ("route", _("Routed")), ("classify", _("Category set")),
                ("reply", _("Answered")), ("warn", _("Deadline warning")),
                ("escalate", _("Escalated")), ("attach", _("Attachment added")),
                ("merged", _("Duplicate merged in"))]

ALLOWED_UPLOADS = {".pdf": "application/pdf", ".jpg": "image/jpeg", ".jpeg": "image/jpeg",
                   ".png": "image/png", ".doc": "application/msword", ".xls": "application/vnd.ms-excel",
                   ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                   ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024


class Attachment(models.Model):
    """A file attached to a demand (type and size limited)."""

    demand = models.ForeignKey(Demand, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to="demands/%Y/%m/")
    name = models.CharField(max_length=200)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                    related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self):
        return self.name


class ReplyTemplate(models.Model):
    """A canned answer handlers start from."""

    park = models.ForeignKey(Park, on_delete=models.CASCADE, related_name="+")
    category = models.ForeignKey(Category, null=True, blank=True, on_delete=models.CASCADE,
                                 related_name="templates")
    title = models.CharField(_("title"), max_length=100, validators=[reject_markup])
    body = models.TextField(_("text"), validators=[reject_markup])

    class Meta:
        verbose_name = _("reply template")
        verbose_name_plural = _("reply templates")

    def __str__(self):
        return self.title
