"""The cultivation pool as an .xlsx workbook: one sheet per tier, candidates then recognised firms."""

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

FORMULA_START = ("=", "+", "-", "@")


def _columns():
    return [  # (header, value of an Entry, width)
        (_("enterprise"), lambda e: e.firm.name, 32),
        (_("industry"), lambda e: e.firm.industry, 22),
        (_("grid"), lambda e: e.firm.grid, 10),
        (_("standing"), lambda e: e.standing_label, 12),
        (_("rule version"), lambda e: e.result.rule_version if e.result else "", 16),
        (_("assessment score"), lambda e: e.result.score if e.result else None, 8),
        (_("threshold"), lambda e: e.result.threshold if e.result else None, 8),
        (_("closeness"), lambda e: round(e.result.closeness, 3) if e.result else None, 9),
        (_("gaps"), lambda e: "；".join(e.result.gaps) if e.result else e.held, 60),
        (_("missing data"), lambda e: "、".join(e.result.missing) if e.result else "", 30),
        (_("cultivation plan"), lambda e: _("yes") if e.plan_id else "", 10),
    ]


def _cell(ws, value):
    """Text never read as a formula (a firm name starting with '=' stays text)."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        value = "'" + value
    return WriteOnlyCell(ws, value)


def _sheet(wb, pool, columns):
    ws = wb.create_sheet(pool.label[:31])
    for i, (_h, _v, width) in enumerate(columns):
        ws.column_dimensions[chr(ord("A") + i)].width = width
    ws.freeze_panes = "A2"
    header = [WriteOnlyCell(ws, h) for h, _v, _w in columns]
    for cell in header:
        cell.font = Font(bold=True)
    ws.append(header)
    for entry in [*pool.candidates, *pool.recognised]:
        ws.append([_cell(ws, value(entry)) for _h, value, _w in columns])


def pool_workbook(pools) -> bytes:
    """`pools`: the TierPools to export (each its own sheet)."""
    wb = Workbook(write_only=True)
    columns = _columns()
    for pool in pools:
        _sheet(wb, pool, columns)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
