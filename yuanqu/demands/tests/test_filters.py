"""DemandFilter: every filter, invalid values, scoping; the list export; the same set on every surface."""

import io
from datetime import datetime, timedelta
from types import SimpleNamespace
from zoneinfo import ZoneInfo

from django.http import QueryDict
from django.test import TestCase
from django.utils import timezone
from openpyxl import load_workbook

from yuanqu.accounts.models import ApiToken
from yuanqu.core.testing.personas import make_district_admin
from yuanqu.demands.filters import DemandFilter
from yuanqu.demands.models import Category, Demand
from yuanqu.demands.workflow import Status

from .helpers import demand_park

SH = ZoneInfo("Asia/Shanghai")
_numbers = iter(range(1, 10**6))


def add(firm, code, status, created, **extra):
    """A demand with explicit timestamps (created_at is auto_now_add, so it is set afterwards)."""
    extra.setdefault("title", "厂区道路破损")
    demand = Demand.objects.create(
        park=firm.park, number=f"SQ{created.year}-{next(_numbers):06d}", enterprise=firm,
        text=extra.pop("text", "厂区门前道路破损，车辆通行困难"), channel=extra.pop("channel", "staff"),
        category=Category.objects.get(park=firm.park, code=code), status=status, **extra)
    Demand.objects.filter(pk=demand.pk).update(created_at=created)
    return demand


def build(p):
    """Five demands of park p, one per filter worth telling apart."""
    now = timezone.now()
    return SimpleNamespace(
        late=add(p.firm, "infrastructure", Status.IN_PROGRESS, now - timedelta(days=20), urgency="urgent",
                 department=p.department, deadline_at=now - timedelta(days=1), title="路灯损坏"),
        fresh=add(p.other_firm, "infrastructure", Status.PENDING, now - timedelta(days=2),
                  deadline_at=now + timedelta(days=5), channel="open311"),
        done=add(p.firm, "policy", Status.CLOSED, now - timedelta(days=30), department=p.safety,
                 resolved_at=now - timedelta(days=25), rating="satisfied", text="咨询高新技术企业认定条件"),
        rated=add(p.other_firm, "policy", Status.RATED, now - timedelta(days=40), rating="basic"),
        old=add(p.firm, "safety", Status.CLOSED, datetime(2024, 6, 1, 9, tzinfo=SH)),
    )


class FilterTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.a, cls.b = demand_park("a"), demand_park("b", offset=10)
        cls.d, cls.other = build(cls.a), build(cls.b)
        cls.district = make_district_admin()

    def filtered(self, user=None, **params):
        data = QueryDict(mutable=True)
        for key, value in params.items():
            data.setlist(key, value if isinstance(value, list) else [value])
        user = user or self.a.staff
        return DemandFilter(data, queryset=Demand.objects.filter(park=user.park) if user.park_id
                            else Demand.objects.all(), user=user, request=SimpleNamespace(user=user))

    def numbers(self, user=None, **params):
        filterset = self.filtered(user, **params)
        assert filterset.is_valid(), filterset.errors
        return set(filterset.qs.values_list("number", flat=True))

    def of(self, *names, park=None):
        demands = park or self.d
        return {getattr(demands, name).number for name in names}


class DemandFilterTests(FilterTestCase):
    def test_text_searches_number_title_and_text(self):
        assert self.numbers(q="路灯") == self.of("late")
        assert self.numbers(q="高新技术") == self.of("done")
        assert self.numbers(q=self.d.old.number.lower()) == self.of("old")

    def test_status_and_open_or_closed(self):
        assert self.numbers(status="pending") == self.of("fresh")
        assert self.numbers(state="open") == self.of("late", "fresh")
        assert self.numbers(state="closed") == self.of("done", "rated", "old")

    def test_category_codes_one_or_several(self):
        assert self.numbers(category="policy") == self.of("done", "rated")
        assert self.numbers(category=["policy", "safety"]) == self.of("done", "rated", "old")

    def test_department_grid_enterprise(self):
        assert self.numbers(department=self.a.safety.pk) == self.of("done")
        assert self.numbers(grid=self.a.grid_b.pk) == self.of("fresh", "rated")
        assert self.numbers(enterprise=self.a.firm.pk) == self.of("late", "done", "old")

    def test_urgency_channel_overdue(self):
        assert self.numbers(urgency="urgent") == self.of("late")
        assert self.numbers(channel="open311") == self.of("fresh")
        assert self.numbers(overdue="true") == self.of("late")
        assert self.numbers(overdue="false") == self.of("fresh", "done", "rated", "old")

    def test_year_and_submitted_range(self):
        assert self.numbers(year="2024") == self.of("old")
        assert self.numbers(year="1999") == set()
        since = (timezone.localdate() - timedelta(days=21)).isoformat()
        assert self.numbers(created_from=since) == self.of("late", "fresh")
        assert self.numbers(created_to="2024-06-01") == self.of("old")  # a bare end date is the whole day
        assert self.numbers(created_from="2024-06-01T10:00:00+08:00") == self.of(
            "late", "fresh", "done", "rated")

    def test_invalid_values_are_form_errors(self):
        bad = {"status": "nope", "state": "maybe", "category": "nope", "department": "x",
               "grid": self.b.grid_a.pk, "enterprise": self.b.firm.pk, "urgency": "soon", "channel": "fax",
               "year": "abc", "created_from": "yesterday", "overdue": "maybe"}
        for name, value in bad.items():
            filterset = self.filtered(**{name: value})
            assert not filterset.is_valid() and name in filterset.errors, name
        reversed_range = self.filtered(created_from="2026-02-01", created_to="2026-01-01")
        assert "__all__" in reversed_range.errors

    def test_park_staff_choices_stay_in_their_park(self):
        form = self.filtered().form
        assert "park" not in form.fields
        assert set(form.fields["department"].queryset.values_list("park", flat=True)) == {self.a.park.pk}
        assert set(form.fields["enterprise"].queryset.values_list("park", flat=True)) == {self.a.park.pk}
        assert not self.filtered(department=self.b.department.pk).is_valid()

    def test_a_firm_chooses_among_its_own_firm_only(self):
        form = self.filtered(self.a.firm_user).form
        assert list(form.fields["enterprise"].queryset) == [self.a.firm]

    def test_district_filters_by_park_and_sees_every_parks_choices(self):
        assert self.numbers(self.district, park=self.b.park.pk, category="policy") == self.of(
            "done", "rated", park=self.other)
        form = self.filtered(self.district).form
        grid_parks = set(form.fields["grid"].queryset.values_list("park", flat=True))
        assert {self.a.park.pk, self.b.park.pk} <= grid_parks
        assert len(self.numbers(self.district, category="policy")) == 4

    def test_cleaned_query_keeps_only_valid_filters(self):
        filterset = self.filtered(category=["policy", "safety"], status="nope", q="路灯")
        query = QueryDict(filterset.cleaned_query())
        assert query.getlist("category") == ["policy", "safety"] and query["q"] == "路灯"
        assert "status" not in query


class SurfaceTests(FilterTestCase):
    """The list page, the API, the statistics page and Open311 agree on the same filter."""

    def test_same_demands_everywhere(self):
        start = (timezone.now() - timedelta(days=35)).isoformat()
        end = timezone.now().isoformat()
        self.client.force_login(self.a.staff)
        query = {"category": "infrastructure", "state": "open", "created_from": start, "created_to": end}
        page = self.client.get("/demands/", query).context["page"]
        listed = {d.number for d in page.object_list}
        stats = self.client.get("/demands/statistics/", query).context["filter"].qs
        api = self.client.get("/api/v1/demands", query).json()["items"]
        key = ApiToken.issue(self.a.staff, "12345")[1]
        open311 = self.client.get("/open311/v2/requests.json", {
            "api_key": key, "service_code": "infrastructure", "status": "open", "start_date": start,
            "end_date": end}).json()
        assert listed == self.of("late", "fresh")
        assert {d.number for d in stats} == listed == {d["number"] for d in api}
        assert {r["service_request_id"] for r in open311} == listed

    def test_invalid_filters_422_on_the_api_and_a_form_error_on_pages(self):
        self.client.force_login(self.a.staff)
        resp = self.client.get("/api/v1/demands", {"status": "nope", "created_from": "yesterday"})
        assert resp.status_code == 422
        assert {tuple(e["loc"]) for e in resp.json()["detail"]} == {("query", "status"),
                                                                   ("query", "created_from")}
        for url in ("/demands/", "/demands/queue/", "/demands/statistics/", "/demands/clusters/"):
            resp = self.client.get(url, {"year": "abc", "category": "nope"})
            assert resp.status_code == 200 and 'data-testid="filter-errors"' in resp.content.decode(), url

    def test_the_api_keeps_its_status_parameter(self):
        self.client.force_login(self.a.staff)
        items = self.client.get("/api/v1/demands", {"status": "pending"}).json()["items"]
        assert [d["number"] for d in items] == [self.d.fresh.number]

    def test_list_query_count_does_not_grow_with_rows(self):
        self.client.force_login(self.a.staff)
        self.client.get("/demands/")  # warm caches (content types, session)
        with self.assertNumQueries(12):  # + the nav's unread count + the calendar for the time left
            self.client.get("/demands/")
        for _ in range(5):
            add(self.a.firm, "policy", Status.PENDING, timezone.now(), department=self.a.department)
        with self.assertNumQueries(12):
            assert self.client.get("/demands/").context["page"].paginator.count == 10

    def test_htmx_renders_the_results_with_the_export_link_of_the_current_filters(self):
        self.client.force_login(self.a.staff)
        resp = self.client.get("/demands/", {"category": "policy", "status": "nope"},
                               headers={"HX-Request": "true"})
        body = resp.content.decode()
        assert 'id="results"' in body and 'id="filters"' not in body
        assert 'href="/demands/export/?category=policy"' in body


class ExportTests(FilterTestCase):
    def test_filtered_export_has_the_filtered_list_rows(self):
        self.client.force_login(self.a.staff)
        query = {"category": "policy", "state": "closed"}
        count = self.client.get("/demands/", query).context["page"].paginator.count
        resp = self.client.get("/demands/export/", query)
        assert resp["Content-Type"].startswith("application/vnd.openxmlformats")
        ws = load_workbook(io.BytesIO(resp.content)).active
        rows = list(ws.iter_rows(values_only=True))
        assert list(rows[0]) == ["编号", "标题", "企业", "类别", "紧急程度", "状态", "承办部门", "提交时间",
                                 "办理时限", "办结时间", "满意度"]
        assert len(rows) - 1 == count == 2
        done = next(r for r in rows if r[0] == self.d.done.number)
        assert done[3] == "惠企政策" and done[6] == "安全生产监督部" and isinstance(done[7], datetime)
        assert done[9] is not None and done[10]

    def test_export_follows_the_queue_view(self):
        self.client.force_login(self.a.staff)
        count = self.client.get("/demands/queue/").context["page"].paginator.count
        export = self.client.get("/demands/export/?view=queue")
        rows = load_workbook(io.BytesIO(export.content)).active.max_row
        assert rows - 1 == count == 1

    def test_only_the_office_may_export(self):
        for user in (self.a.firm_user, self.a.institution_user, self.a.grid_worker):
            self.client.force_login(user)
            assert self.client.get("/demands/export/").status_code == 403
            assert 'id="export-link"' not in self.client.get("/demands/").content.decode()
        self.client.force_login(self.district)
        rows = load_workbook(io.BytesIO(self.client.get("/demands/export/").content)).active.max_row
        assert rows - 1 == Demand.objects.count()

    def test_names_that_look_like_formulas_stay_text(self):
        Demand.objects.filter(pk=self.d.late.pk).update(title="=HYPERLINK(1)")
        self.client.force_login(self.a.staff)
        ws = load_workbook(io.BytesIO(self.client.get("/demands/export/?q=HYPERLINK").content)).active
        assert ws["B2"].value == "'=HYPERLINK(1)"

