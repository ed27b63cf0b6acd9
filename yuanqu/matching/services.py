"""Write side of resources and thesaurus lines: atomic, permission-checked, audited; the index follows
on commit (the database is the truth; `build_match_index` rebuilds the index from it)."""

import logging
import re

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from yuanqu.core.audit import diff, record, snapshot
from yuanqu.core.models import AuditAction
from yuanqu.nlp.thesaurus import parse_line

from . import index, thesaurus
from .models import Kind, Resource, SynonymLine
from .permissions import (
    can_create_resource,
    can_delete_synonym_line,
    can_manage_resource,
    can_manage_thesaurus,
    creatable_kinds,
    is_institution_manager,
)

logger = logging.getLogger(__name__)

RESOURCE_FIELDS = ["park", "kind", "title", "description", "tags", "industry", "owner", "institution",
                   "external_id", "is_active"]
EDITABLE = {"kind", "title", "description", "tags", "industry", "industry_id", "owner", "owner_id",
            "institution", "institution_id", "external_id"}
INSTITUTION_EDITABLE = {"title", "description", "tags", "industry", "industry_id", "external_id"}
TAG_SEPARATORS = re.compile(r"[、,，;；|｜\n]+")
MAX_TAGS, MAX_TAG_LENGTH = 30, 50


def _require(allowed: bool):
    if not allowed:
        raise PermissionDenied


def split_tags(value) -> list[str]:
    """Tags from a list or a string separated by 、 , ; or |: stripped, blanks and repeats dropped."""
    items = TAG_SEPARATORS.split(value) if isinstance(value, str) else list(value or [])
    return list(dict.fromkeys(t for t in (str(i).strip() for i in items) if t))


def check_tags(tags: list[str]):
    if len(tags) > MAX_TAGS:
        raise ValidationError({"tags": _("At most %(n)d tags.") % {"n": MAX_TAGS}})
    long = [t for t in tags if len(t) > MAX_TAG_LENGTH]
    if long:
        raise ValidationError({"tags": _("Tag “%(tag)s” is longer than %(n)d characters.")
                               % {"tag": long[0][:20], "n": MAX_TAG_LENGTH}})


def sync_later(resource):
    """Index the resource once the transaction commits; a failing index never undoes the saved row
    (the next sync or a rebuild repairs it)."""
    def run():
        try:
            index.sync(resource)
        except Exception:  # noqa: BLE001 - the write stands; the log says which resource to re-sync
            logger.exception("Could not index resource %s; run build_match_index", resource.pk)

    transaction.on_commit(run)


def remove_later(resource_ids):
    ids = list(resource_ids)

    def run():
        try:
            index.remove(ids)
        except Exception:  # noqa: BLE001
            logger.exception("Could not drop resources %s from the index; run build_match_index", ids)

    transaction.on_commit(run)


def _clean_fields(actor, fields: dict, allowed: set) -> dict:
    unknown = set(fields) - allowed
    if unknown:
        raise PermissionDenied
    if "tags" in fields:
        fields["tags"] = split_tags(fields["tags"])
        check_tags(fields["tags"])
    return fields


def _check_kind(actor, kind):
    if kind not in Kind.values:
        raise ValidationError({"kind": _("Unknown kind “%(kind)s”.") % {"kind": kind}})
    if kind not in creatable_kinds(actor):
        raise ValidationError({"kind": _("You cannot create resources of this kind here.")})


def _save(resource, before: dict, action, actor, update_fields=None):
    resource.full_clean()
    resource.save(update_fields=update_fields)
    changes = diff(before, snapshot(resource, RESOURCE_FIELDS))
    if changes or action == AuditAction.CREATE:
        record(actor, action, resource, entity=_("Resource"), changes=changes)
    sync_later(resource)
    return resource


@transaction.atomic
def create_resource(park, *, actor, **fields) -> Resource:
    """A new resource in `park`; an institution user's is a service of their institution."""
    _require(can_create_resource(actor, park))
    if is_institution_manager(actor):
        fields.pop("kind", None)  # forced: an institution offers services
        fields = _clean_fields(actor, fields, INSTITUTION_EDITABLE)
        fields.update(kind=Kind.SERVICE, institution_id=actor.institution_id)
    else:
        fields = _clean_fields(actor, fields, EDITABLE)
    _check_kind(actor, fields.get("kind", ""))
    resource = Resource(park=park, **fields)
    return _save(resource, {}, AuditAction.CREATE, actor)


@transaction.atomic
def update_resource(resource, *, actor, **fields) -> Resource:
    """Change a resource's fields; the audit row holds each changed field's old and new value."""
    stored = Resource.objects.select_for_update().get(pk=resource.pk)
    _require(can_manage_resource(actor, stored))
    allowed = INSTITUTION_EDITABLE if is_institution_manager(actor) else EDITABLE
    fields = _clean_fields(actor, fields, allowed)
    if "kind" in fields and fields["kind"] != stored.kind:
        _check_kind(actor, fields["kind"])
    before = snapshot(stored, RESOURCE_FIELDS)
    for key, value in fields.items():  # onto the locked row (rule 3), and the caller's copy
        setattr(stored, key, value)
        setattr(resource, key, value)
    return _save(stored, before, AuditAction.UPDATE, actor, update_fields=[*fields, "updated_at"])


def _set_active(resource, active: bool, *, actor) -> Resource:
    stored = Resource.objects.select_for_update().get(pk=resource.pk)
    _require(can_manage_resource(actor, stored))
    if stored.is_active == active:
        resource.is_active = active
        return resource
    resource.is_active = active
    resource.save(update_fields=["is_active", "updated_at"])
    record(actor, AuditAction.UPDATE, resource, entity=_("Resource"),
           changes={"is_active": [not active, active]})
    sync_later(resource)
    return resource


@transaction.atomic
def retire_resource(resource, *, actor) -> Resource:
    """Take a resource out of matching (kept for the record and for introductions)."""
    return _set_active(resource, False, actor=actor)


@transaction.atomic
def restore_resource(resource, *, actor) -> Resource:
    """Put a retired resource back into matching."""
    return _set_active(resource, True, actor=actor)


def check_synonym_line(text: str) -> str:
    """The line stripped; ValidationError on `line` with the parser's reason."""
    text = (text or "").strip()
    if not text:
        raise ValidationError({"line": _("This field is required.")})
    try:
        pairs = parse_line(text)
    except ValueError as exc:
        raise ValidationError({"line": str(exc)}) from None
    if not pairs:
        raise ValidationError({"line": _("The line holds no terms (only a comment).")})
    return text


@transaction.atomic
def add_synonym_line(park, line: str, *, actor) -> SynonymLine:
    """A thesaurus line for `park` (None: every park, district administrators only)."""
    _require(can_manage_thesaurus(actor) and (park is not None or actor.is_district))
    if park is not None and not actor.is_district and park.pk != actor.park_id:
        raise PermissionDenied
    obj = SynonymLine(park=park, line=check_synonym_line(line), created_by=actor)
    obj.full_clean()
    obj.save()
    record(actor, AuditAction.CREATE, obj, entity=_("Thesaurus line"), changes={"line": [None, obj.line]})
    transaction.on_commit(thesaurus.clear_cache)  # this process at once; the others within seconds
    return obj


@transaction.atomic
def delete_synonym_line(obj: SynonymLine, *, actor) -> None:
    _require(can_delete_synonym_line(actor, obj))
    record(actor, AuditAction.DELETE, obj, entity=_("Thesaurus line"), changes={"line": [obj.line, None]})
    obj.delete()
    transaction.on_commit(thesaurus.clear_cache)


# --- Registry copies: a firm's offerings and needs are resources too. No audit row of their own: the
# registry service that changed the offering or need has written it.

NEED_TITLE_LENGTH = 40


def need_title(description: str) -> str:
    """A need's title: its first sentence, at most ~40 characters."""
    text = " ".join((description or "").split())
    first = re.split(r"[。！？!?；;\n]", text, maxsplit=1)[0] or text
    return first if len(first) <= NEED_TITLE_LENGTH else first[:NEED_TITLE_LENGTH - 1] + "…"


def _mirror(lookup: dict, values: dict, sync: bool) -> Resource:
    resource = Resource.objects.filter(**lookup).first() or Resource(**lookup)
    for key, value in values.items():
        setattr(resource, key, value)
    resource.save()
    if sync:
        sync_later(resource)
    return resource


def _firm_values(ent) -> dict:
    return {"park_id": ent.park_id, "owner_id": ent.pk, "industry_id": ent.industry_id}


def mirror_offering(offering, *, sync=True) -> Resource:
    """The resource copy of a firm's product or capability (created or brought up to date)."""
    ent = offering.enterprise
    return _mirror({"offering": offering}, {
        **_firm_values(ent), "kind": offering.kind, "title": offering.name[:200],
        "description": offering.description or "", "tags": split_tags(offering.tags),
        "is_active": True}, sync)


def mirror_need(need, *, sync=True) -> Resource:
    """The resource copy of a firm's need; a closed need is retired from matching."""
    ent = need.enterprise
    return _mirror({"need": need}, {
        **_firm_values(ent), "kind": Kind.NEED, "title": need_title(need.description),
        "description": need.description or "", "tags": split_tags(need.tags),
        "is_active": need.is_open}, sync)


def refresh_firm_resources(ent) -> int:
    """A firm moved park or changed industry: its registry copies follow (and the index with them)."""
    stale = Resource.objects.filter(owner=ent).exclude(offering=None, need=None).exclude(
        park_id=ent.park_id, industry_id=ent.industry_id)
    changed = list(stale)
    for resource in changed:
        resource.park_id, resource.industry_id = ent.park_id, ent.industry_id
        resource.save(update_fields=["park", "industry", "updated_at"])
        sync_later(resource)
    return len(changed)
