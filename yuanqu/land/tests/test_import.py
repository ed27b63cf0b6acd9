"""Plot import: .xlsx, .csv and .geojson; atomic, with per-row errors; export re-imports."""

import io
import json

from django.test import TestCase
from openpyxl import Workbook

from yuanqu.core.models import AuditAction, AuditEvent
from yuanqu.core.testing.personas import make_park
from yuanqu.land.excel import COLUMNS, export_workbook, template_workbook
from yuanqu.land.importing import import_plots
from yuanqu.land.models import Plot

from .helpers import cell, make_plot

HEADERS = [c.header for c in COLUMNS]


def xlsx(rows, headers=HEADERS) -> io.BytesIO:
    wb = Workbook()
    ws = wb.active
    ws.append(headers)
    for row in rows:
        ws.append([row.get(h) for h in headers])
    buffer = io.BytesIO()
    wb.save(buffer)
    buffer.seek(0)
    return buffer


def row(code, i, **extra):
    return {"地块编号": code, "地块图形（GeoJSON）": json.dumps(cell(i)), **extra}


class ImportTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.p = make_park("a")

    def run_import(self, rows, name="plots.xlsx"):
        return import_plots(self.p.park, xlsx(rows), name, actor=self.p.admin)

    def test_rows_become_plots_with_labels_firm_and_infrastructure(self):
        result = self.run_import([
            row("A-01", 0, 地块名称="东区一号", 用途="仓储", 状态="闲置", 配套设施="道路、供水、供电",
                使用企业信用代码=self.p.firm.credit_code.lower(), 可供地日期="2026-06-30"),
            row(101, 1, **{"面积（亩）": 15.2, "挂牌价（万元/亩）": "35"}),
        ])
        assert result.ok, result.errors
        assert (result.rows, result.created, result.updated) == (2, 2, 0)
        first = Plot.objects.get(code="A-01")
        assert (first.use, first.status, first.occupant) == ("warehouse", "idle", self.p.firm)
        assert first.has_road and first.has_power and not first.has_gas
        assert str(first.available_on) == "2026-06-30" and str(first.area_mu) == "15.01"
        second = Plot.objects.get(code="101")
        assert str(second.area_mu) == "15.20" and str(second.price_per_mu) == "35.00"
        assert AuditEvent.objects.filter(action=AuditAction.IMPORT).count() == 2

    def test_any_bad_row_imports_nothing_and_each_problem_is_reported(self):
        bow = {"type": "Polygon", "coordinates": [[[120, 36], [120.001, 36.001], [120.001, 36], [120, 36.001],
                                                   [120, 36]]]}
        result = self.run_import([
            row("A-01", 0),
            {"地块编号": "A-02", "地块图形（GeoJSON）": json.dumps(bow)},
            row("A-03", 2, 用途="农业", **{"面积（亩）": 30}),
            row("A-01", 3),
            {"地块编号": "A-05", "地块图形（GeoJSON）": "{not json"},
            row("A-06", 5, 使用企业信用代码="91370200MA00000000"),
        ])
        assert not result.ok and not Plot.objects.exists()
        found = {(e["row"], e["column"]) for e in result.errors}
        assert found == {(3, "地块图形（GeoJSON）"), (4, "用途"), (4, "面积（亩）"), (5, "地块编号"),
                         (6, "地块图形（GeoJSON）"), (7, "使用企业信用代码")}
        messages = " ".join(e["message"] for e in result.errors)
        assert "自相交" in messages and "第 2 行" in messages and "15.01" in messages

    def test_overlaps_within_the_file_and_with_the_park_are_refused(self):
        make_plot(self.p.park, self.p.admin, "OLD-1", i=5)
        shifted = {"type": "Polygon", "coordinates": [[[120.0005, 36], [120.0015, 36], [120.0015, 36.001],
                                                       [120.0005, 36.001], [120.0005, 36]]]}
        moved = {"地块编号": "A-02", "地块图形（GeoJSON）": json.dumps(shifted)}
        result = self.run_import([row("A-01", 0), moved, row("A-03", 5)])
        rows = sorted((e["row"], e["message"]) for e in result.errors)
        assert [r for r, _m in rows] == [2, 3, 4]
        assert "A-02" in rows[0][1] and "A-01" in rows[1][1] and "OLD-1" in rows[2][1]
        assert Plot.objects.count() == 1

    def test_an_existing_number_is_updated_and_may_move(self):
        make_plot(self.p.park, self.p.admin, "A-01")
        result = self.run_import([row("A-01", 1, 地块名称="新名称")])
        assert result.ok and (result.created, result.updated) == (0, 1)
        plot = Plot.objects.get()
        assert plot.name == "新名称" and plot.min_lon == 120.001

    def test_csv_and_geojson_files(self):
        quoted = json.dumps(cell(0)).replace('"', '""')
        text = f'地块编号,地块图形（GeoJSON）\nC-01,"{quoted}"\n'
        result = import_plots(self.p.park, io.BytesIO(text.encode("utf-8-sig")), "p.csv",
                              actor=self.p.admin)
        assert result.ok, result.errors
        point = {"type": "Point", "coordinates": [1, 2]}
        doc = {"type": "FeatureCollection", "features": [
            {"type": "Feature", "geometry": cell(1),
             "properties": {"code": "G-01", "use": "研发", "area_mu": 15}},
            {"type": "Feature", "properties": {"地块编号": "G-02"}, "geometry": point},
        ]}

        def geojson():
            return import_plots(self.p.park, io.BytesIO(json.dumps(doc).encode()), "p.geojson",
                                actor=self.p.admin)

        result = geojson()
        assert [(e["row"], e["column"]) for e in result.errors] == [(2, "地块图形（GeoJSON）")]
        doc["features"].pop()
        result = geojson()
        assert result.ok and Plot.objects.get(code="G-01").use == "research"

    def test_unreadable_files_and_headers(self):
        result = import_plots(self.p.park, io.BytesIO(b"nonsense"), "p.xlsx", actor=self.p.admin)
        assert result.errors[0]["row"] == 0
        result = import_plots(self.p.park, xlsx([{"地块编号": "A"}], headers=["地块编号", "颜色"]), "p.xlsx",
                              actor=self.p.admin)
        assert "颜色" in result.errors[0]["column"]
        result = import_plots(self.p.park, xlsx([]), "p.xlsx", actor=self.p.admin)
        assert "没有数据行" in result.errors[0]["message"]

    def test_the_export_re_imports_unchanged(self):
        make_plot(self.p.park, self.p.admin, "A-01", occupant=self.p.firm, has_gas=True, use="research")
        make_plot(self.p.park, self.p.admin, "A-02", i=1, status="reserve")
        data = export_workbook(Plot.objects.select_related("occupant"))
        result = import_plots(self.p.park, io.BytesIO(data), "export.xlsx", actor=self.p.admin)
        assert result.ok, result.errors
        assert (result.created, result.updated) == (0, 2)
        assert not AuditEvent.objects.filter(action=AuditAction.IMPORT).exclude(changes={}).exists()
        assert template_workbook()[:2] == b"PK"
