"""Write side: the only code that changes key projects, their milestones, notes and problems.

Each action is atomic, checks its permission predicate, runs `full_clean()` and writes an audit row on
the project. Milestone dates follow `schedule.py` (whole working days on the official calendar); the
stored colours (`Milestone.health`, `Project.health`) follow `status.py` and are refreshed whenever
milestones change and daily by `scan_projects`.
"""

from datetime import date
from pathlib import PurePath

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.utils import timezone
from django.utils.translation import gettext as _
from PIL import Image

from yuanqu.accounts.permissions import is_office
from yuanqu.calendar.queries import work_calendar
from yuanqu.core.audit import diff, record, snapshot
from yuanqu.core.exceptions import Conflict
from yuanqu.core.models import AuditAction

from . import schedule, status
from .models import Milestone, MonthlyInvestment, ProgressNote, ProgressPhoto, Project, ProjectProblem
from .permissions import (
    can_add_note,
    can_create_project,
    can_delete_project,
    can_edit_project,
    can_raise_problem,
    can_schedule_project,
    can_track,
)

PROJECT_FIELDS = [
    "park", "name", "year", "level", "industry", "investor", "investor_name", "total_investment",
    "annual_planned_investment", "floor_area_m2", "plot", "stage", "target_date", "template",
    "lead", "firm_contact_name", "firm_contact_phone", "score_intensity", "score_technology",
    "score_driving", "score_tax", "description",
]
EDITABLE = set(PROJECT_FIELDS) - {"park", "template", "target_date", "lead"}
MILESTONE_PLAN = ["planned_start", "planned_finish", "float_days", "critical"]
MILESTONE_FORECAST = ["forecast_start", "forecast_finish", "health"]
UNSET = object()


def _require(allowed: bool):
    """Services check the permission predicates themselves, so no caller can forget."""
    if not allowed:
        raise PermissionDenied


def _today() -> date:
    return timezone.localdate()


def _attnames(data: dict) -> dict:
    """Form data holds objects (plot=<Plot>), API data ids (plot_id=3): accept both."""
    return {k: v for k, v in data.items() if k.removesuffix("_id") in EDITABLE}


def _assign(obj, data: dict):
    for key, value in data.items():
        setattr(obj, key, value)


REFS = {"investor": ("enterprises", "Enterprise"), "plot": ("land", "Plot"),
        "industry": ("reference", "IndustryCode")}


def unknown_user() -> str:
    return _("No such user.")


def unknown_template() -> str:
    return _("No such milestone template.")


def resolve_refs(data: dict) -> dict:
    """API ids (investor_id=3) → records, so an unknown id is a field error rather than a crash in
    the model's cross-park checks; the checks themselves stay in `Project.clean()`."""
    from django.apps import apps

    out, errors = {}, {}
    for key, value in data.items():
        name = key.removesuffix("_id")
        if name in REFS and value is not None:
            obj = apps.get_model(*REFS[name]).objects.filter(pk=value).first()
            if obj is None:
                errors[name] = _("No such record: %(value)s.") % {"value": str(value)[:20]}
            out[name] = obj
        else:
            out[key] = value
    if errors:
        raise ValidationError(errors)
    return out


def _entity(label, obj=None) -> str:
    return f"{label} {obj}" if obj is not None else str(label)


# projects


@transaction.atomic
def create_project(park, *, data: dict, actor) -> Project:
    """A key project in `park`; the audit row holds every field it was created with."""
    _require(can_create_project(actor, park))
    project = Project(park=park)
    _assign(project, _attnames(data))
    project.full_clean()
    project.save()
    record(actor, AuditAction.CREATE, project, entity=_("Key project"),
           changes=diff({}, snapshot(project, PROJECT_FIELDS)))
    return project


@transaction.atomic
def update_project(project: Project, data: dict, *, actor) -> Project:
    """Change a project's facts; the audit row holds each changed field's old and new value."""
    stored = Project.objects.select_for_update().get(pk=project.pk)
    _require(can_edit_project(actor, stored))
    data = _attnames(data)
    before = snapshot(stored, PROJECT_FIELDS)
    _assign(project, data)
    project.full_clean()
    changes = diff(before, snapshot(project, PROJECT_FIELDS))
    if changes:
        fields = sorted({project._meta.get_field(k).name for k in changes} | {"updated_at"})
        project.save(update_fields=fields)
        record(actor, AuditAction.UPDATE, project, entity=_("Key project"), changes=changes)
    return project


@transaction.atomic
def delete_project(project: Project, *, actor) -> None:
    """Delete a project with its milestones, notes and problem links (the demands stay)."""
    _require(can_delete_project(actor, project))
    record(actor, AuditAction.DELETE, project, entity=_("Key project"),
           changes=diff(snapshot(project, PROJECT_FIELDS), {}))
    try:
        project.delete()
    except ProtectedError:
        raise Conflict(_("Records of other modules still refer to this project; it cannot be "
                         "deleted.")) from None


def _check_team(project, lead, members):
    errors = {}
    if lead is not None and not (is_office(lead) and lead.park_id == project.park_id):
        errors["lead"] = _("The lead must be a member of this park's office.")
    strangers = [str(m) for m in members if not (is_office(m) and m.park_id == project.park_id)]
    if strangers:
        errors["members"] = _("Not members of this park's office: %(names)s.") % {
            "names": "、".join(strangers[:5])}
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def set_task_force(project: Project, *, lead, members, firm_contact_name="", firm_contact_phone="",
                   actor) -> Project:
    """The task force (工作专班): its lead and members from the park office, and the firm's contact."""
    _require(can_edit_project(actor, project))
    members = list(members)
    _check_team(project, lead, members)
    before = {**snapshot(project, ["lead", "firm_contact_name", "firm_contact_phone"]),
              "members": sorted(project.members.values_list("pk", flat=True))}
    _assign(project, {"lead": lead, "firm_contact_name": firm_contact_name,
                      "firm_contact_phone": firm_contact_phone})
    project.full_clean()
    project.save(update_fields=["lead", "firm_contact_name", "firm_contact_phone", "updated_at"])
    project.members.set(members)
    project.__dict__.pop("_member_ids", None)
    after = {**snapshot(project, ["lead", "firm_contact_name", "firm_contact_phone"]),
             "members": sorted(m.pk for m in members)}
    changes = diff(before, after)
    if changes:
        record(actor, AuditAction.UPDATE, project, entity=_("Task force"), changes=changes)
    return project


# planning


def _steps(milestones):
    return schedule.steps_of(milestones)


def _schedule_error(exc) -> ValidationError:
    """ScheduleError → a ValidationError on `milestones` naming each problem's milestones."""
    return ValidationError({"milestones": [f"{'、'.join(keys)}：{msg}" for keys, msg in exc.problems]})


def _check_target(target, milestones, today):
    if target is None:
        raise ValidationError({"target_date": _("This field is required.")})
    if target < today:
        raise ValidationError({"target_date": _("The target date cannot be before today.")})
    done = [m for m in milestones if m.actual_finish and m.actual_finish > target]
    if done:
        raise ValidationError({"target_date": _("The target date cannot be before the finish of "
                                                "“%(name)s” (%(day)s).") % {
            "name": done[0].name, "day": done[0].actual_finish.isoformat()}})


def _plan(milestones, target, cal):
    """Store the backward plan (latest start/finish, float, critical) on the unsaved rows."""
    try:
        plan = schedule.backward(_steps(milestones), target, cal)
    except schedule.ScheduleError as exc:
        raise _schedule_error(exc) from None
    for m in milestones:
        slot = plan.slot(m.key)
        m.planned_start, m.planned_finish = slot.latest_start, slot.latest_finish
        m.float_days, m.critical = slot.float_days, slot.critical
    return plan


def _forecast(milestones, today, cal):
    """Re-plan what is not finished from the actuals (not before its planned start), then colour
    each milestone."""
    actuals = {m.key: (m.actual_start, m.actual_finish) for m in milestones}
    not_before = {m.key: m.planned_start for m in milestones if m.planned_start}  # never ahead of plan
    try:
        forecast = schedule.replan(_steps(milestones), actuals, today, cal, not_before=not_before)
    except schedule.ScheduleError as exc:
        raise _schedule_error(exc) from None
    for m in milestones:
        m.forecast_start, m.forecast_finish = forecast[m.key]
        m.health = status.milestone_health(planned_finish=m.planned_finish, forecast_finish=m.forecast_finish,
                                           actual_finish=m.actual_finish, today=today, cal=cal)
    return status.project_health(m.health for m in milestones)


def _store_health(project, health, today) -> bool:
    """Conditional UPDATE: only a changed colour writes (the daily scan is idempotent)."""
    changed = Project.objects.filter(pk=project.pk).exclude(health=health, health_on__isnull=False) \
        .update(health=health, health_on=today)
    project.health, project.health_on = health, today
    return bool(changed)


@transaction.atomic
def apply_template(project: Project, template, target: date, *, actor) -> list[Milestone]:
    """Create the project's milestones from `template`, scheduled backwards from `target` (倒排工期).

    Replaces milestones that have no actual dates yet; once any milestone has actuals, re-plan with
    `set_target` instead (409)."""
    project = Project.objects.select_for_update().get(pk=project.pk)
    _require(can_schedule_project(actor, project))
    if template.park_id not in (None, project.park_id):
        raise ValidationError({"template": _("This template belongs to another park.")})
    if project.milestones.exclude(actual_start=None, actual_finish=None).exists():
        raise Conflict(_("Milestones already have actual dates; change the target date to re-plan."))
    today, cal = _today(), work_calendar()
    _check_target(target, [], today)
    milestones = [Milestone(project=project, order=s.order, key=s.key, name=s.name,
                            duration_days=s.duration_days, after=list(s.after))
                  for s in template.steps.order_by("order", "id")]
    _plan(milestones, target, cal)
    health = _forecast(milestones, today, cal)
    for m in milestones:
        m.full_clean(exclude=["project"])
    project.milestones.all().delete()
    Milestone.objects.bulk_create(milestones)
    Project.objects.filter(pk=project.pk).update(template=template, target_date=target)
    _store_health(project, health, today)
    record(actor, AuditAction.UPDATE, project, entity=_("Milestone plan"),
           changes={"template": [None, str(template)], "target_date": [None, target.isoformat()]})
    return list(project.milestones.order_by("order", "id"))


@transaction.atomic
def set_target(project: Project, target: date, *, actor) -> Project:
    """Move the target date and re-plan backwards from it; actual dates are kept."""
    project = Project.objects.select_for_update().get(pk=project.pk)
    _require(can_schedule_project(actor, project))
    milestones = list(project.milestones.order_by("order", "id"))
    today, cal = _today(), work_calendar()
    _check_target(target, milestones, today)
    before = project.target_date
    project.target_date = target
    project.save(update_fields=["target_date", "updated_at"])
    _replan(project, milestones, target, today, cal)
    record(actor, AuditAction.UPDATE, project, entity=_("Target date"),
           changes=diff({"target_date": before and before.isoformat()}, {"target_date": target.isoformat()}))
    return project


def _replan(project, milestones, target, today, cal):
    if milestones:
        _plan(milestones, target, cal)
        _store_health(project, _forecast(milestones, today, cal), today)
        Milestone.objects.bulk_update(milestones, MILESTONE_PLAN + MILESTONE_FORECAST)


def replan_after_import(project):
    """The import changed a planned project's target (checked there): re-plan backwards from it."""
    milestones = list(project.milestones.order_by("order", "id"))
    _replan(project, milestones, project.target_date, _today(), work_calendar())


def _check_actuals(milestone, siblings, today):
    errors = {}
    start, finish = milestone.actual_start, milestone.actual_finish
    if start and start > today:
        errors["actual_start"] = _("The actual start cannot be after today.")
    if finish and finish > today:
        errors["actual_finish"] = _("The actual finish cannot be after today.")
    elif finish and start and finish < start:
        errors["actual_finish"] = _("The actual finish cannot be before the actual start.")
    by_key = {m.key: m for m in siblings}
    for key in milestone.after:
        pred = by_key.get(key)
        own = start or finish
        if pred and pred.actual_finish and own and own < pred.actual_finish:
            field = "actual_start" if start else "actual_finish"
            errors.setdefault(field, _("Cannot be before “%(name)s” finished (%(day)s).") % {
                "name": pred.name, "day": pred.actual_finish.isoformat()})
    for succ in (m for m in siblings if milestone.key in m.after and m.actual_finish):
        if finish and finish > succ.actual_finish:
            errors.setdefault("actual_finish", _("Cannot be after “%(name)s” finished (%(day)s).") % {
                "name": succ.name, "day": succ.actual_finish.isoformat()})
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def update_milestone(milestone: Milestone, *, actual_start=UNSET, actual_finish=UNSET, note=UNSET,
                     actor) -> Milestone:
    """Record a milestone's actual dates (or clear them with None), re-plan the rest and re-colour.

    Bad input (ValidationError naming the field): a date after today, a finish before the start,
    a start or finish before a finished predecessor's finish."""
    project = Project.objects.select_for_update().get(pk=milestone.project_id)
    _require(can_track(actor, project))
    milestones = list(project.milestones.order_by("order", "id"))
    current = next(m for m in milestones if m.pk == milestone.pk)
    before = snapshot(current, ["actual_start", "actual_finish", "note"])
    given = {"actual_start": actual_start, "actual_finish": actual_finish, "note": note}
    _assign(current, {k: v for k, v in given.items() if v is not UNSET})
    today, cal = _today(), work_calendar()
    _check_actuals(current, milestones, today)
    current.full_clean(exclude=["project"])
    health = _forecast(milestones, today, cal)
    Milestone.objects.bulk_update(milestones, ["actual_start", "actual_finish", "note", *MILESTONE_FORECAST])
    _store_health(project, health, today)
    changes = diff(before, snapshot(current, ["actual_start", "actual_finish", "note"]))
    if changes:
        record(actor, AuditAction.UPDATE, project, entity=_entity(_("Milestone"), current), changes=changes)
    _assign(milestone, {f: getattr(current, f) for f in
                        ["actual_start", "actual_finish", "note", *MILESTONE_FORECAST]})
    return current


def refresh_project(project, milestones, today, cal) -> bool:
    """Re-forecast and re-colour one project's milestones; writes only what changed."""
    old = {m.pk: (m.forecast_start, m.forecast_finish, m.health) for m in milestones}
    health = _forecast(milestones, today, cal) if milestones else "green"
    changed = [m for m in milestones if old[m.pk] != (m.forecast_start, m.forecast_finish, m.health)]
    if changed:
        Milestone.objects.bulk_update(changed, MILESTONE_FORECAST)
    before = project.health
    stored = _store_health(project, health, today)
    if before != health:
        record(None, AuditAction.UPDATE, project, entity=_("Progress status"),
               changes={"health": [before, health]})
    return bool(changed) or stored


def refresh_health(projects, today: date | None = None) -> int:
    """The daily scan: re-forecast every project from today and store changed colours (idempotent).

    Returns how many projects changed; each project is its own short transaction."""
    today, cal = today or _today(), work_calendar()
    count = 0
    for project in projects.prefetch_related("milestones"):
        with transaction.atomic():
            milestones = sorted(project.milestones.all(), key=lambda m: (m.order, m.id))
            count += refresh_project(project, milestones, today, cal)
    return count


# daily tracking


MAX_PHOTOS = 9
MAX_PHOTO_BYTES = 10 * 1024 * 1024
PHOTO_FORMATS = {"JPEG", "PNG", "GIF", "WEBP"}


def _photo_problem(upload):
    if upload.size > MAX_PHOTO_BYTES:
        return _("larger than 10 MB")
    try:
        with Image.open(upload) as img:
            fmt = img.format
            img.verify()  # reads the whole file: a truncated or renamed one fails here
    except Exception:  # noqa: BLE001 - Pillow raises many types (also DecompressionBombError)
        fmt = None
    finally:
        upload.seek(0)
    return None if fmt in PHOTO_FORMATS else _("not an image (JPEG, PNG, GIF or WebP only)")


def check_photos(photos):
    """ValidationError on `photos` naming every file that is not an acceptable image."""
    if len(photos) > MAX_PHOTOS:
        raise ValidationError({"photos": _("At most %(n)d photos per note.") % {"n": MAX_PHOTOS}})
    problems = [f"{getattr(u, 'name', '') or _('file')}：{p}" for u in photos if (p := _photo_problem(u))]
    if problems:
        raise ValidationError({"photos": problems})


def _caption(upload) -> str:
    return PurePath(getattr(upload, "name", "") or "").stem[:200]


def _save_investment(project, on, amount):
    month = on.replace(day=1)
    row = MonthlyInvestment.objects.filter(project=project, month=month).first()
    before = row.amount if row else None
    row = row or MonthlyInvestment(project=project, month=month)
    row.amount = amount
    row.full_clean()
    row.save()
    return {f"investment {month:%Y-%m}": [before and str(before), str(amount)]}


@transaction.atomic
def add_progress_note(project: Project, *, on: date, text: str, milestone=None, photos=(),
                      month_amount=None, actor) -> ProgressNote:
    """A daily tracking note (日跟踪) with site photos and, optionally, the month's invested amount
    (万元, replaces what the month had). Every photo is checked before anything is saved."""
    _require(can_add_note(actor, project))
    if month_amount is not None and not can_track(actor, project):
        raise PermissionDenied
    photos = list(photos)
    check_photos(photos)
    if on and on > _today():
        raise ValidationError({"on": _("The date cannot be after today.")})
    if milestone is not None and milestone.project_id != project.pk:
        raise ValidationError({"milestone": _("The milestone belongs to another project.")})
    note = ProgressNote(project=project, on=on, text=text, milestone=milestone, author=actor)
    note.full_clean()
    note.save()
    for upload in photos:
        ProgressPhoto.objects.create(note=note, image=upload, caption=_caption(upload))
    changes = {"on": [None, on.isoformat()], "photos": [None, len(photos)]}
    if month_amount is not None:
        changes |= _save_investment(project, on, month_amount)
    record(actor, AuditAction.CREATE, project, entity=_("Progress note"), changes=changes, note=text[:200])
    return note


@transaction.atomic
def raise_problem(project: Project, *, title: str, text: str, actor, urgency=None) -> ProjectProblem:
    """File an on-site problem as the investor firm's demand (routed and tracked in demands) and
    link it to the project. A project without a registered investor firm cannot file one."""
    from yuanqu.demands import services as demand_services

    _require(can_raise_problem(actor, project))
    if project.investor_id is None:
        raise ValidationError({"investor": _("The project has no registered investor firm; register the "
                                             "firm and choose it as the investor first.")})
    data = {"title": title, "text": text, "contact_name": project.firm_contact_name,
            "contact_phone": project.firm_contact_phone,
            "address": str(project.plot) if project.plot_id else ""}
    if urgency:
        data["urgency"] = urgency
    demand = demand_services.submit(enterprise=project.investor, data=data, actor=actor,
                                    channel=demand_services.channel_for(actor))
    problem = ProjectProblem.objects.create(project=project, demand=demand, raised_by=actor)
    record(actor, AuditAction.CREATE, project, entity=_("Problem"),
           changes={"demand": [None, demand.number]}, note=title)
    return problem
