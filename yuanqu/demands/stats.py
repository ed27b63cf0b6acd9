"""Demand statistics: aggregate figures overall and per category, department, grid and month.

Every figure comes from one grouped query; callers pass a queryset already scoped to the user.
"""

import io

from django.db.models import Avg, Count, F, Q
from django.db.models.functions import TruncMonth
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from .models import Rating
from .workflow import OPEN, Status

# Handled to the end; a merged duplicate is closed without `resolved_at` and so does not count.
DONE = [Status.RESOLVED, Status.RATED, Status.CLOSED]
POSITIVE = [Rating.SATISFIED, Rating.BASIC]
SECONDS_PER_DAY = 86400

# dimension → (group key, label field, ordering)
DIMENSIONS = {
    "park": ("park_id", "park__name", ("park__name", "park_id")),
    "category": ("category_id", "category__name", ("category__order", "category_id")),
    "department": ("department_id", "department__name", ("-total", "department__name")),
    "grid": ("enterprise__grid_id", "enterprise__grid__name", ("-total", "enterprise__grid__name")),
    "month": ("month", None, ("month",)),
}


def _metrics(now) -> dict:
    """The aggregate expressions shared by the summary and every dimension."""
    resolved = Q(status__in=DONE, resolved_at__isnull=False)
    return {
        "total": Count("pk"),
        "open": Count("pk", filter=Q(status__in=list(OPEN))),
        "resolved": Count("pk", filter=resolved),
        "on_time": Count("pk", filter=resolved & Q(resolved_at__lte=F("deadline_at"))),
        "overdue": Count("pk", filter=Q(status__in=list(OPEN), deadline_at__lt=now)),
        "rated": Count("pk", filter=Q(rating__in=Rating.values)),
        "satisfied": Count("pk", filter=Q(rating__in=POSITIVE)),
        "handling": Avg(F("resolved_at") - F("created_at"), filter=resolved),
    }


def _ratio(part, whole):
    return round(part / whole, 4) if whole else None


def _finish(row: dict) -> dict:
    """Add the rates and the average handling days to one row of counts."""
    handling = row.pop("handling")
    row["on_time_rate"] = _ratio(row["on_time"], row["resolved"])
    row["satisfaction_rate"] = _ratio(row["satisfied"], row["rated"])
    row["avg_days"] = None if handling is None else round(handling.total_seconds() / SECONDS_PER_DAY, 2)
    return row


def summary(qs, now) -> dict:
    """Counts and rates over the whole queryset."""
    return _finish(qs.order_by().aggregate(**_metrics(now)))


def _group_row(dimension, row: dict) -> dict:
    """Replace the raw group columns of `row` with a readable key and label."""
    key_field, name_field, _ordering = DIMENSIONS[dimension]
    key, name = row.pop(key_field), row.pop(name_field, None)
    if dimension == "month":
        key = name = key.strftime("%Y-%m")
    elif key is None:
        name = {"category": _("Uncategorised"), "department": _("Not assigned"),
                "grid": _("No grid")}[dimension]
    return _finish({"key": key, "label": name, **row})


def by_dimension(qs, dimension, now) -> list[dict]:
    """One row per category / lead department / firm's grid / month: key, label, counts and rates."""
    key, name, ordering = DIMENSIONS[dimension]
    if dimension == "month":
        qs = qs.annotate(month=TruncMonth("created_at"))
    fields = [key, name] if name else [key]
    rows = qs.order_by().values(*fields).annotate(**_metrics(now)).order_by(*ordering)
    return [_group_row(dimension, row) for row in rows]


# Fixed Chinese headers, as in the enterprise workbook: park offices keep these files as records.
COLUMNS = [  # (key, header, number format)
    ("total", "诉求总数", "0"), ("open", "办理中", "0"), ("resolved", "已办结", "0"),
    ("on_time_rate", "按期办结率", "0.0%"), ("overdue", "超期未办结", "0"),
    ("avg_days", "平均办理时长（天）", "0.0"), ("rated", "已评价", "0"),
    ("satisfaction_rate", "满意率", "0.0%"),
]
SHEETS = [("category", "按类别", "诉求类别"), ("department", "按牵头部门", "牵头部门"),
          ("grid", "按网格", "网格"), ("month", "按月份", "月份")]
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _safe(value):
    """Keep user-entered names from being read as spreadsheet formulas."""
    return "'" + value if isinstance(value, str) and value.startswith(FORMULA_START) else value


def _header(ws, headers):
    ws.append(headers)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    ws.freeze_panes = "A2"
    ws.column_dimensions["A"].width = 24


def _append(ws, values, formats):
    """Append one row and give each numeric cell its number format."""
    ws.append(values)
    for cell, fmt in zip(ws[ws.max_row][len(values) - len(formats):], formats, strict=True):
        cell.number_format = fmt


def _summary_sheet(ws, totals):
    ws.title = "汇总"
    _header(ws, ["指标", "数值"])
    for key, header, fmt in COLUMNS:
        _append(ws, [header, totals[key]], [fmt])


def _dimension_sheet(ws, label, rows):
    _header(ws, [label, *(header for _k, header, _f in COLUMNS)])
    formats = [fmt for _key, _h, fmt in COLUMNS]
    for row in rows:
        _append(ws, [_safe(row["label"]), *(row[key] for key, _h, _f in COLUMNS)], formats)


def workbook(qs, now) -> bytes:
    """The statistics as .xlsx: a summary sheet, then one sheet per dimension."""
    wb = Workbook()
    _summary_sheet(wb.active, summary(qs, now))
    for dimension, title, label in SHEETS:
        _dimension_sheet(wb.create_sheet(title), label, by_dimension(qs, dimension, now))
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _series(rows, key):
    return [row[key] for row in rows]


def _percent(rows, key):
    return [None if row[key] is None else round(row[key] * 100, 1) for row in rows]


def chart_data(categories, months) -> dict:
    """The series the statistics page draws (read by static/js/demand_stats.js)."""
    return {
        "category": {"labels": _series(categories, "label"), "total": _series(categories, "total"),
                     "open": _series(categories, "open"), "resolved": _series(categories, "resolved")},
        "month": {"labels": _series(months, "label"), "total": _series(months, "total"),
                  "resolved": _series(months, "resolved"), "on_time_rate": _percent(months, "on_time_rate")},
        "names": {"total": _("Demands"), "open": _("Open"), "resolved": _("Resolved"),
                  "on_time_rate": _("On-time rate (%)"), "count": _("Count")},
    }
