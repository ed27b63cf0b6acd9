"""The enterprise workbook format: columns, cell parsing, template/export/error-report writers.

Headers are fixed Chinese text on purpose: the file is a contract between park offices and their
spreadsheets, so it must not change with the interface language.
"""

import datetime
import io
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    kind: str = "text"  # text | date | decimal | int | signed
    required: bool = False
    note: str = ""


COLUMNS = [
    Column("name", "企业名称", required=True),
    Column("credit_code", "统一社会信用代码", required=True, note="18位，系统自动去空格并转大写"),
    Column("legal_rep", "法定代表人"),
    Column("founded_on", "成立日期", "date", note="日期格式，如 2015-06-18"),
    Column("registered_capital", "注册资本（万元）", "decimal"),
    Column("address", "注册地址"),
    Column("zone", "所在片区"),
    Column("grid", "所属网格", note="须为园区已建网格的名称"),
    Column("industry", "行业代码", required=True, note="GB/T 4754-2017 四位小类代码，如 3062"),
    Column("status", "经营状态", note="在营 / 迁出 / 注销，空白为在营"),
    Column("year", "指标年度", "int", note="填写下列年度指标时必填，如 2025"),
    Column("revenue", "营业收入（万元）", "decimal"),
    Column("main_business_revenue", "主营业务收入（万元）", "decimal"),
    Column("total_profit", "利润总额（万元）", "signed", note="亏损填负数"),
    Column("tax_paid", "纳税额（万元）", "decimal"),
    Column("rd_expense", "研发费用（万元）", "decimal"),
    Column("employees", "从业人员（人）", "int"),
    Column("rd_staff", "研发人员（人）", "int"),
    Column("total_assets", "资产总额（万元）", "decimal"),
    Column("total_liabilities", "负债总额（万元）", "decimal"),
    Column("export_value", "出口额（万元）", "decimal"),
    Column("fixed_asset_investment", "固定资产投资（万元）", "decimal"),
    Column("invention_patents", "发明专利（件）", "int"),
    Column("class1_ip", "Ⅰ类知识产权（件）", "int"),
    Column("class2_ip", "Ⅱ类知识产权（件）", "int"),
    Column("land_area_mu", "用地面积（亩）", "decimal"),
    Column("energy_consumption_tce", "综合能耗（吨标煤）", "decimal"),
    Column("equity_financing", "股权融资（万元）", "decimal"),
]
BY_HEADER = {c.header: c for c in COLUMNS}
STATUS_LABELS = {"在营": "active", "迁出": "moved_out", "注销": "deregistered"}
STATUS_NAMES = {v: k for k, v in STATUS_LABELS.items()}
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
SHEET_TITLE = "企业"


class CellError(ValueError):
    """A cell that cannot be read as its column's type; the message is for the user."""


class NoSuchDate(CellError):
    """A well-formed date that is not in the calendar (2021-02-30); parse_cell names the column."""


DATE_SHAPE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")


def neutralise(value):
    """Prefix text that a spreadsheet would run as a formula (CSV/formula injection)."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def _text(value):
    text = str(value).strip()
    if text.startswith("'") and text[1:2] in FORMULA_START:
        text = text[1:]  # undo our own neutralising on re-import
    return text


def _date(value):
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = str(value).strip().replace("/", "-").replace(".", "-")
    shape = DATE_SHAPE.fullmatch(text)
    try:
        return datetime.date(*map(int, shape.groups())) if shape else datetime.date.fromisoformat(text)
    except ValueError:
        if shape:
            raise NoSuchDate(text) from None
        raise CellError(_("Not a valid date (use YYYY-MM-DD).")) from None


def _decimal(value, signed=False):
    try:
        number = Decimal(str(value).strip().replace(",", ""))
    except InvalidOperation:
        raise CellError(_("Not a number.")) from None
    if not number.is_finite():
        raise CellError(_("Not a number."))
    if number < 0 and not signed:
        raise CellError(_("Must not be negative."))
    return number.quantize(Decimal("0.01"))


def _int(value):
    number = _decimal(value)
    if number != number.to_integral():
        raise CellError(_("Must be a whole number."))
    return int(number)


PARSERS = {"text": _text, "date": _date, "decimal": _decimal, "int": _int,
           "signed": lambda v: _decimal(v, signed=True)}


def parse_cell(column: Column, value):
    """The typed value of one cell; None for an empty cell."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        return PARSERS[column.kind](value)
    except NoSuchDate as exc:
        raise CellError(_("%(column)s “%(value)s”: this date does not exist; check the year, month "
                          "and day.") % {"column": column.header, "value": exc.args[0]}) from None


def _header_row(ws):
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
    for i, col in enumerate(COLUMNS, start=1):
        cell = ws.cell(row=1, column=i, value=col.header + ("*" if col.required else ""))
        cell.font, cell.fill = bold, fill
        ws.column_dimensions[get_column_letter(i)].width = max(12, len(col.header) * 2 + 2)
    ws.freeze_panes = "A2"


def template_workbook() -> bytes:
    """The blank import template: a data sheet plus an instructions sheet."""
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET_TITLE
    _header_row(ws)
    notes = wb.create_sheet("填写说明")
    notes.append(["列名", "是否必填", "说明"])
    for col in COLUMNS:
        notes.append([col.header, "必填" if col.required else "选填", col.note])
    notes.append([])
    for line in INSTRUCTIONS:
        notes.append([line])
    notes.column_dimensions["A"].width = 24
    notes.column_dimensions["C"].width = 60
    return _save(wb)


INSTRUCTIONS = [
    "1. 在“企业”工作表第2行起逐行填写，每行一家企业；表头带*的列必填，请勿修改或删除表头。",
    "2. 按统一社会信用代码匹配：园区已有该代码的企业将被更新，否则新建。",
    "3. 导入为“全部成功或全部不导入”：任何一行有误，整个文件都不会写入，并生成错误报告（行号、列、原因）。",
    "4. 金额单位为万元；同一行可附带一个年度的经营指标，填写指标时“指标年度”必填。",
    "5. 文件须为 .xlsx 格式，不超过 20 MB。",
]


def _save(wb) -> bytes:
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def export_workbook(rows) -> bytes:
    """`rows` are dicts keyed by column key; the result re-imports unchanged."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(SHEET_TITLE)
    ws.append([c.header + ("*" if c.required else "") for c in COLUMNS])
    for row in rows:
        ws.append([neutralise(row.get(c.key)) for c in COLUMNS])
    return _save(wb)


def error_report_workbook(errors) -> bytes:
    """One line per problem: row, column, reason."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("错误报告")
    ws.append(["行号", "列", "原因"])
    for err in errors:
        ws.append([err["row"], neutralise(err["column"]), neutralise(err["message"])])
    return _save(wb)
