"""Staff verdicts on suggestions (Feedback) and introductions (撮合记录): the read side and the only
code that writes them. Each write is atomic, permission-checked and audited."""

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q, Sum
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from yuanqu.accounts.models import User
from yuanqu.accounts.permissions import (
    is_enterprise_user,
    is_grid_worker,
    is_institution_user,
    is_staff_member,
)
from yuanqu.core.audit import diff, record, snapshot
from yuanqu.core.models import AuditAction
from yuanqu.core.tenancy import restrict_to_parks
from yuanqu.demands.models import Demand
from yuanqu.enterprises.permissions import member_enterprise_id
from yuanqu.notifications.services import notify

from . import index
from .models import Feedback, Introduction, Kind
from .permissions import can_introduce, can_judge_suggestions, can_record_outcome
from .semantic import demand_text

INTRODUCTION_FIELDS = ["seeker", "resource", "need", "demand", "introduced_on", "outcome", "amount",
                       "signed_on", "note"]
FEEDBACK_FIELDS = ["resource", "demand", "accepted", "rank"]
VERDICT_FIELDS = ["seeker", "accepted", "rank", "query", "query_kind", "features"]
OPEN_OUTCOMES = (Introduction.Outcome.PENDING, Introduction.Outcome.TALKING)


def _require(allowed: bool):
    """Services check the predicates themselves, so no caller can forget."""
    if not allowed:
        raise PermissionDenied


# ---- read side -------------------------------------------------------------------------------

def visible_introductions(user):
    """Staff and the district: their parks; a grid worker: its grid's firms; a firm: its own
    introductions (as seeker or as owner); an institution: those to its own resources."""
    qs = restrict_to_parks(Introduction.objects.all(), user)
    if is_staff_member(user):
        return qs
    if is_grid_worker(user):
        grid = user.grid_id or 0
        return qs.filter(Q(seeker__grid_id=grid) | Q(resource__owner__grid_id=grid))
    if is_enterprise_user(user):
        firm = member_enterprise_id(user) or 0
        return qs.filter(Q(seeker_id=firm) | Q(resource__owner_id=firm))
    if is_institution_user(user):
        return qs.filter(resource__institution_id=user.institution_id or 0)
    return qs.none()


def list_introductions(user):
    """The list page's rows with everything a row shows, in one query."""
    return visible_introductions(user).select_related(
        "seeker", "resource", "resource__owner", "resource__institution", "demand", "introduced_by", "park")


def get_introduction_for_user(user, pk, *, write=False) -> Introduction:
    """The introduction; 404 whether missing or invisible, 403 if visible but not the user's to update."""
    try:
        intro = list_introductions(user).get(pk=pk)
    except (Introduction.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    if write and not can_record_outcome(user, intro):
        raise PermissionDenied
    return intro


def introduction_counts(qs) -> dict:
    """Introductions, firms matched (distinct firms on either side of a signed order) and the
    signed amount (万元): two queries whatever the number of rows."""
    signed = Q(outcome=Introduction.Outcome.SIGNED)
    totals = qs.aggregate(total=Count("pk"), amount=Sum("amount", filter=signed))
    pairs = qs.filter(outcome=Introduction.Outcome.SIGNED).values_list("seeker_id", "resource__owner_id")
    firms = {firm for pair in pairs for firm in pair if firm}
    return {"total": totals["total"], "firms_matched": len(firms), "amount": totals["amount"] or Decimal("0")}


def verdicts_for(user, demand) -> dict:
    """resource id → accepted (True/False) for the user's own verdicts on this demand's suggestions."""
    rows = Feedback.objects.filter(actor=user, demand=demand).values_list("resource_id", "accepted")
    return dict(rows)


def open_introductions_for(demand) -> set:
    """Resource ids already introduced for this demand's firm and not closed."""
    return set(Introduction.objects.filter(seeker_id=demand.enterprise_id, outcome__in=OPEN_OUTCOMES)
               .values_list("resource_id", flat=True))


# ---- write side ------------------------------------------------------------------------------

@transaction.atomic
def record_feedback(*, demand, resource, accepted: bool, actor, rank=0, features=None, query="") -> Feedback:
    """Record (or change) the actor's verdict on one suggestion for a demand: one row per
    (actor, demand, resource), so a second click changes the verdict instead of adding a vote."""
    _require(can_judge_suggestions(actor, demand))
    _same_park(resource, demand.park_id, "resource")
    Demand.objects.select_for_update().filter(pk=demand.pk).first()  # serialise double clicks
    row = Feedback.objects.filter(actor=actor, demand=demand, resource=resource).first()
    before = snapshot(row, FEEDBACK_FIELDS) if row else {}
    row = row or Feedback(actor=actor, demand=demand, resource=resource, park_id=demand.park_id)
    row.seeker_id, row.accepted, row.rank = demand.enterprise_id, bool(accepted), min(max(0, int(rank)), 999)
    row.query, row.query_kind, row.features = (query or demand_text(demand))[:2000], "", features or {}
    row.save(update_fields=VERDICT_FIELDS if before else None)  # a changed verdict: its own columns
    changes = diff(before, snapshot(row, FEEDBACK_FIELDS))
    if changes:
        record(actor, AuditAction.UPDATE if before else AuditAction.CREATE, demand,
               entity=_("Match feedback"), changes=changes)
        transaction.on_commit(lambda: index.sync(resource))  # its past-outcomes signal moved
    return row


def _same_park(resource, park_id, field):
    if resource.park_id != park_id:
        raise ValidationError({field: _("The resource belongs to another park.")})


def _check_pair(seeker, resource):
    """An introduction joins a firm to the owner of another firm's or an institution's resource."""
    _same_park(resource, seeker.park_id, "resource")
    if not (resource.owner_id or resource.institution_id):
        raise ValidationError({"resource": _("This resource has no owner firm or institution to introduce.")})
    if resource.owner_id == seeker.pk:
        raise ValidationError({"resource": _("A firm cannot be introduced to its own resource.")})
    if resource.kind == Kind.NEED:
        raise ValidationError(
            {"resource": _("A need cannot be offered: choose a product, capability or service.")})
    if not resource.is_active:
        raise ValidationError({"resource": _("This resource has been retired.")})


@transaction.atomic
def introduce(*, seeker, resource, actor, demand=None, need=None, note="") -> Introduction:
    """Introduce `seeker` to the owner of `resource` and tell both sides; an open introduction of
    the same pair is returned as it is (a second click does not introduce twice)."""
    _require(can_introduce(actor, seeker))
    _check_pair(seeker, resource)
    existing = Introduction.objects.filter(seeker=seeker, resource=resource,
                                           outcome__in=OPEN_OUTCOMES).first()
    if existing:
        return existing
    intro = Introduction(park_id=seeker.park_id, seeker=seeker, resource=resource, demand=demand, need=need,
                         introduced_by=actor, introduced_on=timezone.localdate(), note=note)
    intro.full_clean()
    intro.save()
    record(actor, AuditAction.CREATE, intro, entity=_("Introduction"),
           changes=diff({}, snapshot(intro, INTRODUCTION_FIELDS)))
    _notify_introduced(intro)
    return intro


def _notify_introduced(intro):
    resource = intro.resource
    owner = resource.owner.name if resource.owner_id else resource.institution.name
    users = User.objects.filter(Q(membership__enterprise_id__in=[intro.seeker_id, resource.owner_id or 0])
                                | Q(institution_id=resource.institution_id or 0))
    notify(list(users), intro, _("The park introduced %(seeker)s to %(owner)s for “%(title)s”.")
           % {"seeker": intro.seeker.name, "owner": owner, "title": resource.title})


def _clean_outcome(outcome, amount, signed_on) -> dict:
    """Field → message for an outcome that cannot be recorded as given."""
    errors = {}
    if outcome not in Introduction.Outcome.values:
        errors["outcome"] = _("Unknown outcome %(value)s.") % {"value": outcome}
    elif outcome == Introduction.Outcome.SIGNED:
        if amount is None:
            errors["amount"] = _("A signed order needs its amount (10k yuan).")
        if signed_on is None:
            errors["signed_on"] = _("A signed order needs its signing date.")
    if amount is not None and amount < 0:
        errors["amount"] = _("The order amount cannot be negative.")
    if signed_on is not None and signed_on > timezone.localdate():
        errors["signed_on"] = _("The signing date cannot be in the future.")
    return errors


@transaction.atomic
def record_outcome(intro, *, outcome, actor, amount=None, signed_on=None, note=None) -> Introduction:
    """Record how an introduction went: in talks, signed (amount in 万元 and date) or failed.
    Only a signed order keeps an amount and date."""
    _require(can_record_outcome(actor, intro))
    errors = _clean_outcome(outcome, amount, signed_on)
    if errors:
        raise ValidationError(errors)
    before = snapshot(intro, INTRODUCTION_FIELDS)
    signed = outcome == Introduction.Outcome.SIGNED
    intro.outcome = outcome
    intro.amount, intro.signed_on = (amount, signed_on) if signed else (None, None)
    if note is not None:
        intro.note = note
    intro.full_clean()
    intro.save(update_fields=["outcome", "amount", "signed_on", "note", "updated_at"])
    record(actor, AuditAction.TRANSITION, intro, entity=_("Introduction"),
           changes=diff(before, snapshot(intro, INTRODUCTION_FIELDS)))
    return intro
