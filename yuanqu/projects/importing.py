"""The key-project workbook: columns, the atomic import (.xlsx or .csv), the blank template and the
ledger (台账) export, which re-imports unchanged.

Like the firm import: every row is checked first and all rows or none are saved, with a report of
every problem (row, column, reason). Rows are matched on (park, year, project name): an existing
project is updated, a new one created. Headers are fixed Chinese text (the file is a contract with
the park office's spreadsheets).
"""

import csv
import io
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from yuanqu.core.audit import diff, record, snapshot
from yuanqu.core.models import AuditAction
from yuanqu.enterprises.excel import CellError, Column, neutralise, parse_cell
from yuanqu.enterprises.importing import ImportResult, RowError, _sheet_rows
from yuanqu.enterprises.models import Enterprise
from yuanqu.land.models import Plot
from yuanqu.reference.creditcode import normalise
from yuanqu.reference.queries import class_codes

from .models import Health, Level, Project, Stage
from .permissions import can_import_projects
from .services import PROJECT_FIELDS, replan_after_import

COLUMNS = [
    Column("name", "项目名称", required=True),
    Column("year", "年度", "int", required=True, note="列入重点项目的年度，如 2026"),
    Column("level", "级别", note="市级 / 区级 / 园区级，空白为园区级"),
    Column("industry", "行业代码", note="GB/T 4754-2017 四位小类代码，如 3062"),
    Column("investor", "投资方", note="园区已登记企业的统一社会信用代码或名称；未登记的填名称"),
    Column("total_investment", "总投资（万元）", "decimal", required=True),
    Column("annual_planned_investment", "年度计划投资（万元）", "decimal"),
    Column("floor_area_m2", "建筑面积（㎡）", "decimal"),
    Column("plot", "地块编号", note="须为园区已登记的地块编号"),
    Column("stage", "阶段", note="签约 / 注册 / 供地 / 开工 / 在建 / 竣工 / 投产，空白为签约"),
    Column("target_date", "目标日期", "date", note="倒排工期的目标日期，如 2027-06-30；不得早于今天"),
    Column("score_intensity", "投资强度评分", "int", note="0–100"),
    Column("score_technology", "科技含量评分", "int", note="0–100"),
    Column("score_driving", "带动效应评分", "int", note="0–100"),
    Column("score_tax", "税收贡献评分", "int", note="0–100"),
]
LEDGER_EXTRA = ["状态", "里程碑进度", "项目专班负责人"]
BY_HEADER = {c.header: c for c in COLUMNS}
HEADER_OF = {c.key: c.header for c in COLUMNS} | {"investor_name": "投资方"}
LEVELS = {"市级": Level.CITY, "区级": Level.DISTRICT, "园区级": Level.PARK}
STAGES = {"签约": Stage.SIGNED, "注册": Stage.REGISTERED, "供地": Stage.LAND, "开工": Stage.STARTED,
          "在建": Stage.BUILDING, "竣工": Stage.COMPLETED, "投产": Stage.OPERATING}
LEVEL_NAMES = {v: k for k, v in LEVELS.items()}
STAGE_NAMES = {v: k for k, v in STAGES.items()}
HEALTH_NAMES = {Health.GREEN: "正常", Health.YELLOW: "滞后", Health.RED: "超期"}
SHEET_TITLE = "重点项目"
MAX_ERRORS = 5000


def _csv_rows(fileobj):
    try:
        text = fileobj.read().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise RowError("", _("The file is not UTF-8 text; save the CSV as UTF-8.")) from None
    return iter(list(csv.reader(io.StringIO(text, newline=""))))


def _rows(fileobj, filename):
    return _csv_rows(fileobj) if filename.lower().endswith(".csv") else _sheet_rows(fileobj)


def _read_header(cells):
    mapping, seen = {}, set()
    for idx, raw in enumerate(cells):
        text = str(raw).strip().rstrip("*") if raw is not None else ""
        if not text:
            continue
        if text not in BY_HEADER:
            if text in LEDGER_EXTRA:
                continue  # the ledger's read-only columns re-import unchanged
            raise RowError(text, _("Unknown column header; use the template's headers unchanged."))
        mapping[idx] = BY_HEADER[text]
        seen.add(text)
    missing = [c.header for c in COLUMNS if c.required and c.header not in seen]
    if missing:
        raise RowError("、".join(missing), _("Required column header is missing."))
    return mapping


@dataclass
class Checked:
    project: Project
    before: dict
    replan: bool


class RowChecker:
    """Turns one row into an unsaved Project, or errors; the park's firms, plots and projects are
    read once."""

    def __init__(self, park):
        self.park, self.today, self.codes = park, timezone.localdate(), class_codes()
        firms = list(Enterprise.objects.filter(park=park).only("pk", "name", "credit_code", "park_id"))
        self.firms = {f.credit_code: f for f in firms} | {f.name: f for f in firms}
        self.plots = {p.code: p for p in Plot.objects.filter(park=park).only("pk", "code", "park_id")}
        self.existing = {(p.year, p.name): p for p in Project.objects.filter(park=park)}
        self.seen = {}

    def values(self, mapping, cells):
        values, errors = {}, []
        for idx, column in mapping.items():
            try:
                values[column.key] = parse_cell(column, cells[idx] if idx < len(cells) else None)
            except CellError as exc:
                errors.append((column.header, str(exc)))
        return values, errors

    def build(self, rownum, values, unreadable):
        errors = [(c.header, _("This field is required.")) for c in COLUMNS
                  if c.required and c.header not in unreadable and values.get(c.key) in (None, "")]
        key = (values.get("year"), values.get("name"))
        if all(key) and key in self.seen:
            errors.append(("项目名称", _("Duplicate of row %(row)d in this file.") % {"row": self.seen[key]}))
        self.seen.setdefault(key, rownum)
        project = self.existing.get(key) or Project(park=self.park)
        before = snapshot(project, PROJECT_FIELDS) if project.pk else {}
        old_target = project.target_date
        errors += self._assign(project, values)
        if errors:
            return None, errors
        errors += self._target(project, old_target) + _model_errors(project)
        replan = bool(project.pk and project.target_date and project.target_date != old_target)
        return Checked(project, before, replan), errors

    def _assign(self, project, values):
        errors = []
        for key in ("name", "year", "total_investment", "annual_planned_investment", "floor_area_m2",
                    "target_date", "score_intensity", "score_technology", "score_driving", "score_tax"):
            if key in values:
                setattr(project, key, values[key])
        errors += self._choice(project, "level", values, LEVELS, Level.PARK,
                               _("Must be 市级, 区级 or 园区级."))
        errors += self._choice(project, "stage", values, STAGES, Stage.SIGNED,
                               _("Must be 签约, 注册, 供地, 开工, 在建, 竣工 or 投产."))
        industry = str(values.get("industry") or "").split(".")[0]
        if industry and industry not in self.codes:
            errors.append(("行业代码", _("Unknown GB/T 4754-2017 4-digit class code.")))
        project.industry_id = industry or None
        errors += self._investor(project, values.get("investor"))
        plot = values.get("plot")
        if plot and plot not in self.plots:
            errors.append(("地块编号", _("No plot of this number in the park.")))
        project.plot = self.plots.get(plot) if plot else None
        return errors

    def _choice(self, project, key, values, table, default, message):
        text = values.get(key) or ""
        if text and text not in table:
            return [(HEADER_OF[key], message)]
        setattr(project, key, table.get(text, default) if text else (getattr(project, key) or default))
        return []

    def _investor(self, project, text):
        text = (text or "").strip()
        firm = self.firms.get(normalise(text)) or self.firms.get(text)
        project.investor, project.investor_name = firm, ("" if firm else text)
        return []

    def _target(self, project, old_target):
        if project.target_date and project.target_date != old_target and project.target_date < self.today:
            return [("目标日期", _("The target date cannot be before today."))]
        return []


def _model_errors(project):
    """Field validators and the model's cross-field rules (no unique checks: the key is (year, name))."""
    try:
        project.full_clean(exclude=["park"], validate_unique=False, validate_constraints=False)
        if project.annual_planned_investment and project.total_investment is not None \
                and project.annual_planned_investment > project.total_investment:
            raise ValidationError({"annual_planned_investment": _("This year's planned investment cannot "
                                                                  "exceed the total.")})
    except ValidationError as exc:
        return [(HEADER_OF.get(k, k), " ".join(str(m) for m in msgs)) for k, msgs in exc.message_dict.items()]
    return []


def check_rows(park, fileobj, filename=""):
    """First pass: parse and validate every row. Returns (result, [Checked])."""
    result, checked = ImportResult(), []
    try:
        rows = _rows(fileobj, filename)
        mapping = _read_header(next(rows, ()))
    except RowError as exc:
        result.errors.append({"row": 1, "column": exc.column, "message": exc.message})
        return result, checked
    checker = RowChecker(park)
    for rownum, cells in enumerate(rows, start=2):
        if not any(c not in (None, "") for c in cells):
            continue
        result.rows += 1
        values, errors = checker.values(mapping, cells)
        row, row_errors = checker.build(rownum, values, {column for column, _m in errors})
        for column, message in errors + row_errors:
            if len(result.errors) < MAX_ERRORS:
                result.errors.append({"row": rownum, "column": column, "message": message})
        if not errors and not row_errors:
            checked.append(row)
    if result.rows == 0 and not result.errors:
        result.errors.append({"row": 2, "column": "", "message": _("The sheet has no data rows.")})
    return result, checked


def import_projects(park, fileobj, *, actor, filename="") -> ImportResult:
    """Create or update projects from the workbook; nothing is written unless every row is valid."""
    if actor is not None and not can_import_projects(actor):
        raise PermissionDenied
    result, checked = check_rows(park, fileobj, filename or getattr(fileobj, "name", ""))
    if result.ok:
        _write(checked, actor, result)
    return result


@transaction.atomic
def _write(checked, actor, result):
    for row in checked:
        created = row.project.pk is None
        row.project.save()
        changes = diff(row.before, snapshot(row.project, PROJECT_FIELDS))
        if changes:
            record(actor, AuditAction.IMPORT, row.project, entity=_("Excel import"), changes=changes)
        if row.replan:
            replan_after_import(row.project)
        result.created += created
    result.updated = len(checked) - result.created


# workbooks


def _header_row(ws, headers, required):
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
    for i, header in enumerate(headers, start=1):
        cell = ws.cell(row=1, column=i, value=header + ("*" if header in required else ""))
        cell.font, cell.fill = bold, fill
        ws.column_dimensions[get_column_letter(i)].width = max(12, len(header) * 2 + 2)
    ws.freeze_panes = "A2"


def _save(wb) -> bytes:
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


REQUIRED = {c.header for c in COLUMNS if c.required}


def template_workbook() -> bytes:
    """The blank import template: a data sheet plus an instructions sheet."""
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET_TITLE
    _header_row(ws, [c.header for c in COLUMNS], REQUIRED)
    notes = wb.create_sheet("填写说明")
    notes.append(["列名", "是否必填", "说明"])
    for col in COLUMNS:
        notes.append([col.header, "必填" if col.required else "选填", col.note])
    notes.append([])
    notes.append(["按“年度 + 项目名称”匹配：已有项目将被更新，否则新建。任何一行有误则整个文件都不导入，"
                  "并列出每个问题（行号、列、原因）。金额单位为万元。也可上传 UTF-8 编码的 .csv 文件。"])
    notes.column_dimensions["A"].width = 24
    notes.column_dimensions["C"].width = 60
    return _save(wb)


def _ledger_row(p) -> list:
    investor = p.investor.credit_code if p.investor_id else p.investor_name
    done, total = getattr(p, "milestones_done", None), getattr(p, "milestones_total", None)
    values = {
        "name": p.name, "year": p.year, "level": LEVEL_NAMES.get(p.level, ""),
        "industry": p.industry_id or "",
        "investor": investor, "total_investment": p.total_investment,
        "annual_planned_investment": p.annual_planned_investment, "floor_area_m2": p.floor_area_m2,
        "plot": p.plot.code if p.plot_id else "", "stage": STAGE_NAMES.get(p.stage, ""),
        "target_date": p.target_date, "score_intensity": p.score_intensity,
        "score_technology": p.score_technology, "score_driving": p.score_driving, "score_tax": p.score_tax}
    lead = (p.lead.full_name or p.lead.username) if p.lead_id else ""
    extra = [HEALTH_NAMES.get(p.health, ""), f"{done}/{total}" if total else "", lead]
    return [neutralise(values[c.key]) for c in COLUMNS] + [neutralise(v) for v in extra]


def ledger_workbook(projects) -> bytes:
    """The ledger (台账): the import's columns plus status, milestone progress and the lead; one sheet."""
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET_TITLE
    _header_row(ws, [c.header for c in COLUMNS] + LEDGER_EXTRA, REQUIRED)
    for p in projects:
        ws.append(_ledger_row(p))
    for row in ws.iter_rows(min_row=2, min_col=11, max_col=11):
        for cell in row:
            cell.number_format = "yyyy-mm-dd"
    return _save(wb)
