"""Demand statistics (exact figures per dimension, export) and 类案 clusters; page access and query counts."""

import io
from datetime import datetime, timedelta
from types import SimpleNamespace
from unittest import mock
from urllib.parse import quote
from zoneinfo import ZoneInfo

from django.test import SimpleTestCase, TestCase, override_settings
from django.utils import timezone
from django.utils.translation import gettext
from openpyxl import load_workbook

from yuanqu.accounts.models import Department
from yuanqu.core.testing.personas import make_district_admin, make_enterprise, make_park
from yuanqu.demands import clusters, stats
from yuanqu.demands.models import Category, Demand
from yuanqu.demands.workflow import Status

# Test-only URLs: the project's, with the three pages added to the demands namespace under the paths
# and names the lead wires into yuanqu/demands/urls.py.
URLCONF = "yuanqu.urls"

SH = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 3, 15, 12, 0, tzinfo=SH)
_numbers = iter(range(1, 10**6))


def at(month, day, hour=9):
    return datetime(2026, month, day, hour, 0, tzinfo=SH)


def make_demand(firm, category, status, created, *, department=None, resolved=None, deadline=None,
                rating="", title="测试诉求", text="测试诉求的详细描述内容"):
    """A demand with explicit timestamps (created_at is auto_now_add, so it is set afterwards)."""
    demand = Demand.objects.create(
        park=firm.park, number=f"SQ2026-{next(_numbers):06d}", enterprise=firm, title=title, text=text,
        channel="staff", category=category, status=status, department=department, resolved_at=resolved,
        deadline_at=deadline, rating=rating)
    Demand.objects.filter(pk=demand.pk).update(created_at=created)
    return demand


def build_park_a(p):
    """Seven demands of park a; the expected figures in the tests below are worked out from these."""
    policy = Category.objects.get(park=p.park, code="policy")
    infra = Category.objects.get(park=p.park, code="infrastructure")
    works = Department.objects.create(park=p.park, name="规划建设部")
    dept, S = p.department, Status
    # d1 on time (3 days, satisfied), d2 late (6 days, basic), d3 on time (3.5 days; 01:00 local on
    # 1 February is still January in UTC), d6 merged (closed, never resolved).
    make_demand(p.firm, policy, S.CLOSED, at(1, 5), department=dept, resolved=at(1, 8),
                deadline=at(1, 10), rating="satisfied")
    make_demand(p.firm, policy, S.RATED, at(1, 10), department=dept, resolved=at(1, 16),
                deadline=at(1, 15), rating="basic")
    make_demand(p.other_firm, policy, S.RESOLVED, at(2, 1, 1), department=dept, resolved=at(2, 4, 13),
                deadline=at(2, 10))
    make_demand(p.firm, policy, S.CLOSED, at(3, 1), department=dept, deadline=at(3, 5))
    # d4 open and overdue with no department, d5 open in time, d7 on time (1.5 days, unsatisfied).
    make_demand(p.other_firm, infra, S.IN_PROGRESS, at(2, 20), deadline=at(3, 1))
    make_demand(p.firm, infra, S.PENDING, at(3, 10), department=works, deadline=at(3, 20))
    make_demand(p.other_firm, infra, S.CLOSED, at(2, 5), department=works, resolved=at(2, 6, 21),
                deadline=at(2, 10), rating="unsatisfied")


def figures(row):
    keys = ["total", "open", "resolved", "on_time_rate", "overdue", "avg_days", "satisfaction_rate"]
    return [row[k] for k in keys]


class StatsFigureTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.p = make_park("a")
        cls.b = make_park("b", offset=10)
        build_park_a(cls.p)
        b_policy = Category.objects.get(park=cls.b.park, code="policy")
        make_demand(cls.b.firm, b_policy, Status.PENDING, at(1, 3))
        cls.qs = Demand.objects.filter(park=cls.p.park)

    def rows(self, dimension):
        return {row["label"]: figures(row) for row in stats.by_dimension(self.qs, dimension, NOW)}

    def test_summary(self):
        s = stats.summary(self.qs, NOW)
        assert figures(s) == [7, 2, 4, 0.75, 1, 3.5, 0.6667]
        assert (s["on_time"], s["rated"], s["satisfied"]) == (3, 3, 2)

    def test_by_category_in_taxonomy_order(self):
        rows = stats.by_dimension(self.qs, "category", NOW)
        assert [r["label"] for r in rows] == ["惠企政策", "基础设施配套"]
        assert figures(rows[0]) == [4, 0, 3, 0.6667, 0, 4.17, 1.0]
        assert figures(rows[1]) == [3, 2, 1, 1.0, 1, 1.5, 0.0]

    def test_by_department_with_unassigned(self):
        assert self.rows("department") == {
            "经济发展部": [4, 0, 3, 0.6667, 0, 4.17, 1.0],
            "规划建设部": [2, 1, 1, 1.0, 0, 1.5, 0.0],
            gettext("Not assigned"): [1, 1, 0, None, 1, None, None],
        }

    def test_by_grid_of_the_firm(self):
        assert self.rows("grid") == {
            "一网格": [4, 1, 2, 0.5, 0, 4.5, 1.0],
            "二网格": [3, 1, 2, 1.0, 1, 2.5, 0.0],
        }

    def test_by_month_in_local_time(self):
        rows = stats.by_dimension(self.qs, "month", NOW)
        assert [r["key"] for r in rows] == ["2026-01", "2026-02", "2026-03"]
        assert [figures(r) for r in rows] == [
            [2, 0, 2, 0.5, 0, 4.5, 1.0],
            [3, 1, 2, 1.0, 1, 2.5, 0.0],
            [2, 1, 0, None, 0, None, None],
        ]

    def test_overdue_depends_on_now(self):
        assert stats.summary(self.qs, at(2, 25))["overdue"] == 0

    def test_empty_queryset(self):
        s = stats.summary(Demand.objects.none(), NOW)
        assert figures(s) == [0, 0, 0, None, 0, None, None]
        assert stats.by_dimension(Demand.objects.none(), "month", NOW) == []

    def test_workbook_has_a_sheet_per_dimension_with_numbers(self):
        wb = load_workbook(io.BytesIO(stats.workbook(self.qs, NOW)))
        assert wb.sheetnames == ["汇总", "按类别", "按牵头部门", "按网格", "按月份"]
        ws = wb["按类别"]
        assert [c.value for c in ws[1]] == ["诉求类别", "诉求总数", "办理中", "已办结", "按期办结率",
                                            "超期未办结", "平均办理时长（天）", "已评价", "满意率"]
        assert [c.value for c in ws[2]] == ["惠企政策", 4, 0, 3, 0.6667, 0, 4.17, 2, 1.0]
        assert ws["E2"].number_format == "0.0%" and ws["I3"].number_format == "0.0%"
        assert [r[0].value for r in wb["按月份"].iter_rows(min_row=2)] == ["2026-01", "2026-02", "2026-03"]
        summary = {r[0].value: r[1].value for r in wb["汇总"].iter_rows(min_row=2)}
        assert summary["诉求总数"] == 7 and summary["按期办结率"] == 0.75 and summary["满意率"] == 0.6667

    def test_workbook_neutralises_formula_like_names(self):
        Category.objects.filter(park=self.p.park, code="policy").update(name="=1+1")
        ws = load_workbook(io.BytesIO(stats.workbook(self.qs, NOW)))["按类别"]
        assert ws["A2"].value == "'=1+1" and ws["A2"].data_type == "s"


@override_settings(ROOT_URLCONF=URLCONF)
class StatisticsPageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.p = make_park("a")
        cls.b = make_park("b", offset=10)
        build_park_a(cls.p)
        b_policy = Category.objects.get(park=cls.b.park, code="policy")
        make_demand(cls.b.firm, b_policy, Status.PENDING, at(1, 3))
        cls.district = make_district_admin()

    def test_staff_sees_their_park(self):
        self.client.force_login(self.p.staff)
        resp = self.client.get("/demands/statistics/")
        assert resp.status_code == 200
        assert resp.context["summary"]["total"] == 7
        assert [t["dimension"] for t in resp.context["tables"]] == ["category", "department", "grid", "month"]
        body = resp.content.decode()
        assert 'id="stats-chart-data"' in body and "js/demand_stats.js" in body
        assert resp.context["chart"]["category"]["total"] == [4, 3]

    def test_filters_by_year_and_category_code(self):
        self.client.force_login(self.p.admin)
        get = lambda q: self.client.get("/demands/statistics/?" + q).context["summary"]["total"]  # noqa: E731
        assert get("category=policy") == 4
        assert get("year=2026&category=infrastructure") == 3
        assert get("year=2025") == 0
        assert get("year=abc") == 7

    def test_district_admin_sees_every_park(self):
        self.client.force_login(self.district)
        assert self.client.get("/demands/statistics/").context["summary"]["total"] == 8

    def test_others_are_refused(self):
        for user in (self.p.firm_user, self.p.grid_worker, self.p.institution_user):
            self.client.force_login(user)
            for url in ("/demands/statistics/", "/demands/statistics/export/", "/demands/clusters/"):
                assert self.client.get(url).status_code == 403, (user, url)

    def test_anonymous_is_sent_to_login(self):
        resp = self.client.get("/demands/statistics/")
        assert resp.status_code == 302 and "/accounts/login/" in resp["Location"]

    def test_export_is_a_real_workbook(self):
        self.client.force_login(self.p.staff)
        resp = self.client.get("/demands/statistics/export/?category=policy")
        assert resp["Content-Type"].startswith("application/vnd.openxmlformats")
        assert quote("诉求统计.xlsx") in resp["Content-Disposition"]
        wb = load_workbook(io.BytesIO(resp.content))
        assert wb.sheetnames == ["汇总", "按类别", "按牵头部门", "按网格", "按月份"]
        assert wb["汇总"]["B2"].value == 4

    def test_query_count_does_not_grow_with_rows(self):
        self.client.force_login(self.p.staff)
        self.client.get("/demands/statistics/")  # warm caches (content types, session)
        with self.assertNumQueries(13):  # 10 + the filter's department and grid choices + unread count
            self.client.get("/demands/statistics/")
        infra = Category.objects.get(park=self.p.park, code="infrastructure")
        for month in range(1, 13):
            make_demand(self.p.firm, infra, Status.RESOLVED, datetime(2025, month, 3, tzinfo=SH),
                        department=self.p.department, resolved=datetime(2025, month, 9, tzinfo=SH),
                        rating="satisfied")
        with self.assertNumQueries(13):  # 10 + the filter's department and grid choices + unread count
            resp = self.client.get("/demands/statistics/")
        assert resp.context["summary"]["total"] == 19 and len(resp.context["tables"][3]["rows"]) == 15


STREETLIGHT = [
    ("园区主干道路灯损坏", "我司门前的园区主干道路灯已经损坏一周，夜间员工下班出行很不安全，请尽快维修。"),
    ("主干道路灯不亮", "园区主干道路灯损坏多日，夜间出行不安全，希望尽快安排维修路灯。"),
    ("路灯损坏需维修", "厂区门口主干道路灯损坏，晚上员工下班很不安全，请维修路灯。"),
]
SEWER = [
    ("污水管道堵塞", "厂区东侧污水管道堵塞，雨天污水外溢，请协调疏通。"),
    ("污水管道又堵了", "厂区东侧的污水管道再次堵塞外溢，请尽快协调疏通。"),
    ("污水管道堵塞外溢", "东侧污水管道堵塞，污水外溢到厂区，请协调疏通管道。"),
]
OTHERS = [
    ("高新技术企业认定咨询", "想咨询今年高新技术企业认定的申报条件和材料要求。"),
    ("招聘技术工人困难", "企业扩产需要招聘数控车床技术工人，目前招工困难。"),
    ("寻找新的订单客户", "受市场影响订单减少，希望园区帮助对接汽车零部件采购商。"),
]


def doc(firm, title, text):
    return SimpleNamespace(enterprise_id=firm, title=title, text=text)


class ClusterTests(SimpleTestCase):
    def corpus(self):
        lights = [doc(firm, *t) for firm, t in zip((1, 2, 1), STREETLIGHT, strict=True)]
        sewer = [doc(3, *t) for t in SEWER]  # one firm repeating itself is not a 类案
        return lights + sewer + [doc(firm, *t) for firm, t in zip((1, 2, 3), OTHERS, strict=True)]

    def test_similar_demands_of_two_firms_form_a_cluster(self):
        found = clusters.cluster_demands(self.corpus())
        assert len(found) == 1
        cluster = found[0]
        assert (cluster["size"], cluster["firms"]) == (3, 2)
        assert {d["title"] for d in cluster["demands"]} == {t for t, _ in STREETLIGHT}
        assert cluster["keywords"][0] == "路灯" and len(cluster["keywords"]) == 5

    def test_one_firms_repeats_are_not_a_cluster(self):
        assert clusters.cluster_demands([doc(3, *t) for t in SEWER]) == []

    def test_sorted_by_firms_then_size(self):
        sewer = [doc(firm, *t) for firm, t in zip((3, 4, 5), SEWER, strict=True)]
        lights = [doc(firm, *t) for firm, t in zip((1, 2, 1), STREETLIGHT, strict=True)]
        assert [c["firms"] for c in clusters.cluster_demands(lights + sewer)] == [3, 2]

    def test_tiny_or_empty_input(self):
        assert clusters.cluster_demands([]) == []
        assert clusters.cluster_demands([doc(1, "！", "？"), doc(2, "。", "，")]) == []

    def test_falls_back_to_character_ngrams_without_the_segmenter(self):
        # Character n-grams spread texts further apart, so the same cluster needs a looser threshold.
        with mock.patch.object(clusters, "tokens", None):
            found = clusters.cluster_demands(self.corpus(), threshold=0.75)
        assert [(c["size"], c["firms"]) for c in found] == [(3, 2)]


@override_settings(ROOT_URLCONF=URLCONF)
class RecurringProblemTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.p, now = make_park("a"), timezone.now()
        third = make_enterprise(cls.p.park, n=9, grid=cls.p.grid_a, name="青岛第三测试企业有限公司")
        infra = Category.objects.get(park=cls.p.park, code="infrastructure")
        for firm, (title, text) in zip((cls.p.firm, cls.p.other_firm, cls.p.firm), STREETLIGHT, strict=True):
            make_demand(firm, infra, Status.PENDING, now - timedelta(days=10), title=title, text=text)
        for title, text in SEWER:
            make_demand(third, infra, Status.PENDING, now - timedelta(days=5), title=title, text=text)
        # The same sewer problem from another firm, but too long ago to count.
        make_demand(cls.p.other_firm, infra, Status.CLOSED, now - timedelta(days=400), title=SEWER[0][0],
                    text=SEWER[0][1])

    def test_recurring_problems_of_the_last_year(self):
        found = clusters.recurring_problems(Demand.objects.filter(park=self.p.park))
        assert [(c["size"], c["firms"], c["categories"]) for c in found] == [(3, 2, ["基础设施配套"])]
        row = found[0]["demands"][0]
        assert row["number"].startswith("SQ2026-") and row["enterprise"] in {self.p.firm.name,
                                                                             self.p.other_firm.name}
        assert row["status_label"] == str(Status.PENDING.label)

    def test_page_lists_the_cluster(self):
        self.client.force_login(self.p.staff)
        resp = self.client.get("/demands/clusters/")
        assert resp.status_code == 200 and len(resp.context["clusters"]) == 1
        assert "路灯" in resp.content.decode()
