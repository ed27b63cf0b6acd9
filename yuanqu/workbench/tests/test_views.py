"""The workbench: each role's figures and lists, constant query counts, and two parks kept apart."""

from datetime import timedelta

from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from yuanqu.core.testing.personas import make_district_admin
from yuanqu.demands import services
from yuanqu.demands.models import Demand
from yuanqu.demands.tests.helpers import demand_park, file_demand
from yuanqu.demands.workflow import Status
from yuanqu.notifications.services import notify

ROLES = ["admin", "staff", "grid_worker", "firm_user", "institution_user", "district"]


class WorkbenchTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.a = demand_park("a")
        cls.b = demand_park("b", offset=10)
        cls.district = make_district_admin()
        now = timezone.now()
        cls.pending = file_demand(cls.a)
        cls.overdue = file_demand(cls.a)
        cls.soon = file_demand(cls.a)
        cls.resolved = file_demand(cls.a)
        Demand.objects.filter(pk=cls.overdue.pk).update(deadline_at=now - timedelta(days=1))
        Demand.objects.filter(pk=cls.soon.pk).update(warn_at=now - timedelta(hours=1),
                                                     deadline_at=now + timedelta(days=1))
        Demand.objects.filter(pk=cls.resolved.pk).update(status=Status.RESOLVED)
        cls.b_demand = file_demand(cls.b, enterprise=cls.b.other_firm, actor=cls.b.staff)
        with cls.captureOnCommitCallbacks(execute=True):
            notify([cls.a.firm_user], cls.pending, "已受理")

    def user(self, role):
        return self.district if role == "district" else getattr(self.a, role)

    def home(self, role):
        self.client.force_login(self.user(role))
        resp = self.client.get("/")
        assert resp.status_code == 200
        return resp

    def counts(self, resp):
        return {t.key: t.count for t in resp.context["tiles"]}

    def test_park_staff_see_their_queue_and_their_park_by_department_and_grid(self):
        resp = self.home("staff")
        assert self.counts(resp) == {"to_accept": 3, "to_handle": 0, "due_soon": 1, "overdue": 1,
                                     "to_confirm": 0, "unread": 0}
        dims = dict(resp.context["breakdown"])
        dept = next(r for r in dims["department"] if r["key"] == self.a.department.pk)
        assert (dept["total"], dept["open"], dept["overdue"]) == (4, 3, 1)
        assert dept["urls"]["overdue"] == f"/demands/?department={self.a.department.pk}&overdue=true"
        assert [r["key"] for r in dims["grid"]] == [self.a.grid_a.pk]
        assert "parks" not in resp.context

    def test_every_count_links_to_a_list_showing_that_many(self):
        self.client.force_login(self.a.staff)
        for tile in self.client.get("/").context["tiles"]:
            if tile.key != "unread":
                listed = self.client.get(tile.url).context["page"].paginator.count
                assert listed == tile.count, tile

    def test_the_district_compares_the_parks(self):
        resp = self.home("district")
        rows = {r["label"]: r for r in resp.context["parks"]}
        assert (rows[self.a.park.name]["total"], rows[self.a.park.name]["overdue"]) == (4, 1)
        assert rows[self.b.park.name]["total"] == 1
        assert rows[self.b.park.name]["urls"]["open"] == f"/demands/?park={self.b.park.pk}&state=open"
        assert "breakdown" not in resp.context
        assert self.b_demand.number in self.client.get(f"/demands/?park={self.b.park.pk}").content.decode()

    def test_grid_workers_see_their_grids_open_demands_overdue_first(self):
        resp = self.home("grid_worker")
        listed = resp.context["open_demands"]
        assert listed[0] == self.overdue and self.resolved not in listed
        assert resp.context["open_total"] == 3

    def test_firms_see_their_open_demands_what_to_rate_messages_and_a_file_button(self):
        resp = self.home("firm_user")
        assert self.counts(resp) == {"open": 3, "to_rate": 1, "unread": 1}
        body = resp.content.decode()
        assert 'data-testid="file-demand"' in body and "待评价" in body

    def test_institutions_get_an_honest_empty_state_then_their_assigned_requests(self):
        resp = self.home("institution_user")
        assert self.counts(resp) == {"unread": 0}
        assert "暂无" in resp.content.decode() and 'data-testid="service-empty"' in resp.content.decode()
        Demand.objects.filter(pk=self.pending.pk).update(handler=self.a.institution_user)
        assert self.home("institution_user").context["service_requests"] == [self.pending]

    def test_recent_records_are_the_users_own(self):
        resp = self.home("firm_user")
        assert set(resp.context["recent_demands"]) <= {self.pending, self.overdue, self.soon, self.resolved}
        assert all(e.actor_id == self.a.firm_user.pk for e in resp.context["recent_events"])

    def test_recent_demands_include_those_the_user_acted_on(self):
        assert self.home("admin").context["recent_demands"] == []
        services.transition(self.pending, "accept", actor=self.a.admin)
        resp = self.home("admin")
        assert resp.context["recent_demands"] == [self.pending]
        assert [e.object_id for e in resp.context["recent_events"]] == [str(self.pending.pk)]

    def test_nobody_of_park_a_sees_park_b_on_the_workbench(self):
        for role in ROLES[:-1]:
            body = self.home(role).content.decode()
            assert self.b_demand.number not in body and self.b.park.name not in body, role

    def test_query_counts_are_constant_per_role(self):
        before = {role: self._queries(role) for role in ROLES}
        for _ in range(3):
            file_demand(self.a)
            file_demand(self.b, enterprise=self.b.other_firm, actor=self.b.staff)
        Demand.objects.filter(park=self.a.park).update(handler=self.a.institution_user)
        after = {role: self._queries(role) for role in ROLES}
        assert before == after == EXPECTED_QUERIES

    def _queries(self, role):
        self.client.force_login(self.user(role))
        with CaptureQueriesContext(connection) as ctx:
            assert self.client.get("/").status_code == 200
        return len(ctx.captured_queries)

    def test_each_role_pays_its_fixed_number_of_queries(self):
        for role, expected in EXPECTED_QUERIES.items():
            self.client.force_login(self.user(role))
            with self.assertNumQueries(expected):
                self.client.get("/")


EXPECTED_QUERIES = {"admin": 11, "staff": 11, "grid_worker": 10, "firm_user": 11, "institution_user": 9,
                    "district": 10}
