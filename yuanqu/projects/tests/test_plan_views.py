"""The Gantt and the monthly ranking pages per role: access (403/404), content, query counts.
Today is fixed at Tuesday 2026-10-20; the test database holds the bundled 2026 holidays."""

from datetime import date, timedelta
from decimal import Decimal
from types import SimpleNamespace

import pytest
import time_machine
from django.test import SimpleTestCase, TestCase
from playwright.sync_api import expect

from yuanqu.calendar.queries import work_calendar
from yuanqu.core.testing.browser import login
from yuanqu.core.testing.personas import make_district_admin, make_park
from yuanqu.projects.models import Milestone, MonthlyInvestment, Project, Stage
from yuanqu.projects.plan_views import gantt_data, parse_month
from yuanqu.projects.schedule import working_days_between


def project(park, name, *, health="green", plan=None, stage=Stage.BUILDING, **extra):
    return Project.objects.create(park=park, name=name, year=2026, investor_name="青岛某投资有限公司",
                                  total_investment=Decimal(5000), annual_planned_investment=plan, stage=stage,
                                  health=health, **extra)


def milestone(p, order, key, planned, *, actual=None, forecast=None, critical=False, health="green", days=5):
    return Milestone.objects.create(
        project=p, order=order, key=key, name=f"节点{key}", duration_days=days, planned_start=planned,
        planned_finish=planned, forecast_finish=forecast, actual_start=actual, actual_finish=actual,
        critical=critical, health=health)


def invest(p, months, amount):
    for m in months:
        MonthlyInvestment.objects.create(project=p, month=date(2026, m, 1), amount=Decimal(amount))


@time_machine.travel("2026-10-20 09:00 +08:00", tick=False)
class PlanPagesBase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.a = make_park("a")
        cls.b = make_park("b", offset=10)
        cls.district = make_district_admin()
        cls.good = project(cls.a.park, "智能装备产业园", plan=Decimal(1200), target_date=date(2027, 6, 30))
        milestone(cls.good, 1, "sign", date(2026, 10, 9), actual=date(2026, 10, 9), critical=True)
        milestone(cls.good, 2, "build", date(2026, 11, 30), forecast=date(2026, 12, 2), critical=True,
                  health="yellow")
        invest(cls.good, range(1, 11), 100)  # 1,000 of 1,200 × 10/12 = 1,000 due
        cls.late = project(cls.a.park, "新材料项目", health="red", plan=Decimal(600))
        milestone(cls.late, 1, "land", date(2026, 9, 15))  # unfinished, 21 working days late on Oct 20
        invest(cls.late, [3], 100)
        cls.done = project(cls.a.park, "已投产项目", stage=Stage.OPERATING)
        cls.other = project(cls.b.park, "外园区项目")


class GanttPageTests(PlanPagesBase):
    def url(self, p):
        return f"/projects/{p.pk}/gantt/"

    def test_staff_sees_the_milestones_and_the_chart_data(self):
        self.client.force_login(self.a.staff)
        resp = self.client.get(self.url(self.good))
        assert resp.status_code == 200
        body = resp.content.decode()
        assert "节点sign" in body and "节点build" in body and "★" in body and 'id="gantt-data"' in body
        assert "js/gantt.js" in body and "vendor/echarts/echarts.min.js" in body and "<script>" not in body
        rows = resp.context["chart"]["rows"]
        assert [r["key"] for r in rows] == ["sign", "build"]
        assert rows[0]["actual"] == ["2026-10-09", "2026-10-09"] and rows[0]["forecast"] is None
        assert rows[1]["planned"] == ["2026-11-30", "2026-11-30"] and rows[1]["health"] == "yellow"
        assert resp.context["chart"]["today"] == "2026-10-20"

    def test_every_office_role_and_the_district(self):
        for user in (self.a.admin, self.a.grid_worker, self.district):
            self.client.force_login(user)
            assert self.client.get(self.url(self.good)).status_code == 200

    def test_invisible_and_missing_are_404_firms_403_anonymous_to_login(self):
        self.client.force_login(self.a.staff)
        assert self.client.get(self.url(self.other)).status_code == 404
        assert self.client.get("/projects/999999/gantt/").status_code == 404
        for user in (self.a.firm_user, self.a.institution_user):
            self.client.force_login(user)
            assert self.client.get(self.url(self.good)).status_code == 403
        self.client.logout()
        assert self.client.get(self.url(self.good)).status_code == 302

    def test_a_project_without_milestones(self):
        self.client.force_login(self.a.staff)
        resp = self.client.get(self.url(self.done))
        assert 'data-testid="no-milestones"' in resp.content.decode()
        assert "gantt.js" not in resp.content.decode()


class RankingPageTests(PlanPagesBase):
    URL = "/projects/ranking/"

    def ranked(self, resp):
        return [(r.row.name, r.score, r.flag) for r, _p in resp.context["ranked"]]

    def test_this_month_with_flags_and_reasons(self):
        assert working_days_between(work_calendar(), date(2026, 9, 15), date(2026, 10, 20)) == 21
        self.client.force_login(self.a.staff)
        resp = self.client.get(self.URL)
        assert resp.context["month"] == date(2026, 10, 1)
        # good: 1 of 1 due finished (60) + 1,000 of 1,000 due (40); late: investment alone 100 / 500 → 20 − 5.
        assert self.ranked(resp) == [("智能装备产业园", 100.0, "red"), ("新材料项目", 15.0, "black")]
        body = resp.content.decode()
        assert "红旗" in body and "黑旗" in body and "逾期节点 1 个，最长逾期 21 个工作日" in body
        assert "外园区项目" not in body and "已投产项目" not in body and resp.context["show_park"] is False

    def test_a_past_month_as_it_stood_at_its_end(self):
        self.client.force_login(self.a.staff)
        resp = self.client.get(self.URL, {"month": "2026-09"})
        rows = {r.row.name: r for r, _p in resp.context["ranked"]}
        late = rows["新材料项目"]
        assert (late.row.health, late.row.planned_this_month, late.row.finished_this_month) == ("red", 1, 0)
        assert late.row.max_overdue_days == working_days_between(work_calendar(), date(2026, 9, 15),
                                                                 date(2026, 9, 30))
        # Its Oct 9 finish had not happened by Sep 30 nor was it late; the build forecast slips 2 days.
        good = rows["智能装备产业园"]
        assert (good.row.health, good.row.planned_this_month, good.row.overdue_milestones) == ("yellow", 0, 0)
        assert resp.context["previous"] == "2026-08" and resp.context["next"] == "2026-10"

    def test_a_bad_month_says_so_and_shows_this_month(self):
        self.client.force_login(self.a.staff)
        for bad in ("2026-13", "abc", "2026-1"):
            resp = self.client.get(self.URL, {"month": bad})
            assert resp.status_code == 200 and resp.context["month"] == date(2026, 10, 1)
            assert "月份" in resp.content.decode() and resp.context["error"]

    def test_the_district_sees_every_park(self):
        self.client.force_login(self.district)
        resp = self.client.get(self.URL)
        assert {name for name, _s, _f in self.ranked(resp)} == {"智能装备产业园", "新材料项目", "外园区项目"}
        assert resp.context["show_park"] is True

    def test_firms_are_refused(self):
        self.client.force_login(self.a.firm_user)
        assert self.client.get(self.URL).status_code == 403

    def test_query_count_does_not_grow_with_projects(self):
        self.client.force_login(self.a.staff)
        self.client.get(self.URL)  # warm caches (content types, session)
        # session, user, projects, calendar, milestones, investment; the nav's unread count and park
        with self.assertNumQueries(8):
            self.client.get(self.URL)
        for n in range(8):
            p = project(self.a.park, f"扩产项目{n}", plan=Decimal(100))
            milestone(p, 1, "a", date(2026, 10, 5 + n), actual=date(2026, 10, 5 + n) if n % 2 else None)
            invest(p, [1, 2], 10)
        with self.assertNumQueries(8):
            resp = self.client.get(self.URL)
        assert len(resp.context["ranked"]) == 10


class PureHelpersTests(SimpleTestCase):
    def test_gantt_rows(self):
        under_way = SimpleNamespace(
            key="k", name="开工", duration_days=0, critical=False, health="red", float_days=3,
            planned_start=date(2026, 10, 8), planned_finish=date(2026, 10, 8),
            forecast_start=date(2026, 10, 12), forecast_finish=date(2026, 10, 14),
            actual_start=date(2026, 10, 12), actual_finish=None)
        row = gantt_data([under_way], today=date(2026, 10, 13))["rows"][0]
        assert row["actual"] == ["2026-10-12", "2026-10-13"]
        assert row["forecast"] == ["2026-10-12", "2026-10-14"]
        assert (row["days"], row["float"], row["health"]) == (0, 3, "red")

    def test_parse_month(self):
        today = date(2026, 10, 20)
        assert parse_month(None, today) == (date(2026, 10, 1), "")
        assert parse_month("2025-02", today) == (date(2025, 2, 1), "")
        assert parse_month("2025-00", today)[0] == date(2026, 10, 1) and parse_month("2025-00", today)[1]


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("width", [1280, 390])
def test_the_gantt_draws_and_scrolls_inside_its_own_box(page, live_server, reference_data, width):
    people = make_park("a")
    today = date.today()
    p = project(people.park, "智能装备产业园", health="yellow", plan=Decimal(1200))
    milestone(p, 1, "sign", today - timedelta(days=40), actual=today - timedelta(days=38), critical=True)
    milestone(p, 2, "build", today + timedelta(days=30), forecast=today + timedelta(days=33), critical=True,
              health="yellow")
    milestone(p, 3, "start", today + timedelta(days=60), days=0)
    page.set_viewport_size({"width": width, "height": 900})
    login(page, live_server, people.staff)
    page.goto(f"{live_server.url}/projects/{p.pk}/gantt/")
    expect(page.locator("#gantt canvas")).to_have_count(1)
    box = page.locator("[data-testid=gantt-box]")
    assert page.evaluate("document.documentElement.scrollWidth") <= width  # the page never scrolls sideways
    if width < 720:
        assert box.evaluate("el => el.scrollWidth > el.clientWidth")  # the chart's box does
    page.click("text=月度排名")
    expect(page.locator("[data-testid=ranking]")).to_contain_text("智能装备产业园")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert not page.js_errors
