"""The project import: atomic, per-row errors (row, column, reason), update on re-import, .csv too."""

import io
import tempfile
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import TestCase
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from yuanqu.core.audit import history_for
from yuanqu.land.models import Plot
from yuanqu.projects import services
from yuanqu.projects.importing import COLUMNS, import_projects, template_workbook
from yuanqu.projects.models import Milestone, Project

from .helpers_projects import TODAY, project_park

HEADERS = [c.header for c in COLUMNS]
SQUARE = {"type": "Polygon", "coordinates": [[[120.0, 36.0], [120.001, 36.0], [120.001, 36.001],
                                               [120.0, 36.001], [120.0, 36.0]]]}


def row(extra=None, **values):
    base = {"项目名称": "氢能装备项目", "年度": 2026, "级别": "区级", "行业代码": "3062", "投资方": "",
            "总投资（万元）": 30000, "年度计划投资（万元）": 8000, "建筑面积（㎡）": 45000, "地块编号": "",
            "阶段": "在建", "目标日期": "2027-06-30", "投资强度评分": 80, "科技含量评分": 75,
            "带动效应评分": 70, "税收贡献评分": 65}
    base.update(values, **(extra or {}))
    return [base[h] for h in HEADERS]


def workbook(*rows, headers=HEADERS) -> io.BytesIO:
    wb = Workbook()
    ws = wb.active
    ws.append([h + ("*" if h in ("项目名称", "年度", "总投资（万元）") else "") for h in headers])
    for r in rows:
        ws.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    buf.seek(0)
    buf.name = "projects.xlsx"
    return buf


@time_machine.travel(TODAY, tick=False)
class ImportTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.p = project_park("a")
        cls.plot = Plot.objects.create(park=cls.p.park, code="A-01", geometry=SQUARE, area_mu=Decimal("18"))

    def run_import(self, *rows, actor=None, **kw):
        return import_projects(self.p.park, workbook(*rows, **kw), actor=actor or self.p.admin,
                               filename="projects.xlsx")

    def test_rows_are_created_with_investor_by_credit_code_or_name(self):
        result = self.run_import(row(投资方=self.p.firm.credit_code, 地块编号="A-01"),
                                 row(项目名称="生物医药项目", 投资方="某外地集团", 级别="市级", 阶段=""))
        assert result.ok and (result.created, result.updated) == (2, 0)
        first = Project.objects.get(name="氢能装备项目")
        assert first.investor == self.p.firm and first.plot == self.plot and first.stage == "building"
        assert first.level == "district" and first.score_tax == 65
        second = Project.objects.get(name="生物医药项目")
        assert second.investor is None and second.investor_name == "某外地集团" and second.stage == "signed"
        assert history_for(first).get().action == "import"

    def test_one_bad_row_imports_nothing_and_every_problem_is_reported(self):
        result = self.run_import(
            row(),
            row({"总投资（万元）": "很多"}, 项目名称="坏行", 级别="省级", 行业代码="9999", 地块编号="Z-9"),
            row(项目名称="目标已过", 目标日期="2026-01-05", 投资方=""),
            row(),  # duplicate of row 2
            row(项目名称="", 年度=None, 投资方="某集团"),
            row({"年度计划投资（万元）": 50000}, 项目名称="计划超总投资", 投资方="某集团"))
        assert not result.ok and Project.objects.filter(name="氢能装备项目").count() == 0
        errors = {(e["row"], e["column"]) for e in result.errors}
        assert {(3, "级别"), (3, "行业代码"), (3, "地块编号"), (3, "总投资（万元）"), (4, "目标日期"),
                (5, "项目名称"), (6, "项目名称"), (6, "年度"), (7, "年度计划投资（万元）")} <= errors
        assert (2, "投资方") in errors  # the first row names no investor at all
        message = next(e["message"] for e in result.errors if e["column"] == "级别")
        assert "市级" in message

    def test_reimport_updates_by_year_and_name_and_replans(self):
        self.run_import(row(投资方="某集团"))
        project = Project.objects.get(name="氢能装备项目")
        services.apply_template(project, self.p.template, project.target_date, actor=self.p.admin)
        result = self.run_import(row(投资方="某集团", 阶段="竣工", 目标日期="2027-09-30"),
                                 row(项目名称="二期", 投资方="某集团"))
        assert result.ok and (result.created, result.updated) == (1, 1)
        project.refresh_from_db()
        assert project.stage == "completed" and str(project.target_date) == "2027-09-30"
        assert str(Milestone.objects.get(project=project, key="d").planned_finish) == "2027-09-30"
        assert history_for(project).filter(action="import").count() == 2

    def test_header_problems_and_unreadable_files(self):
        result = self.run_import(row(), headers=[*HEADERS[:-1], "备注"])
        assert not result.ok and result.errors[0]["column"] == "备注"
        result = import_projects(self.p.park, io.BytesIO(b"not a workbook"), actor=self.p.admin,
                                 filename="x.xlsx")
        assert not result.ok and result.errors[0]["row"] == 1

    def test_csv_in_utf8(self):
        text = ",".join(HEADERS) + "\n" + ",".join(str(v) for v in row(投资方="某集团")) + "\n"
        result = import_projects(self.p.park, io.BytesIO(text.encode("utf-8-sig")), actor=self.p.admin,
                                 filename="p.csv")
        assert result.ok and result.created == 1
        result = import_projects(self.p.park, io.BytesIO(text.encode("gbk")), actor=self.p.admin,
                                 filename="p.csv")
        assert not result.ok and "UTF-8" in result.errors[0]["message"]

    def test_only_park_admins_import(self):
        with pytest.raises(PermissionDenied):
            self.run_import(row(投资方="x"), actor=self.p.staff)

    def test_the_template_and_the_ledger_reimport(self):
        wb = load_workbook(io.BytesIO(template_workbook()))
        assert [c.value.rstrip("*") for c in wb.active[1]] == HEADERS
        self.run_import(row(投资方="某集团"))
        self.client.force_login(self.p.admin)
        ledger = self.client.get(reverse("projects:project_export")).content
        sheet = load_workbook(io.BytesIO(ledger)).active
        assert sheet.cell(1, len(HEADERS) + 1).value == "状态" and sheet.max_row == 3
        result = import_projects(self.p.park, io.BytesIO(ledger), actor=self.p.admin, filename="l.xlsx")
        assert result.ok and (result.created, result.updated) == (0, 2), result.errors

    def test_the_page_shows_the_errors(self):
        self.client.force_login(self.p.admin)
        upload = SimpleUploadedFile("p.xlsx", workbook(row(级别="省级", 投资方="x")).getvalue())
        resp = self.client.post(reverse("projects:project_import"), {"file": upload})
        assert resp.status_code == 200 and 'data-testid="import-errors"' in resp.content.decode()
        report = self.client.get(reverse("projects:project_import_report"))
        assert load_workbook(io.BytesIO(report.content)).active.cell(2, 2).value == "级别"
        upload = SimpleUploadedFile("p.xlsx", workbook(row(投资方="x")).getvalue())
        assert self.client.post(reverse("projects:project_import"), {"file": upload}).status_code == 302
        self.client.force_login(self.p.staff)
        assert self.client.get(reverse("projects:project_import")).status_code == 403

    def test_the_command(self):
        with tempfile.NamedTemporaryFile(suffix=".xlsx") as fh:
            fh.write(workbook(row(投资方="某集团")).getvalue())
            fh.flush()
            out = io.StringIO()
            call_command("import_projects", fh.name, park="a", user=self.p.admin.username, stdout=out)
            assert "1" in out.getvalue() and Project.objects.filter(name="氢能装备项目").exists()
            with pytest.raises(CommandError):
                call_command("import_projects", fh.name, park="nope")
