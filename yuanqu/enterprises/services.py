"""Write side: the only code that changes firm records. Each action is atomic and audited."""

from collections import Counter

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import ProtectedError
from django.utils.translation import gettext as _

from yuanqu.accounts.models import Grid
from yuanqu.core.audit import diff, record, snapshot
from yuanqu.core.exceptions import Conflict
from yuanqu.core.models import AuditAction

from .models import (
    INDICATOR_FIELDS,
    AnnualIndicator,
    Contact,
    Enterprise,
    Need,
    Offering,
    Qualification,
)
from .permissions import can_create_in, can_delete, can_edit, can_edit_child, forbidden_changes
from .sizing import size_from_years

ENTERPRISE_FIELDS = [
    "park", "name", "credit_code", "legal_rep", "founded_on", "registered_capital", "address",
    "zone", "grid", "grid_worker", "industry", "status", "description",
]


def _require(allowed: bool):
    """Services check the permission predicates themselves, so no caller can forget."""
    if not allowed:
        raise PermissionDenied


def _attnames(data: dict) -> dict:
    """Form data holds objects (grid=<Grid>), API data ids (grid_id=3): compare both as ids."""
    return {k if k.endswith("_id") or not hasattr(v, "pk") else f"{k}_id": getattr(v, "pk", v)
            for k, v in data.items()}


def _assign(obj, data: dict):
    for key, value in data.items():
        setattr(obj, key, value)


def _default_worker(ent):
    """A firm without a named grid worker gets its grid's first worker as first responder."""
    grid = Grid.objects.filter(pk=ent.grid_id).first() if ent.grid_id else None  # unknown: full_clean says so
    if grid and ent.grid_worker_id is None:
        ent.grid_worker = grid.workers.filter(is_active=True).order_by("id").first()


def size_class_for(ent, latest=None) -> str:
    """The firm's size from its newest year with the figures its sector needs (`latest`: that row)."""
    if latest is not None:
        years = [(latest.employees, latest.revenue, latest.total_assets)]
    else:
        years = ent.indicators.order_by("-year").values_list("employees", "revenue", "total_assets")
    size = size_from_years(ent.industry_id, years)
    return size.value if size else ""


@transaction.atomic
def create_enterprise(*, park, data: dict, actor, instance=None) -> Enterprise:
    """Register a firm in `park` (`instance`: an unsaved Enterprise to fill, e.g. the admin's)."""
    _require(can_create_in(actor, park))
    ent = instance or Enterprise(park=park)
    ent.park = park
    _assign(ent, data)
    _default_worker(ent)
    ent.full_clean()
    ent.save()
    record(actor, AuditAction.CREATE, ent, entity=_("Enterprise information"),
           changes=diff({}, snapshot(ent, ENTERPRISE_FIELDS)))
    return ent


@transaction.atomic
def update_enterprise(ent: Enterprise, data: dict, *, actor) -> Enterprise:
    """Change a firm's registry fields; records the before/after of each changed field."""
    # Read "before" from the locked row: a bound ModelForm has already changed `ent` in memory.
    stored = Enterprise.objects.select_for_update().get(pk=ent.pk)
    _require(can_edit(actor, stored) and not forbidden_changes(actor, stored, _attnames(data)))
    before = snapshot(stored, ENTERPRISE_FIELDS)
    _assign(ent, data)
    _default_worker(ent)
    ent.full_clean()
    ent.size_class = size_class_for(ent)
    changes = diff(before, snapshot(ent, ENTERPRISE_FIELDS))
    ent.save()
    if changes:
        record(actor, AuditAction.UPDATE, ent, entity=_("Enterprise information"), changes=changes)
    return ent


@transaction.atomic
def delete_enterprise(ent: Enterprise, *, actor) -> None:
    """Delete a firm and everything attached; the audit row survives it.

    Records other apps protect (demands) block the deletion: 409 with how many of each."""
    _require(can_delete(actor, ent))
    record(actor, AuditAction.DELETE, ent, entity=_("Enterprise information"),
           changes=diff(snapshot(ent, ENTERPRISE_FIELDS), {}))
    try:
        ent.delete()
    except ProtectedError as exc:
        raise Conflict(_blocked_message(exc.protected_objects)) from None


def _blocked_message(objects) -> str:
    counts = Counter(str(obj._meta.verbose_name) for obj in objects)
    records = "、".join(_("%(count)d %(name)s") % {"count": n, "name": name} for name, n in counts.items())
    return _("The enterprise still has %(records)s and cannot be deleted; those records are kept "
             "for the record.") % {"records": records}


@transaction.atomic
def save_indicators(ent: Enterprise, year: int, data: dict, *, actor) -> AnnualIndicator:
    """Create or replace one year's indicators (fields not given become empty)."""
    _require(can_edit(actor, ent))
    row = AnnualIndicator.objects.filter(enterprise=ent, year=year).first()
    created = row is None
    row = row or AnnualIndicator(enterprise=ent, year=year)
    before = {} if created else snapshot(row, INDICATOR_FIELDS)
    _assign(row, {f: data.get(f) for f in INDICATOR_FIELDS})
    row.full_clean()
    row.save()
    changes = diff(before, snapshot(row, INDICATOR_FIELDS))
    action = AuditAction.CREATE if created else AuditAction.UPDATE
    if changes:
        record(actor, action, ent, entity=_("Indicators %(year)s") % {"year": year}, changes=changes)
    _refresh_size(ent)
    return row


@transaction.atomic
def delete_indicators(ent: Enterprise, year: int, *, actor) -> None:
    """Delete one year's indicators; the firm's size is then taken from the years left."""
    _require(can_edit(actor, ent))
    row = AnnualIndicator.objects.filter(enterprise=ent, year=year).first()
    if row is None:
        return
    record(actor, AuditAction.DELETE, ent, entity=_("Indicators %(year)s") % {"year": year},
           changes=diff(snapshot(row, INDICATOR_FIELDS), {}))
    row.delete()
    _refresh_size(ent)


def _refresh_size(ent):
    size = size_class_for(ent)
    if size != ent.size_class:
        Enterprise.objects.filter(pk=ent.pk).update(size_class=size)
        ent.size_class = size


CHILD_FIELDS = {
    Qualification: ["kind", "granted_on", "expires_on"],
    Offering: ["kind", "name", "description", "tags"],
    Need: ["kind", "description", "tags", "is_open"],
    Contact: ["name", "role", "phone", "email"],
}


def _child_label(obj):
    return f"{obj._meta.verbose_name} {obj}"


@transaction.atomic
def save_child(ent: Enterprise, obj, data: dict, *, actor):
    """Create or update a qualification, product, need or contact of `ent`."""
    _require(can_edit_child(actor, ent, type(obj)))
    fields = CHILD_FIELDS[type(obj)]
    created = obj.pk is None
    before = {} if created else snapshot(type(obj).objects.get(pk=obj.pk), fields)
    obj.enterprise = ent
    _assign(obj, {k: v for k, v in data.items() if k in fields})
    obj.full_clean()
    obj.save()
    action = AuditAction.CREATE if created else AuditAction.UPDATE
    record(actor, action, ent, entity=_child_label(obj), changes=diff(before, snapshot(obj, fields)))
    return obj


@transaction.atomic
def delete_child(ent: Enterprise, obj, *, actor) -> None:
    """Delete a qualification, product, need or contact of `ent`."""
    _require(can_edit_child(actor, ent, type(obj)))
    fields = CHILD_FIELDS[type(obj)]
    record(actor, AuditAction.DELETE, ent, entity=_child_label(obj),
           changes=diff(snapshot(obj, fields), {}))
    obj.delete()
