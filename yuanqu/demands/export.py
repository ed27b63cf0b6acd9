"""The demand list as an .xlsx workbook, one row per demand, with the Chinese headers park offices file."""

import io

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from .stats import FORMULA_START

SHEET_TITLE = "诉求清单"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
COLUMNS = [  # (header, value of a demand, width)
    ("编号", lambda d: d.number, 16),
    ("标题", lambda d: d.title, 36),
    ("企业", lambda d: d.enterprise.name, 30),
    ("类别", lambda d: d.category.name if d.category else "", 14),
    ("紧急程度", lambda d: str(d.get_urgency_display()), 10),
    ("状态", lambda d: str(d.get_status_display()), 10),
    ("承办部门", lambda d: d.department.name if d.department else "", 16),
    ("提交时间", lambda d: d.created_at, 17),
    ("办理时限", lambda d: d.deadline_at, 17),
    ("办结时间", lambda d: d.resolved_at, 17),
    ("满意度", lambda d: str(d.get_rating_display()) if d.rating else "", 10),
]


def _cell(ws, value):
    """A cell: local times without a zone (Excel has none), text never read as a formula."""
    if hasattr(value, "tzinfo"):
        cell = WriteOnlyCell(ws, timezone.localtime(value).replace(tzinfo=None))
        cell.number_format = DATETIME_FORMAT
        return cell
    if isinstance(value, str) and value.startswith(FORMULA_START):
        value = "'" + value
    return WriteOnlyCell(ws, value)


def _header(ws):
    for letter, (_h, _v, width) in zip("ABCDEFGHIJK", COLUMNS, strict=True):
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = "A2"
    cells = [WriteOnlyCell(ws, header) for header, _v, _w in COLUMNS]
    for cell in cells:
        cell.font = Font(bold=True)
    ws.append(cells)


def demand_workbook(demands) -> bytes:
    """`demands` with enterprise, category and department selected; streamed in chunks."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(SHEET_TITLE)
    _header(ws)
    for demand in demands.iterator(chunk_size=500) if hasattr(demands, "iterator") else demands:
        ws.append([_cell(ws, value(demand)) for _h, value, _w in COLUMNS])
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
