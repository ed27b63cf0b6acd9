"""Build real .xlsx uploads for tests."""

import io

from openpyxl import Workbook

from yuanqu.enterprises.excel import COLUMNS

HEADERS = [c.header for c in COLUMNS]


def workbook(rows, headers=None) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "企业"
    ws.append(headers or HEADERS)
    for row in rows:
        ws.append([row.get(h) for h in (headers or HEADERS)])
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def firm_row(code, name="青岛导入测试有限公司", **extra):
    return {"企业名称": name, "统一社会信用代码": code, "行业代码": "3062", **extra}
