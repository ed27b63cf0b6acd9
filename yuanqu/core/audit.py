"""Audit trail helpers: snapshot a record, diff two snapshots, write AuditEvent rows."""

import datetime
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType

from .models import AuditAction, AuditEvent


def _plain(value):
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, datetime.date | datetime.datetime):
        return value.isoformat()
    return value


def snapshot(obj, fields) -> dict:
    """The JSON-safe values of `fields` on `obj` (foreign keys as their ids)."""
    return {f: _plain(getattr(obj, obj._meta.get_field(f).attname)) for f in fields}


def diff(before: dict, after: dict) -> dict:
    """{field: [old, new]} for every field whose value changed."""
    keys = before.keys() | after.keys()
    return {k: [before.get(k), after.get(k)] for k in sorted(keys) if before.get(k) != after.get(k)}


def actor_name(actor) -> str:
    if actor is None:
        return "system"
    return getattr(actor, "full_name", "") or actor.get_username()


def build_event(actor, action: AuditAction, root, *, entity="", changes=None, note=""):
    """An unsaved AuditEvent (for bulk_create in imports)."""
    return AuditEvent(
        actor=actor, actor_repr=actor_name(actor), action=action,
        content_type=ContentType.objects.get_for_model(root), object_id=str(root.pk),
        object_repr=str(root)[:255], entity=entity, changes=changes or {}, note=note[:500],
    )


def record(actor, action: AuditAction, root, *, entity="", changes=None, note="") -> AuditEvent:
    """Write one audit row about `root` (call inside the transaction that made the change)."""
    event = build_event(actor, action, root, entity=entity, changes=changes, note=note)
    event.save()
    return event


def history_for(root):
    """Audit events attached to `root`, newest first."""
    ct = ContentType.objects.get_for_model(root)
    return AuditEvent.objects.filter(content_type=ct, object_id=str(root.pk)).select_related("actor")
