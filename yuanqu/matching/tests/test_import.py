"""import_resources: csv and xlsx, atomic with a per-row report, re-import updates."""

import io

import openpyxl
import pytest
from django.core.management import CommandError, call_command
from django.test import TestCase

from yuanqu.core.audit import history_for
from yuanqu.core.testing.personas import make_park
from yuanqu.matching import importing, index
from yuanqu.matching.models import Kind, Resource

HEADER = "id,title,description,tags,industry_code,owner_credit_code\n"


class ImportTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.a = make_park("a")
        cls.b = make_park("b", offset=10)

    def setUp(self):
        self.upserted, self.real_index = [], importing._index
        patcher = pytest.MonkeyPatch()
        patcher.setattr(importing, "_index", lambda resources, progress: self.upserted.extend(resources))
        self.addCleanup(patcher.undo)

    def write(self, name, text, encoding="utf-8-sig"):
        path = self.tmp / name
        path.write_bytes(text.encode(encoding) if isinstance(text, str) else text)
        return path

    @pytest.fixture(autouse=True)
    def _tmp(self, tmp_path):
        self.tmp = tmp_path

    def run_import(self, path, kind="service", park="a"):
        out, err = io.StringIO(), io.StringIO()
        with self.captureOnCommitCallbacks(execute=True):
            call_command("import_resources", str(path), kind=kind, park=park, stdout=out, stderr=err)
        return out.getvalue(), err.getvalue()

    def failure(self, path, kind="service"):
        err = io.StringIO()
        with pytest.raises(CommandError) as info:
            call_command("import_resources", str(path), kind=kind, park="a", stderr=err)
        return str(info.value), err.getvalue()

    def test_csv_with_bom_creates_rows_tags_firms_audit_and_index(self):
        firm_code = self.a.firm.credit_code.lower()
        rows = (f'S1,盐雾试验,"中性盐雾, 480小时",检测、盐雾;试验,7452,{firm_code}\n'
                "S2,专利代理,发明专利申请,知识产权|专利,,\n\n")
        path = self.write("s.csv", HEADER + rows)
        out, _err = self.run_import(path)
        assert "2" in out
        s1 = Resource.objects.get(external_id="S1")
        assert (s1.kind, s1.park, s1.tags, s1.industry_id, s1.owner) == (
            Kind.SERVICE, self.a.park, ["检测", "盐雾", "试验"], "7452", self.a.firm)
        assert s1.description == "中性盐雾, 480小时"
        assert history_for(s1).get().changes["title"] == [None, "盐雾试验"]
        assert {r.external_id for r in self.upserted} == {"S1", "S2"}

    def test_xlsx_and_reimport_updates_by_park_kind_and_id(self):
        wb = openpyxl.Workbook()
        wb.active.append(["id", "title", "description", "tags"])
        wb.active.append([1001, "研发费用加计扣除", "按100%加计扣除", "财税"])
        buf = io.BytesIO()
        wb.save(buf)
        self.run_import(self.write("p.xlsx", buf.getvalue()), kind="policy")
        first = Resource.objects.get(external_id="1001", kind=Kind.POLICY)
        self.run_import(self.write("p.csv", HEADER + "1001,研发费用加计扣除（新）,,财税\n"), kind="policy")
        again = Resource.objects.get(external_id="1001", kind=Kind.POLICY)
        assert again.pk == first.pk and again.title == "研发费用加计扣除（新）"
        assert history_for(again).first().changes["title"] == ["研发费用加计扣除", "研发费用加计扣除（新）"]
        self.run_import(self.write("p2.csv", HEADER + "1001,其他园区同号,,\n"), kind="policy", park="b")
        assert Resource.objects.filter(external_id="1001").count() == 2

    def test_a_bad_row_rejects_the_whole_file_with_a_row_report(self):
        long_title = "长" * 201
        path = self.write("bad.csv", HEADER + "S1,好行,,,,\n"
                          ",无编号,,,,\n"
                          "S3,,缺标题,,,\n"
                          "S1,重复,,,,\n"
                          "S5,未知行业,,,99x,\n"
                          "S6,未知企业,,,,91370215MA99999999\n"
                          f"S7,{long_title},,,,\n"
                          "S8,<script>x</script>,,,,\n")
        message, report = self.failure(path)
        assert "7" in message and not Resource.objects.exists() and not self.upserted
        lines = report.strip().splitlines()
        assert len(lines) == 7
        for row, column in [(3, "id"), (4, "title"), (5, "id"), (6, "industry_code"),
                            (7, "owner_credit_code"), (8, "title"), (9, "title")]:
            assert any(line.startswith(f"第 {row} 行") and column in line for line in lines), (row, lines)

    def test_unreadable_files_and_bad_kind_are_clear_errors(self):
        cases = {
            "wrong header": self.write("h.csv", "编号,名称\nS1,检测\n"),
            "not utf-8": self.write("g.csv", HEADER + "S1,检测服务,,,,\n", encoding="gbk"),
            "not xlsx": self.write("x.xlsx", b"PK not really a zip"),
            "txt": self.write("t.txt", "x"),
            "empty": self.write("e.csv", b""),
        }
        for name, path in cases.items():
            with self.subTest(name):
                message, _report = self.failure(path)
                assert message
        message, _r = self.failure(self.write("k.csv", HEADER), kind="land")
        assert "land" in message
        assert not Resource.objects.exists()

    def test_a_big_import_rebuilds_instead_of_upserting(self):
        calls = []
        with pytest.MonkeyPatch.context() as mp:
            mp.setattr(importing, "REBUILD_ABOVE", 1)
            mp.setattr(index, "rebuild_from_db", lambda progress=None: calls.append("rebuild"))
            self.real_index([Resource(pk=1), Resource(pk=2)], None)
        assert calls == ["rebuild"]
