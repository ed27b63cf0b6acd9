"""Excel import: all rows or none, per-row error report, upsert by credit code."""

import io
from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import TestCase
from openpyxl import load_workbook

from yuanqu.core.models import AuditAction, AuditEvent
from yuanqu.core.testing.personas import credit_code, make_park
from yuanqu.enterprises.importing import import_enterprises
from yuanqu.enterprises.models import Enterprise, ImportBatch

from .xlsx import HEADERS, firm_row, workbook


class ImportServiceTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.p = make_park("a")

    def run_import(self, content):
        return import_enterprises(self.p.park, io.BytesIO(content), actor=self.p.admin,
                                  filename="t.xlsx")

    def test_creates_and_updates_by_credit_code_with_indicators(self):
        rows = [
            firm_row(credit_code(100), 所属网格="一网格", 指标年度=2025, **{"营业收入（万元）": 5000,
                     "从业人员（人）": 320, "利润总额（万元）": -12.5}),
            firm_row(self.p.firm.credit_code.lower(), name="改名后的企业", 成立日期=date(2010, 1, 2)),
        ]
        result = self.run_import(workbook(rows))
        assert result.ok, result.errors
        assert (result.created, result.updated) == (1, 1)
        new = Enterprise.objects.get(credit_code=credit_code(100))
        assert new.grid == self.p.grid_a and new.grid_worker == self.p.grid_worker
        assert new.size_class == "medium"
        assert new.indicators.get(year=2025).total_profit == -12.5
        self.p.firm.refresh_from_db()
        assert self.p.firm.name == "改名后的企业"
        assert AuditEvent.objects.filter(action=AuditAction.IMPORT).count() == 2

    def test_any_bad_row_saves_nothing_and_reports_every_problem(self):
        rows = [
            firm_row(credit_code(101)),
            firm_row("91370215MA3CXK8RX7", name="坏代码"),
            firm_row(credit_code(102), 行业代码="0000"),
            firm_row(credit_code(103), **{"营业收入（万元）": -1, "指标年度": 2025}),
            firm_row(credit_code(104), 成立日期="2999-01-01"),
            firm_row(credit_code(105), 成立日期="2021-02-30"),
            firm_row(credit_code(101), name="重复"),
            firm_row(credit_code(106), name="<script>alert(1)</script>"),
            firm_row(credit_code(107), 所属网格="不存在的网格"),
            firm_row(credit_code(108), **{"营业收入（万元）": 10}),
        ]
        result = self.run_import(workbook(rows))
        assert not result.ok
        problems = {(e["row"], e["column"]) for e in result.errors}
        assert problems == {(3, "统一社会信用代码"), (4, "行业代码"), (5, "营业收入（万元）"),
                            (6, "成立日期"), (7, "成立日期"), (8, "统一社会信用代码"),
                            (9, "企业名称"), (10, "所属网格"), (11, "指标年度")}
        assert Enterprise.objects.count() == 2
        batch = ImportBatch.objects.get()
        assert batch.outcome == "failed" and len(batch.errors) == len(result.errors)

    def test_every_problem_of_a_row_is_reported_in_one_pass(self):
        rows = [firm_row("91370215MA3CXK8RX7", 成立日期="2021-02-30", 行业代码="0000", 指标年度=2025,
                         **{"营业收入（万元）": "很多", "从业人员（人）": 10, "研发人员（人）": 20}),
                firm_row(credit_code(130), 成立日期="2021-13-01", 指标年度="二〇二五",
                         **{"营业收入（万元）": 10})]
        result = self.run_import(workbook(rows))
        problems = {(e["row"], e["column"]) for e in result.errors}
        assert problems == {(2, "成立日期"), (2, "统一社会信用代码"), (2, "行业代码"),
                            (2, "营业收入（万元）"), (2, "研发人员（人）"), (3, "成立日期"), (3, "指标年度")}
        date_error = next(e["message"] for e in result.errors if e["row"] == 2 and e["column"] == "成立日期")
        assert "成立日期" in date_error and "2021-02-30" in date_error and "不存在" in date_error

    def test_implausible_indicators_are_refused_like_on_the_form(self):
        row = firm_row(credit_code(132), 指标年度=2025, **{"营业收入（万元）": 99999999999})
        result = self.run_import(workbook([row]))
        assert result.errors == [{"row": 2, "column": "营业收入（万元）",
                                  "message": "营业收入不能超过 10,000,000 万元。"}]

    def test_the_history_row_commits_with_the_data(self):
        from unittest import mock

        killed = mock.patch.object(ImportBatch.objects, "create", side_effect=RuntimeError("killed"))
        with killed, self.assertRaises(RuntimeError):
            self.run_import(workbook([firm_row(credit_code(131))]))
        assert not Enterprise.objects.filter(credit_code=credit_code(131)).exists()
        result = self.run_import(workbook([firm_row(credit_code(131))]))
        assert result.ok and ImportBatch.objects.get().created == 1

    def test_missing_and_renamed_headers(self):
        headers = [h for h in HEADERS if h != "行业代码"]
        result = self.run_import(workbook([{}], headers=headers))
        assert result.errors[0]["row"] == 1 and "行业代码" in result.errors[0]["column"]
        renamed = ["公司名称" if h == "企业名称" else h for h in HEADERS]
        result = self.run_import(workbook([{}], headers=renamed))
        assert result.errors[0]["column"] == "公司名称"

    def test_not_an_xlsx_file(self):
        result = self.run_import(b"name,code\nx,y\n")
        assert not result.ok and result.errors[0]["row"] == 0

    def test_empty_sheet(self):
        assert not self.run_import(workbook([])).ok

    def test_management_command(self):
        import tempfile

        with tempfile.NamedTemporaryFile(suffix=".xlsx") as fh:
            fh.write(workbook([firm_row(credit_code(120))]))
            fh.flush()
            out = io.StringIO()
            call_command("import_enterprises", fh.name, park="a", user=self.p.admin.username,
                         stdout=out, stderr=io.StringIO())
        assert Enterprise.objects.filter(credit_code=credit_code(120)).exists()
        assert "1" in out.getvalue()


class ImportPageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.p = make_park("a")

    def upload(self, content, name="firms.xlsx"):
        self.client.force_login(self.p.staff)
        return self.client.post("/enterprises/import/", {"file": SimpleUploadedFile(name, content)})

    def test_success_redirects_with_message(self):
        resp = self.upload(workbook([firm_row(credit_code(130))]))
        assert resp.status_code == 302
        assert Enterprise.objects.filter(credit_code=credit_code(130)).exists()

    def test_failure_shows_rows_and_offers_report(self):
        resp = self.upload(workbook([firm_row(credit_code(131)), firm_row("bad")]))
        assert resp.status_code == 200
        assert b'data-testid="import-errors"' in resp.content
        batch = ImportBatch.objects.get()
        report = self.client.get(f"/enterprises/import/{batch.pk}/report/")
        sheet = load_workbook(io.BytesIO(report.content)).active
        assert [c.value for c in sheet[1]] == ["行号", "列", "原因"]
        assert sheet.cell(2, 1).value == 3

    def test_wrong_extension_and_oversized_file(self):
        resp = self.upload(b"x", name="firms.csv")
        assert b"xlsx" in resp.content and not ImportBatch.objects.exists()
        with self.settings(MAX_UPLOAD_BYTES=10):
            resp = self.upload(workbook([firm_row(credit_code(132))]))
        assert resp.status_code == 200
        assert not Enterprise.objects.filter(credit_code=credit_code(132)).exists()

    def test_firm_user_and_grid_worker_cannot_import(self):
        for user in (self.p.firm_user, self.p.grid_worker):
            self.client.force_login(user)
            assert self.client.get("/enterprises/import/").status_code == 403

    def test_other_park_cannot_read_report(self):
        other = make_park("b", offset=10)
        batch = ImportBatch.objects.create(park=self.p.park, filename="x", outcome="failed")
        self.client.force_login(other.admin)
        assert self.client.get(f"/enterprises/import/{batch.pk}/report/").status_code == 404
