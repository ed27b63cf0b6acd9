"""Atomic import of plots from the workbook (.xlsx), a .csv of the same columns, or a .geojson
FeatureCollection: every row is checked first (cells, labels, firm, geometry, area, overlaps with
the file's other rows and the park's plots); all rows are written or none, with a per-row report.

Plots are matched by number: a number the park has is updated, a new one created. The workbook
reader, the cell parsers, the result and the error report are the enterprise import's.
"""

import csv
import io
import json
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from yuanqu.core.audit import build_event, diff, snapshot
from yuanqu.core.models import AuditAction, AuditEvent
from yuanqu.enterprises.excel import CellError, parse_cell
from yuanqu.enterprises.importing import ImportResult, RowError
from yuanqu.enterprises.importing import _sheet_rows as sheet_rows
from yuanqu.enterprises.models import Enterprise
from yuanqu.reference.creditcode import normalise

from . import geometry
from .excel import BY_NAME, COLUMNS, INFRA_LABELS, STATUS_LABELS, USE_LABELS
from .models import INFRASTRUCTURE, LandUse, Plot, PlotStatus
from .services import PLOT_FIELDS, area_tolerance, lock_park

MAX_ERRORS = 1000
BBOX = ["min_lon", "min_lat", "max_lon", "max_lat"]
HEADER = {c.key: c.header for c in COLUMNS}
CHECKED = ["code", "name", "owner_name", "note", "area_mu", "plot_ratio_min", "plot_ratio_max",
           "height_limit_m", "price_per_mu"]


@dataclass
class Row:
    number: int
    values: dict  # column key → raw cell (the geometry may already be a decoded object)


# ---- reading ---------------------------------------------------------------------------------------

def _header(cells) -> dict[int, str]:
    mapping, unknown = {}, []
    for idx, raw in enumerate(cells):
        text = str(raw).strip().rstrip("*") if raw is not None else ""
        if not text:
            continue
        if text not in BY_NAME:
            unknown.append(text)
        mapping[idx] = BY_NAME[text].key if text in BY_NAME else ""
    missing = [c.header for c in COLUMNS if c.required and c.key not in mapping.values()]
    if unknown:
        raise RowError("、".join(unknown[:5]),
                       _("Unknown column header; use the template's headers unchanged."))
    if missing:
        raise RowError("、".join(missing), _("Required column header is missing."))
    return mapping


def _table_rows(rows) -> list[Row]:
    rows = iter(rows)
    mapping = _header(next(rows, ()))
    out = []
    for number, cells in enumerate(rows, start=2):
        values = {key: cells[i] for i, key in mapping.items() if i < len(cells)}
        if any(v not in (None, "") for v in values.values()):
            out.append(Row(number, values))
    return out


def _csv_rows(data: bytes) -> list[Row]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise RowError("", _("The file is not UTF-8 text; save the CSV as UTF-8.")) from None
    return _table_rows(csv.reader(io.StringIO(text, newline="")))


def _feature_rows(data: bytes) -> list[Row]:
    """One row per feature: its properties by column name or key, its geometry."""
    try:
        doc = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        raise RowError("", _("The file is not valid GeoJSON text.")) from None
    if not isinstance(doc, dict) or doc.get("type") != "FeatureCollection" or \
            not isinstance(doc.get("features"), list):
        raise RowError("", _("A .geojson import must be a FeatureCollection."))
    out = []
    for number, feature in enumerate(doc["features"], start=1):
        props = feature.get("properties") if isinstance(feature, dict) else None
        props = props if isinstance(props, dict) else {}
        values = {BY_NAME[k].key: v for k, v in props.items()
                  if k in BY_NAME and BY_NAME[k].key != "geometry"}
        values["geometry"] = feature.get("geometry") if isinstance(feature, dict) else None
        out.append(Row(number, values))
    return out


def read_rows(fileobj, filename: str) -> list[Row]:
    """The data rows of an .xlsx, .csv or .geojson/.json upload; RowError when the file is unreadable."""
    name = filename.lower()
    if name.endswith(".xlsx"):
        return _table_rows(sheet_rows(fileobj))
    data = fileobj.read()
    if name.endswith(".csv"):
        return _csv_rows(data)
    if name.endswith((".geojson", ".json")):
        return _feature_rows(data)
    raise RowError("", _("Only .xlsx, .csv and .geojson files can be imported."))


# ---- checking --------------------------------------------------------------------------------------

def _label(value, labels, enum):
    text = str(value).strip()
    if text in labels:
        return labels[text]
    if text in enum.values:
        return text
    raise CellError(_("Must be one of %(labels)s.") % {"labels": " / ".join(labels)})


def _infrastructure(value) -> dict:
    """「道路、供水、供电」→ every has_* column (True for the items named)."""
    names = [n for n in re.split(r"[、,，;；\s]+", str(value or "")) if n]
    unknown = [n for n in names if n not in INFRA_LABELS]
    if unknown:
        raise CellError(_("Unknown item %(item)s; use %(items)s.") % {
            "item": unknown[0][:20], "items": "、".join(INFRA_LABELS)})
    chosen = {INFRA_LABELS[n] for n in names}
    return {key: key in chosen for key in INFRASTRUCTURE}


class RowChecker:
    """Turns rows into unsaved plots (new or the park's plot of that number), or errors."""

    def __init__(self, park):
        self.park = park
        self.existing = {p.code: p for p in Plot.objects.filter(park=park)}
        firms = Enterprise.objects.filter(park=park).only("id", "credit_code", "park_id", "name")
        self.firms = {e.credit_code: e for e in firms}
        self.seen: dict[str, int] = {}

    def check(self, row: Row):
        """(plot, shapely shape or None, [(column, reason)])."""
        errors, fields = [], {}
        for key, raw in row.values.items():
            if key == "geometry":
                continue
            try:
                fields.update(self._cell(key, raw))
            except CellError as exc:
                errors.append((HEADER[key], str(exc)))
        errors += self._required(row, fields)
        plot = self._plot(fields)
        shape, geo_errors = self._geometry(plot, row.values.get("geometry"), fields.get("area_mu"))
        return plot, shape, errors + geo_errors + self._model_errors(plot, errors)

    def _cell(self, key, raw) -> dict:
        if key == "use":
            return {"use": _label(raw, USE_LABELS, LandUse)} if raw not in (None, "") else {}
        if key == "status":
            return {"status": _label(raw, STATUS_LABELS, PlotStatus)} if raw not in (None, "") else {}
        if key == "infrastructure":
            return _infrastructure(raw)
        if key == "occupant":
            return {"occupant": self._firm(raw)}
        if isinstance(raw, float) and raw.is_integer() and BY_NAME[key].kind == "text":
            raw = int(raw)  # spreadsheets store plot number 101 as 101.0
        value = parse_cell(BY_NAME[key], raw)
        return {key: value if value is not None or key in NULLABLE else ""}

    def _firm(self, raw):
        code = normalise(raw)
        if not code:
            return None
        if code not in self.firms:
            raise CellError(_("No enterprise of this park has the credit code %(code)s.")
                            % {"code": code[:20]})
        return self.firms[code]

    def _required(self, row, fields) -> list:
        code = str(fields.get("code") or "")
        if not code:
            return [(HEADER["code"], _("This field is required."))]
        if code in self.seen:
            return [(HEADER["code"], _("Duplicate of row %(row)d in this file.") % {"row": self.seen[code]})]
        self.seen[code] = row.number
        return []

    def _plot(self, fields):
        code = str(fields.get("code") or "")
        plot = self.existing.get(code) or Plot(park=self.park)
        plot._before = snapshot(plot, PLOT_FIELDS) if plot.pk else {}
        for key, value in fields.items():
            if key != "area_mu":
                setattr(plot, key, value)
        return plot

    def _geometry(self, plot, raw, area):
        column = HEADER["geometry"]
        if raw in (None, ""):
            return None, [(column, _("This field is required."))]
        try:
            shape = geometry.parse(raw)
        except geometry.GeometryError as exc:
            return None, [(column, str(exc))]
        plot.geometry = shape.geojson
        plot.min_lon, plot.min_lat, plot.max_lon, plot.max_lat = shape.bbox
        plot.area_mu = area if area is not None else shape.area_mu
        try:
            geometry.check_area(plot.area_mu, shape.area_mu, area_tolerance())
        except geometry.GeometryError as exc:
            return shape.shape, [(HEADER["area_mu"], str(exc))]
        return shape.shape, []

    def _model_errors(self, plot, earlier):
        """Field validators and Plot.clean() (no per-row queries: uniqueness is by number already)."""
        if plot.area_mu is None:
            return []
        errors = []
        try:
            plot.clean_fields(exclude=[f.name for f in Plot._meta.fields if f.name not in CHECKED])
            plot.clean()
        except ValidationError as exc:
            reported = {column for column, _m in earlier}
            for key, messages in exc.message_dict.items():
                column = HEADER.get(key, key)
                if column not in reported:
                    errors.append((column, " ".join(messages)))
        if plot.area_mu <= 0:
            errors.append((HEADER["area_mu"], _("The area must be greater than zero.")))
        return errors


NULLABLE = {"area_mu", "plot_ratio_min", "plot_ratio_max", "height_limit_m", "price_per_mu", "available_on"}


def _overlap_errors(checked, checker) -> list:
    """A row whose plot overlaps another row's or a park plot the file leaves in place."""
    kept = [p for code, p in checker.existing.items() if code not in checker.seen]
    shapes = [shape for _row, _plot, shape in checked] + [geometry.parse(p.geometry).shape for p in kept]
    labels = [plot.code for _row, plot, _shape in checked] + [p.code for p in kept]
    errors = []
    for i, j, area in geometry.pairwise_overlaps(shapes):
        for mine, other in ((i, j), (j, i)):
            if mine < len(checked):
                message = geometry.overlap_message([(labels[other], area)])
                errors.append((checked[mine][0].number, HEADER["geometry"], message))
    return errors


def check_rows(park, rows: list[Row]):
    """(result with errors, [(row, plot, shape)] of the rows that passed)."""
    result, checker, checked = ImportResult(rows=len(rows)), RowChecker(park), []
    for row in rows:
        plot, shape, errors = checker.check(row)
        result.errors += [{"row": row.number, "column": c, "message": m} for c, m in errors]
        if not errors:
            checked.append((row, plot, shape))
    result.errors += [{"row": n, "column": c, "message": m} for n, c, m in _overlap_errors(checked, checker)]
    result.errors.sort(key=lambda e: e["row"])
    result.errors = result.errors[:MAX_ERRORS]
    if not rows:
        result.errors.append({"row": 2, "column": "", "message": _("The sheet has no data rows.")})
    return result, checked


def import_plots(park, fileobj, filename, *, actor) -> ImportResult:
    """Create or update the park's plots from the file; nothing is written unless every row is valid."""
    try:
        rows = read_rows(fileobj, filename)
    except RowError as exc:
        row = 1 if exc.column else 0
        return ImportResult(errors=[{"row": row, "column": exc.column, "message": exc.message}])
    result, checked = check_rows(park, rows)
    if result.ok:
        _write(park, [plot for _row, plot, _shape in checked], actor, result)
    return result


@transaction.atomic
def _write(park, plots, actor, result):
    lock_park(park.pk)
    now = timezone.now()
    for plot in plots:
        plot.updated_at = now
    new = [p for p in plots if p.pk is None]
    old = [p for p in plots if p.pk is not None]
    Plot.objects.bulk_create(new, batch_size=500)
    Plot.objects.bulk_update(old, [*PLOT_FIELDS, *BBOX, "updated_at"], batch_size=500)
    if new and new[0].pk is None:  # a backend that does not return ids from a bulk insert
        ids = dict(Plot.objects.filter(park=park, code__in=[p.code for p in new]).values_list("code", "pk"))
        for plot in new:
            plot.pk = ids[plot.code]
    events = [build_event(actor, AuditAction.IMPORT, p, entity=_("Plot import"),
                          changes=diff(p._before, snapshot(p, PLOT_FIELDS))) for p in plots]
    AuditEvent.objects.bulk_create(events, batch_size=500)
    result.created, result.updated = len(new), len(old)
