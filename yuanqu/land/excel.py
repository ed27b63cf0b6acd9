"""The plot workbook (台账): columns, label ↔ code tables, template and export writers.

Headers and labels are fixed Chinese text on purpose, as in the enterprise workbook: the file is a
contract between park offices and their spreadsheets. The geometry column holds GeoJSON text; a
.geojson FeatureCollection may be imported instead, with the same names (or the keys) as
properties. An exported workbook re-imports unchanged.
"""

import json

from openpyxl import Workbook

from yuanqu.enterprises.excel import Column, neutralise
from yuanqu.enterprises.excel import _save as save_workbook

from .models import INFRASTRUCTURE

COLUMNS = [
    Column("code", "地块编号", required=True),
    Column("name", "地块名称"),
    Column("area_mu", "面积（亩）", "decimal",
           note="空白则按图形计算；与图形面积相差超过 2%（至少 0.1 亩）时报错"),
    Column("use", "用途", note="工业 / 仓储 / 商服 / 研发 / 公共设施 / 其他，空白为工业"),
    Column("status", "状态", note="在用 / 闲置 / 低效 / 盘活中 / 已盘活 / 储备，空白为在用"),
    Column("occupant", "使用企业信用代码", note="须为园区已登记企业的统一社会信用代码"),
    Column("owner_name", "权利人"),
    Column("infrastructure", "配套设施", note="用、分隔：道路、供水、供电、供气、排水、通信、供热"),
    Column("plot_ratio_min", "容积率下限", "decimal"),
    Column("plot_ratio_max", "容积率上限", "decimal"),
    Column("height_limit_m", "限高（米）", "decimal"),
    Column("price_per_mu", "挂牌价（万元/亩）", "decimal"),
    Column("available_on", "可供地日期", "date", note="日期格式，如 2026-06-30"),
    Column("note", "备注"),
    Column("geometry", "地块图形（GeoJSON）", required=True,
           note="GeoJSON Polygon 或 MultiPolygon（经度, 纬度），"
                '如 {"type":"Polygon","coordinates":[[[120.1,36.2],…]]}'),
]
BY_NAME = {**{c.header: c for c in COLUMNS}, **{c.key: c for c in COLUMNS}}
USE_LABELS = {"工业": "industrial", "仓储": "warehouse", "商服": "commercial", "研发": "research",
              "公共设施": "public", "其他": "other"}
STATUS_LABELS = {"在用": "in_use", "闲置": "idle", "低效": "low_efficiency", "盘活中": "revitalising",
                 "已盘活": "revitalised", "储备": "reserve"}
INFRA_LABELS = {"道路": "has_road", "供水": "has_water", "供电": "has_power", "供气": "has_gas",
                "排水": "has_drainage", "通信": "has_telecom", "供热": "has_heat"}
USE_NAMES = {v: k for k, v in USE_LABELS.items()}
STATUS_NAMES = {v: k for k, v in STATUS_LABELS.items()}
INFRA_NAMES = {v: k for k, v in INFRA_LABELS.items()}
SHEET_TITLE = "地块台账"
INSTRUCTIONS = [
    "1. 在“地块台账”工作表第2行起逐行填写，每行一个地块；表头带*的列必填，请勿修改表头。",
    "2. 按地块编号匹配：园区已有该编号的地块将被更新，否则新建。",
    "3. 导入为“全部成功或全部不导入”：任何一行有误（含图形无效、自相交、与其他地块重叠、面积与图形不符），"
    "整个文件都不会写入，并列出每个问题（行号、列、原因）。",
    "4. 也可上传 .geojson 文件（FeatureCollection），每个要素的 properties 使用上表的列名或英文键名"
    "（code、name、area_mu、use、status、occupant、infrastructure……）。",
    "5. 金额单位为万元，面积单位为亩（1 亩 ≈ 666.67 平方米）。",
]


def row_values(plot) -> dict:
    """A plot as one workbook row (column key → cell)."""
    infra = "、".join(INFRA_NAMES[key] for key in INFRASTRUCTURE if getattr(plot, key))
    return {"code": plot.code, "name": plot.name, "area_mu": plot.area_mu, "use": USE_NAMES.get(plot.use),
            "status": STATUS_NAMES.get(plot.status),
            "occupant": plot.occupant.credit_code if plot.occupant_id else None,
            "owner_name": plot.owner_name, "infrastructure": infra, "plot_ratio_min": plot.plot_ratio_min,
            "plot_ratio_max": plot.plot_ratio_max, "height_limit_m": plot.height_limit_m,
            "price_per_mu": plot.price_per_mu, "available_on": plot.available_on, "note": plot.note,
            "geometry": json.dumps(plot.geometry, ensure_ascii=False, separators=(",", ":"))}


def _headers():
    return [c.header + ("*" if c.required else "") for c in COLUMNS]


def export_workbook(plots) -> bytes:
    """The plots as the import workbook (re-imports unchanged)."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(SHEET_TITLE)
    ws.append(_headers())
    for plot in plots:
        values = row_values(plot)
        ws.append([neutralise(values.get(c.key)) for c in COLUMNS])
    return save_workbook(wb)


def template_workbook() -> bytes:
    """The blank import template: the data sheet and an instructions sheet."""
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET_TITLE
    ws.append(_headers())
    notes = wb.create_sheet("填写说明")
    notes.append(["列名", "是否必填", "说明"])
    for col in COLUMNS:
        notes.append([col.header, "必填" if col.required else "选填", col.note])
    notes.append([])
    for line in INSTRUCTIONS:
        notes.append([line])
    notes.column_dimensions["A"].width = 24
    notes.column_dimensions["C"].width = 80
    return save_workbook(wb)
