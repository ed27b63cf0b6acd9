"""Load the reference CSV files shipped in `data/` (used by the data migration and tests)."""

import csv
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"


def industry_rows():
    with open(DATA / "gbt4754_2017_industry.csv", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    sections = {}
    for row in rows:  # parents precede children in the file
        sections[row["code"]] = row["parent"] and sections[row["parent"]] or row["code"]
    return [dict(row, section=sections[row["code"]]) for row in rows]


def region_rows():
    with open(DATA / "regions_qingdao.csv", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def load_reference(industry_model, region_model):
    """Insert every code, parents first; safe to run again (existing rows are kept)."""
    existing = set(industry_model.objects.values_list("code", flat=True))
    industry_model.objects.bulk_create([
        industry_model(code=r["code"], name=r["name"], level=int(r["level"]),
                       parent_id=r["parent"] or None, section=r["section"])
        for r in industry_rows() if r["code"] not in existing
    ], batch_size=500)
    existing = set(region_model.objects.values_list("code", flat=True))
    region_model.objects.bulk_create([
        region_model(code=r["code"], name=r["name"], parent_id=r["parent"] or None)
        for r in region_rows() if r["code"] not in existing
    ])
