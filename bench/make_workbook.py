"""Write an N-row enterprise workbook with valid credit codes and one year of indicators."""

import random
import sys

import benchenv  # noqa: F401  (puts the project on sys.path)
from openpyxl import Workbook

from yuanqu.enterprises.excel import COLUMNS
from yuanqu.reference.creditcode import make_credit_code

CODES = ["3062", "3484", "2929", "1811", "2720", "3491", "3983", "1781", "6513", "2443"]


def row(i, rng):
    revenue = round(rng.uniform(100, 50000), 2)
    values = {
        "name": f"青岛基准测试{i:06d}科技有限公司",
        "credit_code": make_credit_code("91", "370215", f"MB{i:06d}"), "legal_rep": "张三",
        "founded_on": f"20{rng.randint(0, 23):02d}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}",
        "registered_capital": rng.randint(50, 5000), "address": f"青岛市即墨区孔雀河三路{i}号",
        "zone": rng.choice(["孔雀河片区", "恒山路片区", "马山片区"]),
        "grid": rng.choice(["一网格", "二网格"]),
        "industry": rng.choice(CODES), "status": "在营", "year": 2025, "revenue": revenue,
        "main_business_revenue": round(revenue * 0.9, 2), "total_profit": round(revenue * 0.05, 2),
        "tax_paid": round(revenue * 0.03, 2), "rd_expense": round(revenue * 0.04, 2),
        "employees": rng.randint(5, 900), "rd_staff": rng.randint(0, 5),
    }
    return [values.get(c.key) for c in COLUMNS]


def main(n, path):
    rng = random.Random(2026)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("企业")
    ws.append([c.header for c in COLUMNS])
    for i in range(1, n + 1):
        ws.append(row(i, rng))
    wb.save(path)
    print(f"wrote {n} rows to {path}")


if __name__ == "__main__":
    main(int(sys.argv[1]), sys.argv[2])
