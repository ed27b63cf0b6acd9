"""Atomic import of resources from .csv or .xlsx (columns id,title,description,tags and optionally
industry_code, owner_credit_code): every row is checked first; all rows or none are saved, and the
index follows after commit."""

import csv
import io
import logging
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from python_calamine import CalamineError, CalamineWorkbook

from yuanqu.core.audit import build_event, diff, snapshot
from yuanqu.core.models import AuditAction, AuditEvent
from yuanqu.enterprises.models import Enterprise
from yuanqu.reference.creditcode import normalise
from yuanqu.reference.models import IndustryCode

from . import index
from .models import Kind, Resource
from .services import MAX_TAG_LENGTH, MAX_TAGS, split_tags

logger = logging.getLogger(__name__)

REQUIRED = ("id", "title", "description", "tags")
OPTIONAL = ("industry_code", "owner_credit_code")
WRITE_FIELDS = ["title", "description", "tags", "industry", "owner", "is_active"]
AUDIT_FIELDS = ["kind", "external_id", *WRITE_FIELDS]
REBUILD_ABOVE = 5000  # more rows than this: one rebuild is cheaper than journalled upserts
MAX_ERRORS = 1000
BATCH = 1000


class ImportFileError(Exception):
    """A file that cannot be read at all (wrong type, encoding or header)."""


@dataclass
class ImportResult:
    rows: int = 0
    created: int = 0
    updated: int = 0
    errors: list = field(default_factory=list)  # [(row, column, reason)]

    @property
    def ok(self):
        return not self.errors


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # spreadsheets store 1001 as 1001.0
    return str(value).strip()


def _csv_rows(data: bytes):
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportFileError(_("The file is not UTF-8 text; save the CSV as UTF-8.")) from None
    return list(csv.reader(io.StringIO(text, newline="")))


def _xlsx_rows(data: bytes):
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise ImportFileError(_("The file is not a valid .xlsx workbook."))
    try:
        return list(CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0).iter_rows())
    except (CalamineError, OSError, ValueError, IndexError):
        raise ImportFileError(_("The file is not a valid .xlsx workbook.")) from None


def read_rows(path) -> list[tuple[int, dict]]:
    """(row number as the file counts it, {column: text}) for each non-blank data row."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise ImportFileError(_("Only .csv and .xlsx files can be imported."))
    try:
        data = path.read_bytes()
    except OSError:
        raise ImportFileError(_("The file cannot be read.")) from None
    rows = _csv_rows(data) if suffix == ".csv" else _xlsx_rows(data)
    if not rows:
        raise ImportFileError(_("The file is empty."))
    columns = _header(rows[0])
    out = []
    for number, cells in enumerate(rows[1:], start=2):
        values = {name: _cell(cells[i]) if i < len(cells) else "" for i, name in columns.items()}
        if any(values.values()):
            out.append((number, values))
    return out


def _header(cells) -> dict[int, str]:
    names = [_cell(c).lower() for c in cells]
    unknown = [n for n in names if n and n not in REQUIRED + OPTIONAL]
    missing = [n for n in REQUIRED if n not in names]
    if unknown or missing:
        raise ImportFileError(_("Wrong header: the first row must name the columns %(cols)s "
                                "(optionally %(opt)s); missing: %(missing)s; unknown: %(unknown)s.") % {
            "cols": ",".join(REQUIRED), "opt": ",".join(OPTIONAL),
            "missing": "、".join(missing) or "—", "unknown": "、".join(unknown) or "—"})
    return {i: n for i, n in enumerate(names) if n}


class RowChecker:
    """Checks one row at a time against the park's firms and the industry codes, loaded once."""

    def __init__(self, park):
        self.park = park
        self.codes = set(IndustryCode.objects.values_list("pk", flat=True))
        self.firms = dict(Enterprise.objects.filter(park=park).values_list("credit_code", "pk"))
        self.seen: dict[str, int] = {}

    def check(self, number, values) -> tuple[dict, list]:
        """The row's resource fields and its errors [(row, column, reason)]."""
        errors = []

        def fail(column, reason):
            errors.append((number, column, reason))

        ext = values["id"]
        if not ext:
            fail("id", _("The id is missing."))
        elif ext in self.seen:
            fail("id", _("Duplicate id: row %(row)d has it too.") % {"row": self.seen[ext]})
        else:
            self.seen[ext] = number
        fields = {"external_id": ext, "title": values["title"], "description": values["description"],
                  "tags": split_tags(values["tags"])}
        self._check_text(fields, fail)
        fields["industry_id"] = self._industry(values.get("industry_code", ""), fail)
        fields["owner_id"] = self._owner(values.get("owner_credit_code", ""), fail)
        return fields, errors

    def _check_text(self, fields, fail):
        if not fields["title"]:
            fail("title", _("The title is missing."))
        for name, column in (("external_id", "id"), ("title", "title"), ("description", "description")):
            model_field = Resource._meta.get_field(name)
            if len(fields[name]) > model_field.max_length:
                fail(column, _("Too long: at most %(n)d characters.") % {"n": model_field.max_length})
                continue
            try:
                model_field.run_validators(fields[name])
            except ValidationError as exc:
                fail(column, " ".join(exc.messages))
        tags = fields["tags"]
        if len(tags) > MAX_TAGS or any(len(t) > MAX_TAG_LENGTH for t in tags):
            fail("tags", _("At most %(n)d tags of at most %(len)d characters each.")
                 % {"n": MAX_TAGS, "len": MAX_TAG_LENGTH})

    def _industry(self, code, fail):
        if code and code not in self.codes:
            fail("industry_code", _("Unknown industry code %(code)s.") % {"code": code[:10]})
        return code or None

    def _owner(self, raw, fail):
        code = normalise(raw)
        if code and code not in self.firms:
            fail("owner_credit_code", _("No enterprise of this park has the credit code %(code)s.")
                 % {"code": code[:20]})
        return self.firms.get(code) if code else None


def check_kind(kind: str):
    if kind not in Kind.values:
        raise ImportFileError(_("Unknown kind “%(kind)s”; use one of %(kinds)s.") % {
            "kind": kind[:30], "kinds": "、".join(Kind.values)})


def import_resources(park, kind, path, *, actor=None, progress=None) -> ImportResult:
    """Check every row, then write all of them in one transaction (or none, with the errors)."""
    check_kind(kind)
    rows = read_rows(path)
    checker, result, checked = RowChecker(park), ImportResult(rows=len(rows)), []
    for n, (number, values) in enumerate(rows, start=1):
        fields, errors = checker.check(number, values)
        result.errors.extend(errors)
        checked.append(fields)
        if progress and n % 5000 == 0:
            progress(_("checked %(n)d rows") % {"n": n})
    if result.errors:
        result.errors = result.errors[:MAX_ERRORS]
        return result
    _write(park, kind, checked, actor, result, progress)
    return result


@transaction.atomic
def _write(park, kind, rows, actor, result, progress):
    existing = {r.external_id: r for r in Resource.objects.filter(
        park=park, kind=kind, external_id__in=[f["external_id"] for f in rows])}
    new, changed, events = [], [], []
    for fields in rows:
        resource = existing.get(fields["external_id"])
        before = snapshot(resource, AUDIT_FIELDS) if resource else {}
        resource = resource or Resource(park=park, kind=kind)
        for key, value in {**fields, "is_active": True}.items():
            setattr(resource, key, value)
        (changed if resource.pk else new).append((resource, before))
    Resource.objects.bulk_create([r for r, _b in new], batch_size=BATCH)
    Resource.objects.bulk_update([r for r, _b in changed], WRITE_FIELDS, batch_size=BATCH)
    for resource, before in new + changed:
        action = AuditAction.UPDATE if before else AuditAction.CREATE
        events.append(build_event(actor, action, resource, entity=_("Resource import"),
                                  changes=diff(before, snapshot(resource, AUDIT_FIELDS))))
    AuditEvent.objects.bulk_create(events, batch_size=BATCH)
    result.created, result.updated = len(new), len(changed)
    resources = [r for r, _b in new + changed]
    transaction.on_commit(lambda: index_imported(resources, progress))


def index_imported(resources, progress=None):
    """Upsert the imported rows; past REBUILD_ABOVE rows a full rebuild is cheaper. The rows stay
    imported if the index fails (build_match_index repairs it)."""
    try:
        _index(resources, progress)
    except Exception:  # noqa: BLE001
        logger.exception("Imported resources were not indexed; run build_match_index")
        if progress:
            progress(_("The index was not updated; run build_match_index."))


def _index(resources, progress):
    if len(resources) > REBUILD_ABOVE:
        index.rebuild_from_db(progress=progress)
        return
    for start in range(0, len(resources), BATCH):
        index.sync_many(resources[start:start + BATCH])
