"""Key investment projects (重点项目): task force, backward-scheduled milestones, daily progress,
monthly investment, on-site problems (filed as demands), and the weekly dispatch meeting (周调度).

Money is in 万元 as in the registry; floor area in m². Scheduling conventions are in
`schedule.py`; the colour rules (green/yellow/red) in `status.py`.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from yuanqu.accounts.models import Park
from yuanqu.core.models import TimeStampedModel
from yuanqu.core.validators import reject_markup, reject_negative
from yuanqu.demands.models import Demand
from yuanqu.enterprises.models import Enterprise
from yuanqu.land.models import Plot
from yuanqu.reference.models import IndustryCode


class Level(models.TextChoices):
    CITY = "city", _("City level")
    DISTRICT = "district", _("District level")
    PARK = "park", _("Park level")


class Stage(models.TextChoices):
    SIGNED = "signed", _("Signed")
    REGISTERED = "registered", _("Company registered")
    LAND = "land", _("Land supplied")
    STARTED = "started", _("Construction started")
    BUILDING = "building", _("Under construction")
    COMPLETED = "completed", _("Completed")
    OPERATING = "operating", _("In production")


class Health(models.TextChoices):
    GREEN = "green", _("On track")
    YELLOW = "yellow", _("Lagging")
    RED = "red", _("Overdue")


def _money(label, **extra):
    return models.DecimalField(label, max_digits=14, decimal_places=2, validators=[reject_negative], **extra)


def _score(label):
    return models.PositiveSmallIntegerField(label, null=True, blank=True, validators=[MaxValueValidator(100)])


class Project(TimeStampedModel):
    """A key project, its investor, plot, stage, task force and selection scores."""

    park = models.ForeignKey(Park, on_delete=models.PROTECT, related_name="projects", verbose_name=_("park"))
    name = models.CharField(_("project name"), max_length=200, validators=[reject_markup])
    year = models.PositiveSmallIntegerField(_("year listed"),
                                            validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    level = models.CharField(_("level"), max_length=20, choices=Level.choices, default=Level.PARK)
    industry = models.ForeignKey(IndustryCode, null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="+", verbose_name=_("industry"))
    investor = models.ForeignKey(Enterprise, null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="projects", verbose_name=_("investor firm"))
    investor_name = models.CharField(_("investor"), max_length=200, blank=True, validators=[reject_markup])
    total_investment = _money(_("total investment (10k yuan)"))
    annual_planned_investment = _money(_("planned investment this year (10k yuan)"), null=True, blank=True)
    floor_area_m2 = models.DecimalField(_("floor area (m²)"), max_digits=12, decimal_places=2, null=True,
                                        blank=True, validators=[reject_negative])
    plot = models.ForeignKey(Plot, null=True, blank=True, on_delete=models.SET_NULL, related_name="projects",
                             verbose_name=_("plot"))
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices, default=Stage.SIGNED)
    target_date = models.DateField(_("target date"), null=True, blank=True)
    template = models.ForeignKey("MilestoneTemplate", null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="+", verbose_name=_("milestone template"))
    lead = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="led_projects", verbose_name=_("task force lead"))
    members = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="task_forces",
                                     verbose_name=_("task force members"))
    firm_contact_name = models.CharField(_("firm contact"), max_length=50, blank=True,
                                         validators=[reject_markup])
    firm_contact_phone = models.CharField(_("firm contact phone"), max_length=30, blank=True,
                                          validators=[reject_markup])
    score_intensity = _score(_("investment intensity score"))
    score_technology = _score(_("technology content score"))
    score_driving = _score(_("driving effect score"))
    score_tax = _score(_("tax contribution score"))
    # Stored by the services whenever milestones change and by the daily `scan_projects`, so the
    # map, lists and dispatch agenda read a column (rule 4); `status.project_health` computes it.
    health = models.CharField(_("status"), max_length=10, choices=Health.choices, default=Health.GREEN,
                              db_index=True)
    health_on = models.DateField(_("status as of"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True, max_length=5000, validators=[reject_markup])

    class Meta:
        verbose_name = _("key project")
        verbose_name_plural = _("key projects")
        ordering = ["park", "-year", "name"]
        constraints = [
            models.UniqueConstraint(fields=["park", "year", "name"], name="uniq_project_name",
                                    violation_error_message=_("A project with this name already exists.")),
            models.CheckConstraint(
                condition=Q(annual_planned_investment__isnull=True)
                | Q(annual_planned_investment__lte=F("total_investment")),
                name="project_annual_within_total",
                violation_error_message=_("This year's planned investment cannot exceed the total."),
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        if not self.investor_id and not self.investor_name:
            raise ValidationError({"investor_name": _("Name the investor or choose a registered firm.")})
        if self.investor_id and self.investor.park_id != self.park_id:
            raise ValidationError({"investor": _("The investor must be a firm of the same park.")})
        if self.plot_id and self.plot.park_id != self.park_id:
            raise ValidationError({"plot": _("The plot must belong to the same park.")})


class MilestoneTemplate(models.Model):
    """A typical milestone chain for a project type; park None = built in for every park."""

    park = models.ForeignKey(Park, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(_("name"), max_length=100, validators=[reject_markup])

    class Meta:
        verbose_name = _("milestone template")
        verbose_name_plural = _("milestone templates")
        ordering = ["name"]

    def __str__(self):
        return self.name


class TemplateStep(models.Model):
    """One milestone of a template: key, duration in working days, the keys it follows."""

    template = models.ForeignKey(MilestoneTemplate, on_delete=models.CASCADE, related_name="steps")
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    key = models.SlugField(_("key"), max_length=40)
    name = models.CharField(_("name"), max_length=100, validators=[reject_markup])
    duration_days = models.PositiveSmallIntegerField(_("duration (working days)"))
    after = models.JSONField(_("after"), default=list, blank=True)

    class Meta:
        ordering = ["template", "order"]
        constraints = [models.UniqueConstraint(fields=["template", "key"], name="uniq_template_step")]

    def __str__(self):
        return self.name


class Milestone(models.Model):
    """A project's milestone: the backward-scheduled plan, the re-planned forecast and the actuals."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="milestones")
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    key = models.SlugField(_("key"), max_length=40)
    name = models.CharField(_("name"), max_length=100, validators=[reject_markup])
    duration_days = models.PositiveSmallIntegerField(_("duration (working days)"))
    after = models.JSONField(_("after"), default=list, blank=True)
    planned_start = models.DateField(_("planned start"), null=True, blank=True)
    planned_finish = models.DateField(_("planned finish"), null=True, blank=True, db_index=True)
    forecast_start = models.DateField(_("forecast start"), null=True, blank=True)
    forecast_finish = models.DateField(_("forecast finish"), null=True, blank=True)
    float_days = models.IntegerField(_("float (working days)"), null=True, blank=True)
    critical = models.BooleanField(_("on the critical path"), default=False)
    actual_start = models.DateField(_("actual start"), null=True, blank=True)
    actual_finish = models.DateField(_("actual finish"), null=True, blank=True)
    health = models.CharField(_("status"), max_length=10, choices=Health.choices, default=Health.GREEN)
    note = models.CharField(_("note"), max_length=500, blank=True, validators=[reject_markup])

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["project", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["project", "key"], name="uniq_milestone_key",
                                    violation_error_message=_("A milestone with this key already exists.")),
            models.CheckConstraint(
                condition=Q(actual_finish__isnull=True) | Q(actual_start__isnull=True)
                | Q(actual_finish__gte=F("actual_start")),
                name="milestone_actual_ordered",
                violation_error_message=_("The actual finish cannot be before the actual start."),
            ),
        ]

    def __str__(self):
        return self.name


class ProgressNote(models.Model):
    """A daily tracking note (日跟踪) from the site, optionally about one milestone."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="notes")
    milestone = models.ForeignKey(Milestone, null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="notes", verbose_name=_("milestone"))
    on = models.DateField(_("date"), db_index=True)
    text = models.TextField(_("progress"), max_length=5000, validators=[reject_markup])
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                               related_name="+", verbose_name=_("author"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("progress note")
        verbose_name_plural = _("progress notes")
        ordering = ["project", "-on", "-id"]

    def __str__(self):
        return f"{self.project} {self.on}"


class ProgressPhoto(models.Model):
    """A site photo of a progress note (checked to be an image by Pillow)."""

    note = models.ForeignKey(ProgressNote, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(_("photo"), upload_to="projects/photos/%Y/%m/")
    caption = models.CharField(_("caption"), max_length=200, blank=True, validators=[reject_markup])

    class Meta:
        verbose_name = _("site photo")
        verbose_name_plural = _("site photos")

    def __str__(self):
        return self.caption or self.image.name


class MonthlyInvestment(models.Model):
    """The amount invested in one month (万元); `month` is the first day of the month."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="investments")
    month = models.DateField(_("month"))
    amount = _money(_("invested (10k yuan)"))

    class Meta:
        verbose_name = _("monthly investment")
        verbose_name_plural = _("monthly investments")
        ordering = ["project", "month"]
        constraints = [
            models.UniqueConstraint(fields=["project", "month"], name="uniq_project_month"),
            models.CheckConstraint(condition=Q(month__day=1), name="investment_month_first_day"),
        ]

    def __str__(self):
        return f"{self.project} {self.month:%Y-%m}"


class ProjectProblem(models.Model):
    """A problem found on site, filed as a demand (routed and tracked there) and linked back."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="problems")
    demand = models.OneToOneField(Demand, on_delete=models.CASCADE, related_name="project_problem")
    raised_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                  related_name="+")
    created_at = models.DateTimeField(_("raised at"), auto_now_add=True)

    class Meta:
        verbose_name = _("project problem")
        verbose_name_plural = _("project problems")
        ordering = ["-created_at"]

    def __str__(self):
        return str(self.demand)


class Meeting(TimeStampedModel):
    """A weekly dispatch meeting (周调度): its agenda is generated, its minutes recorded."""

    park = models.ForeignKey(Park, on_delete=models.PROTECT, related_name="dispatch_meetings")
    held_on = models.DateField(_("meeting date"), db_index=True)
    title = models.CharField(_("title"), max_length=200, validators=[reject_markup])
    chair = models.CharField(_("chair"), max_length=50, blank=True, validators=[reject_markup])
    minutes = models.TextField(_("minutes"), blank=True, max_length=10000, validators=[reject_markup])
    closed = models.BooleanField(_("minutes final"), default=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                   related_name="+")

    class Meta:
        verbose_name = _("dispatch meeting")
        verbose_name_plural = _("dispatch meetings")
        ordering = ["park", "-held_on"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("projects:meeting_detail", args=[self.pk])


class AgendaItem(models.Model):
    """One agenda line: a red or yellow project, or an open problem, as it stood when generated."""

    class Reason(models.TextChoices):
        RED = "red", _("Overdue project")
        YELLOW = "yellow", _("Lagging project")
        PROBLEM = "problem", _("Open problem")
        ACTION = "action", _("Open action")  # carried over from an earlier meeting

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda")
    order = models.PositiveSmallIntegerField(default=0)
    reason = models.CharField(_("reason"), max_length=10, choices=Reason.choices)
    # None only for a carried-over action that names no project.
    project = models.ForeignKey(Project, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    problem = models.ForeignKey(ProjectProblem, null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="+")
    action = models.ForeignKey("Action", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    summary = models.CharField(_("summary"), max_length=500)

    class Meta:
        ordering = ["meeting", "order"]

    def __str__(self):
        return self.summary


class Action(TimeStampedModel):
    """A decision's action from the minutes (owner, deadline), tracked to closure."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="actions")
    project = models.ForeignKey(Project, null=True, blank=True, on_delete=models.CASCADE,
                                related_name="actions")
    decision = models.TextField(_("decision"), max_length=2000, validators=[reject_markup])
    action = models.CharField(_("action"), max_length=500, validators=[reject_markup])
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="dispatch_actions", verbose_name=_("owner"))
    owner_name = models.CharField(_("owner"), max_length=50, blank=True, validators=[reject_markup])
    due_on = models.DateField(_("deadline"), db_index=True)
    done_on = models.DateField(_("done on"), null=True, blank=True)
    result = models.CharField(_("result"), max_length=500, blank=True, validators=[reject_markup])

    class Meta:
        verbose_name = _("dispatch action")
        verbose_name_plural = _("dispatch actions")
        ordering = ["due_on", "id"]

    def __str__(self):
        return self.action

    def clean(self):
        errors = {}
        if not self.owner_id and not self.owner_name.strip():
            errors["owner_name"] = _("Name the owner or choose a user.")
        if self.owner_id and self.meeting_id and self.owner.park_id != self.meeting.park_id:
            errors["owner"] = _("The owner must be a user of the meeting's park.")
        if self.project_id and self.meeting_id and self.project.park_id != self.meeting.park_id:
            errors["project"] = _("The project must belong to the meeting's park.")
        if self.due_on and self.meeting_id and self.due_on < self.meeting.held_on:
            errors["due_on"] = _("The deadline cannot be before the meeting date.")
        errors.update(self._closing_errors())
        if errors:
            raise ValidationError(errors)

    def _closing_errors(self) -> dict:
        if self.done_on is None:
            return {"result": _("Close the action with a date.")} if self.result.strip() else {}
        if not self.result.strip():
            return {"result": _("Describe the result.")}
        if self.meeting_id and self.done_on < self.meeting.held_on:
            return {"done_on": _("The action cannot be done before the meeting that decided it.")}
        return {}
