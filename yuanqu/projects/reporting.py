"""The weekly dispatch (周调度) report as Word and the key-project ledger (台账) as Excel, pure.

Both are built from plain dataclasses (`DispatchReport`), never from the ORM, so they are tested without a
database; `dispatch_queries.build_report` assembles the dataclasses in a fixed number of queries.

The documents follow the layout park offices file, so their wording is fixed Chinese (like
`matching/report.py`), not the page's language. Money is in 万元 as in the registry; totals above
10,000 万元 read as 亿元. A red project is machine-checkable: its status cell says 「红」 on a FF0000
shading (yellow: 「黄」 on FFFF00, green: 「绿」 on 00B050), its name cell is shaded light red, and the
Word report lists it by name under 「一、红色（逾期）项目」.
"""

import io
from copy import deepcopy
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import lru_cache

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt
from docx.styles.style import BaseStyle
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.utils import get_column_letter

LEVELS = {"city": "市级", "district": "区级", "park": "园区级"}
STAGES = {"signed": "签约", "registered": "注册", "land": "供地", "started": "开工", "building": "在建",
          "completed": "竣工", "operating": "投产"}
HEALTH_TEXT = {"red": "红", "yellow": "黄", "green": "绿"}
HEALTH_FILL = {"red": "FF0000", "yellow": "FFFF00", "green": "00B050"}
NAME_FILL = {"red": "FFC7CE", "yellow": "FFEB9C"}
BODY_FONT, TITLE_FONT, LATIN_FONT = "仿宋", "宋体", "Times New Roman"
TABLE_HEADERS = ["序号", "项目名称", "级别", "总投资（万元）", "年度计划（万元）", "累计完成（万元）",
                 "当前阶段", "状态", "存在问题", "责任人"]
ACTION_HEADERS = ["序号", "项目", "决定事项", "督办事项", "责任人", "完成时限", "办理情况"]
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
WAN_PER_YI = Decimal(10000)


@dataclass(frozen=True)
class MilestoneRow:
    key: str
    name: str
    planned_finish: date | None = None
    actual_finish: date | None = None


@dataclass(frozen=True)
class ProjectRow:
    """One project as the report shows it; `health` is red/yellow/green, level and stage their keys."""

    name: str
    level: str
    total_investment: Decimal
    annual_planned: Decimal | None
    invested: Decimal
    stage: str
    health: str
    owner: str = ""
    lateness: str = ""  # 「主体封顶 逾期 12 个工作日」
    problems: tuple[str, ...] = ()
    milestones: tuple[MilestoneRow, ...] = ()

    @property
    def issues(self) -> str:
        """The 「存在问题」 cell: the lateness, then the open problems."""
        return "；".join(part for part in (self.lateness, *self.problems) if part)


@dataclass(frozen=True)
class ActionRow:
    decision: str
    action: str
    owner: str
    due_on: date
    project: str = ""
    meeting: str = ""
    done_on: date | None = None
    result: str = ""

    def state(self, today: date) -> str:
        if self.done_on:
            return "已办结"
        return "已逾期" if self.due_on < today else "办理中"


@dataclass(frozen=True)
class DispatchReport:
    """Everything the week's report and ledger show."""

    park: str
    held_on: date
    as_of: date
    title: str = ""
    chair: str = ""
    minutes: str = ""
    final: bool = False
    projects: tuple[ProjectRow, ...] = ()
    actions: tuple[ActionRow, ...] = ()  # decided at this meeting
    carried: tuple[ActionRow, ...] = ()  # earlier meetings' actions still open

    @property
    def week(self) -> int:
        return self.held_on.isocalendar().week

    def with_health(self, health: str) -> list[ProjectRow]:
        return [p for p in self.projects if p.health == health]

    @property
    def heading(self) -> str:
        kind = "会议纪要" if self.final else "报告"
        return f"{self.park}重点项目周调度{kind}（第{self.week}周）"


DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def render_file(report: DispatchReport, kind: str) -> tuple[bytes, str, str]:
    """(content, file name, content type) of the `docx` report or the `xlsx` ledger."""
    if kind == "docx":
        return build_dispatch_docx(report), docx_filename(report), DOCX_TYPE
    return build_ledger_xlsx(report), ledger_filename(report), XLSX_TYPE


def docx_filename(report: DispatchReport) -> str:
    return f"{report.heading}.docx"


def ledger_filename(report: DispatchReport) -> str:
    return f"{report.park}重点项目台账（{report.held_on:%Y%m%d}）.xlsx"


# ---- figures ----------------------------------------------------------------------------------------

def plain_number(value: Decimal | None) -> str:
    """12000.00 → 「12000」, 3049.50 → 「3049.5」, None → 「—」."""
    if value is None:
        return "—"
    text = format(Decimal(value).quantize(Decimal("0.01")), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def money_text(wan: Decimal) -> str:
    """An amount in 万元 worded for a sentence: 亿元 from 10,000 万元 on."""
    if wan >= WAN_PER_YI:
        return f"{(Decimal(wan) / WAN_PER_YI).quantize(Decimal('0.01'))}亿元"
    return f"{plain_number(wan)}万元"


def overview_text(report: DispatchReport) -> str:
    """The lead paragraph: project counts by colour, investment totals, problems and actions."""
    ps = report.projects
    total = sum((p.total_investment for p in ps), Decimal(0))
    annual = sum((p.annual_planned or 0 for p in ps), Decimal(0))
    invested = sum((p.invested for p in ps), Decimal(0))
    share = f"（占总投资的{invested / total * 100:.1f}%）" if total else ""
    open_actions = [a for a in (*report.actions, *report.carried) if not a.done_on]
    overdue = sum(a.due_on < report.as_of for a in open_actions)
    problems = sum(len(p.problems) for p in ps)
    return (f"截至{date_text(report.as_of)}，园区在册重点项目{len(ps)}个，总投资{money_text(total)}，"
            f"年度计划投资{money_text(annual)}，累计完成投资{money_text(invested)}{share}。"
            f"其中红色（逾期）项目{len(report.with_health('red'))}个，黄色（滞后）项目"
            f"{len(report.with_health('yellow'))}个，绿色（正常推进）项目{len(report.with_health('green'))}个；"
            f"未解决问题{problems}个，未办结督办事项{len(open_actions)}项（其中逾期{overdue}项）。")


def date_text(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


# ---- Word -------------------------------------------------------------------------------------------

def _fonts(target, east_asian: str, *, size: float | None = None, bold: bool | None = None):
    """Latin and East Asian fonts of a run or a style (python-docx sets only the Latin one)."""
    target.font.name = LATIN_FONT
    if size:
        target.font.size = Pt(size)
    if bold is not None:
        target.font.bold = bold
    element = target.element if isinstance(target, BaseStyle) else target._element
    element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), east_asian)


def _shade(tc, fill: str):
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    tc.get_or_add_tcPr().append(shading)


def _para(doc, text="", *, indent=True, font=BODY_FONT, size=14, bold=False, align=None):
    paragraph = doc.add_paragraph()
    if indent:
        paragraph.paragraph_format.first_line_indent = Pt(size * 2)
    if align is not None:
        paragraph.alignment = align
    _fonts(paragraph.add_run(text), font, size=size, bold=bold)
    return paragraph


def _heading(doc, text):
    return _para(doc, text, font="黑体", size=14, bold=False)


# Table cells are written as XML copied from prototypes built once: python-docx's property setters search
# the element's children on every call (≈ 1.5 ms a cell, 4 s for a 200-project report).

@lru_cache(maxsize=32)
def _rpr(east_asian: str, size: float, bold: bool, color: str | None):
    fonts = f'<w:rFonts w:ascii="{LATIN_FONT}" w:hAnsi="{LATIN_FONT}" w:eastAsia="{east_asian}"/>'
    return parse_xml(
        f'<w:rPr {nsdecls("w")}>{fonts}'
        + ("<w:b/>" if bold else "") + (f'<w:color w:val="{color}"/>' if color else "")
        + f'<w:sz w:val="{round(size * 2)}"/></w:rPr>')


@lru_cache(maxsize=4)
def _ppr(align: str):
    return parse_xml(f'<w:pPr {nsdecls("w")}><w:jc w:val="{align}"/></w:pPr>')


def _cell_text(tc, text, *, bold=False, size=9, color=None, left=False):
    """Write `text` into the (empty) cell `tc`, centred unless `left`, in 宋体."""
    paragraph = tc.p_lst[0]
    paragraph.append(deepcopy(_ppr("left" if left else "center")))
    run = OxmlElement("w:r")
    run.append(deepcopy(_rpr(TITLE_FONT, size, bold, color)))
    content = OxmlElement("w:t")
    content.text = str(text)
    content.set(qn("xml:space"), "preserve")
    run.append(content)
    paragraph.append(run)


@dataclass
class _Grid:
    """A table being filled: each row is a copy of one empty prototype row with the grid's widths."""

    table: object
    proto: object

    def add_row(self) -> list:
        """The new row's cells (w:tc elements)."""
        row = deepcopy(self.proto)
        self.table._tbl.append(row)
        return row.tc_lst


def _table(doc, headers, widths) -> _Grid:
    table = doc.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Cm(width)  # the grid, which added rows copy
    proto = table.add_row()._tr
    table._tbl.remove(proto)
    header = table.rows[0]
    header._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))  # repeated on every page
    for cell, text, width in zip(header.cells, headers, widths, strict=True):
        cell.width = Cm(width)
        _shade(cell._tc, "D9D9D9")
        _cell_text(cell._tc, text, bold=True)
    return _Grid(table, proto)


def _setup(doc):
    for section in doc.sections:
        section.page_width, section.page_height = Cm(21), Cm(29.7)
        section.left_margin = section.right_margin = Cm(2.6)
        section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
    _fonts(doc.styles["Normal"], BODY_FONT, size=14)


def _project_lines(doc, rows: list[ProjectRow]):
    if not rows:
        _para(doc, "无。")
    for n, p in enumerate(rows, 1):
        details = "，".join(part for part in (p.lateness, f"责任人 {p.owner or '未指定'}") if part)
        problems = f"；存在问题：{'；'.join(p.problems)}" if p.problems else ""
        _para(doc, f"{n}. {p.name}：{details}{problems}。")


def _action_table(doc, actions: tuple[ActionRow, ...], today: date):
    grid = _table(doc, ACTION_HEADERS, [1.0, 2.6, 3.4, 3.4, 1.6, 2.2, 2.0])
    for n, a in enumerate(actions, 1):
        cells = grid.add_row()
        state = a.state(today) + (f"：{a.result}" if a.done_on and a.result else "")
        values = [n, a.project or "—", a.decision, a.action, a.owner or "—", a.due_on.isoformat(), state]
        late = a.state(today) == "已逾期"
        for i, (cell, value) in enumerate(zip(cells, values, strict=True)):
            red = late and i == len(values) - 1
            _cell_text(cell, value, color="C00000" if red else None, left=i in (2, 3))


def _actions(doc, report: DispatchReport):
    _heading(doc, "三、会议议定事项")
    for line in (ln.strip() for ln in report.minutes.splitlines()):
        if line:
            _para(doc, line)
    if report.actions:
        _action_table(doc, report.actions, report.as_of)
    else:
        _para(doc, "本次会议未形成督办事项。")
    _heading(doc, "四、前期督办事项办理情况")
    if report.carried:
        _action_table(doc, report.carried, report.as_of)
    else:
        _para(doc, "无未办结的前期督办事项。")


def _project_row(grid: _Grid, n: int, p: ProjectRow):
    cells = grid.add_row()
    values = [n, p.name, LEVELS.get(p.level, p.level), plain_number(p.total_investment),
              plain_number(p.annual_planned), plain_number(p.invested), STAGES.get(p.stage, p.stage),
              HEALTH_TEXT.get(p.health, p.health), p.issues or "—", p.owner or "—"]
    for i, (cell, value) in enumerate(zip(cells, values, strict=True)):
        _cell_text(cell, value, left=i in (1, 8), bold=i == 7,
                   color="FFFFFF" if i == 7 and p.health == "red" else None)
    if p.health in HEALTH_FILL:
        _shade(cells[7], HEALTH_FILL[p.health])
    if p.health in NAME_FILL:
        _shade(cells[1], NAME_FILL[p.health])


def _project_table(doc, report: DispatchReport):
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21)
    section.top_margin = section.bottom_margin = Cm(2.0)
    _para(doc, "附表", indent=False, font="黑体", size=14)
    _para(doc, f"{report.park}重点项目推进情况一览表", indent=False, font=TITLE_FONT, size=16, bold=True,
          align=WD_ALIGN_PARAGRAPH.CENTER)
    grid = _table(doc, TABLE_HEADERS, [1.0, 4.6, 1.4, 2.0, 2.0, 2.0, 1.6, 1.2, 6.0, 1.8])
    for n, p in enumerate(report.projects, 1):
        _project_row(grid, n, p)


def build_dispatch_docx(report: DispatchReport) -> bytes:
    """The 周调度 report: heading, overview, red and yellow projects, decisions and actions, earlier
    actions, and the landscape table of every project with its status shaded."""
    doc = Document()
    _setup(doc)
    _para(doc, report.heading, indent=False, font=TITLE_FONT, size=22, bold=True,
          align=WD_ALIGN_PARAGRAPH.CENTER)
    byline = "　".join(part for part in (report.title, date_text(report.held_on),
                                         f"主持：{report.chair}" if report.chair else "") if part)
    _para(doc, byline, indent=False, size=14, align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(doc, overview_text(report))
    _heading(doc, "一、红色（逾期）项目")
    _project_lines(doc, report.with_health("red"))
    _heading(doc, "二、黄色（滞后）项目")
    _project_lines(doc, report.with_health("yellow"))
    _actions(doc, report)
    _project_table(doc, report)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


# ---- Excel ------------------------------------------------------------------------------------------
# Cells take named styles registered once per workbook: assigning a font, fill or border object to each
# cell hashes it every time (≈ 0.4 ms a cell, 7 s for 200 projects × 30 milestones).

THIN = Side(style="thin", color="808080")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
LEFT = Alignment(horizontal="left", vertical="center", wrap_text=True)
MONEY, DATE = "#,##0.00", "yyyy-mm-dd"


def _fill(rgb: str) -> PatternFill:
    return PatternFill("solid", fgColor=rgb)


STYLES = {  # name: extra attributes over a bordered, centred, wrapped cell
    "dq_center": {}, "dq_left": {"alignment": LEFT}, "dq_money": {"number_format": MONEY},
    "dq_date": {"number_format": DATE},
    "dq_date_due": {"number_format": DATE, "fill": _fill("FFC7CE")},  # due and not done
    "dq_date_late": {"number_format": DATE, "font": Font(color="C00000")},  # done after the plan
    "dq_header": {"font": Font(bold=True), "fill": _fill("D9E1F2")},
    "dq_red": {"font": Font(bold=True, color="FFFFFF"), "fill": _fill(HEALTH_FILL["red"])},
    "dq_yellow": {"font": Font(bold=True), "fill": _fill(HEALTH_FILL["yellow"])},
    "dq_green": {"font": Font(bold=True), "fill": _fill(HEALTH_FILL["green"])},
    "dq_name_red": {"alignment": LEFT, "fill": _fill(NAME_FILL["red"])},
    "dq_name_yellow": {"alignment": LEFT, "fill": _fill(NAME_FILL["yellow"])},
    "dq_overdue": {"font": Font(bold=True, color="C00000"), "fill": _fill("FFC7CE")},
}
LEDGER_COLUMNS = [  # header, width, style
    ("序号", 6, "dq_center"), ("项目名称", 28, "dq_left"), ("级别", 8, "dq_center"),
    ("总投资（万元）", 14, "dq_money"), ("年度计划（万元）", 14, "dq_money"),
    ("累计完成（万元）", 14, "dq_money"), ("当前阶段", 10, "dq_center"), ("状态", 7, "dq_center"),
    ("存在问题", 40, "dq_left"), ("责任人", 10, "dq_center")]
ACTION_COLUMNS = [  # header, width, style
    ("序号", 6, "dq_center"), ("会议", 24, "dq_left"), ("项目", 24, "dq_left"), ("决定事项", 36, "dq_left"),
    ("督办事项", 36, "dq_left"), ("责任人", 10, "dq_center"), ("完成时限", 12, "dq_date"),
    ("完成日期", 12, "dq_date"), ("办理结果", 30, "dq_left"), ("状态", 9, "dq_center")]


def _add_styles(wb):
    for name, extra in STYLES.items():
        wb.add_named_style(NamedStyle(name, **{"border": BORDER, "alignment": CENTER, **extra}))


def _put(ws, row, col, value, style="dq_center"):
    cell = ws.cell(row=row, column=col, value=value)
    if isinstance(value, str) and value.startswith(FORMULA_START):
        cell.data_type = "s"  # text that looks like a formula stays text
    cell.style = style
    return cell


def _title(ws, text, last_col):
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=last_col)
    cell = ws.cell(row=1, column=1, value=text)
    cell.font, cell.alignment = Font(bold=True, size=16), Alignment(horizontal="center", vertical="center")
    ws.row_dimensions[1].height = 30


def milestone_columns(projects) -> list[tuple[str, str]]:
    """(key, name) of every milestone in the order they first appear (the templates' order)."""
    seen: dict[str, str] = {}
    for p in projects:
        for m in p.milestones:
            seen.setdefault(m.key, m.name)
    return list(seen.items())


def _ledger_header(ws, milestones):
    fixed = len(LEDGER_COLUMNS)
    for col, (header, width, _style) in enumerate(LEDGER_COLUMNS, 1):
        ws.merge_cells(start_row=2, start_column=col, end_row=3, end_column=col)
        _put(ws, 2, col, header, "dq_header")
        _put(ws, 3, col, None, "dq_header")
        ws.column_dimensions[get_column_letter(col)].width = width
    for i, (_key, name) in enumerate(milestones):
        col = fixed + 1 + 2 * i
        ws.merge_cells(start_row=2, start_column=col, end_row=2, end_column=col + 1)
        _put(ws, 2, col, name, "dq_header")
        _put(ws, 2, col + 1, None, "dq_header")
        for offset, label in enumerate(("计划完成", "实际完成")):
            _put(ws, 3, col + offset, label, "dq_header")
            ws.column_dimensions[get_column_letter(col + offset)].width = 11


def _ledger_row(ws, row, n, p: ProjectRow, milestones, as_of):
    values = [n, p.name, LEVELS.get(p.level, p.level), p.total_investment, p.annual_planned, p.invested,
              STAGES.get(p.stage, p.stage), HEALTH_TEXT.get(p.health, p.health), p.issues, p.owner]
    styles = [style for _h, _w, style in LEDGER_COLUMNS]
    if p.health in HEALTH_FILL:
        styles[7] = f"dq_{p.health}"
    if p.health in NAME_FILL:
        styles[1] = f"dq_name_{p.health}"
    for col, (value, style) in enumerate(zip(values, styles, strict=True), 1):
        _put(ws, row, col, value, style)
    by_key = {m.key: m for m in p.milestones}
    for i, (key, _name) in enumerate(milestones):
        _milestone_cells(ws, row, len(LEDGER_COLUMNS) + 1 + 2 * i, by_key.get(key), as_of)


def _milestone_cells(ws, row, col, m: MilestoneRow | None, as_of: date):
    planned, actual = (m.planned_finish, m.actual_finish) if m else (None, None)
    due = planned is not None and actual is None and planned < as_of
    late = planned is not None and actual is not None and actual > planned
    _put(ws, row, col, planned, "dq_date_due" if due else "dq_date")
    _put(ws, row, col + 1, actual, "dq_date_late" if late else "dq_date")


def _ledger_sheet(ws, report: DispatchReport):
    milestones = milestone_columns(report.projects)
    last = len(LEDGER_COLUMNS) + 2 * len(milestones)
    _title(ws, f"{report.park}重点项目台账（截至{date_text(report.as_of)}）", last)
    _ledger_header(ws, milestones)
    for n, p in enumerate(report.projects, 1):
        _ledger_row(ws, 3 + n, n, p, milestones, report.as_of)
    ws.freeze_panes = "C4"
    ws.auto_filter.ref = f"A3:{get_column_letter(last)}{3 + max(len(report.projects), 1)}"


def _actions_sheet(ws, report: DispatchReport):
    _title(ws, f"{report.park}重点项目督办事项（截至{date_text(report.as_of)}）", len(ACTION_COLUMNS))
    for col, (header, width, _style) in enumerate(ACTION_COLUMNS, 1):
        _put(ws, 2, col, header, "dq_header")
        ws.column_dimensions[get_column_letter(col)].width = width
    for n, a in enumerate((*report.actions, *report.carried), 1):
        state = a.state(report.as_of)
        values = [n, a.meeting or report.title, a.project or "—", a.decision, a.action, a.owner, a.due_on,
                  a.done_on, a.result, state]
        for col, (value, (_h, _w, style)) in enumerate(zip(values, ACTION_COLUMNS, strict=True), 1):
            _put(ws, 2 + n, col, value, "dq_overdue" if col == 10 and state == "已逾期" else style)
    ws.freeze_panes = "A3"


def build_ledger_xlsx(report: DispatchReport) -> bytes:
    """The 重点项目台账: one row per project with milestones planned/actual, and a sheet of 督办事项."""
    wb = Workbook()
    _add_styles(wb)
    _ledger_sheet(wb.active, report)
    wb.active.title = "重点项目台账"
    _actions_sheet(wb.create_sheet("督办事项"), report)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
