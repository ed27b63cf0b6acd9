"""Who sees which plots, plans and needs; the map's GeoJSON in a bounded number of queries."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.test import TestCase

from yuanqu.core.testing.personas import make_district_admin, make_park
from yuanqu.land import services
from yuanqu.land.models import DisposalMethod, PlotStatus
from yuanqu.land.queries import (
    get_plot_for_user,
    map_features,
    plot_totals,
    visible_needs,
    visible_plans,
    visible_plots,
)
from yuanqu.projects.models import Project

from .helpers import make_plot


class QueryTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.p = make_park("a")
        cls.q = make_park("b", offset=10)
        cls.district = make_district_admin()
        a = cls.p.admin
        cls.own = make_plot(cls.p.park, a, "A-01", occupant=cls.p.firm, name="东区一号")
        cls.idle = make_plot(cls.p.park, a, "A-02", i=1, status=PlotStatus.IDLE)
        cls.other = make_plot(cls.q.park, cls.q.admin, "B-01")
        services.create_plan(cls.idle, actor=a, method=DisposalMethod.RECLAIM)
        services.create_need(cls.p.park, actor=a, enterprise=cls.p.firm, title="扩产用地", min_area_mu=10)
        services.create_need(cls.p.park, actor=a, title="招商项目用地", min_area_mu=20)

    def codes(self, user):
        return sorted(visible_plots(user).values_list("code", flat=True))

    def test_each_role_sees_its_plots(self):
        assert self.codes(self.p.staff) == ["A-01", "A-02"]
        assert self.codes(self.p.grid_worker) == ["A-01", "A-02"]
        assert self.codes(self.p.firm_user) == ["A-01"]
        assert self.codes(self.p.institution_user) == []
        assert self.codes(self.district) == ["A-01", "A-02", "B-01"]

    def test_invisible_and_missing_plots_are_both_404(self):
        for pk in [self.other.pk, 99999, "x"]:
            with pytest.raises(Http404):
                get_plot_for_user(self.p.staff, pk)
        with pytest.raises(Http404):
            get_plot_for_user(self.p.firm_user, self.idle.pk)
        with pytest.raises(PermissionDenied):
            get_plot_for_user(self.p.grid_worker, self.own.pk, write=True)
        with pytest.raises(PermissionDenied):
            get_plot_for_user(self.p.staff, self.own.pk, delete=True)
        assert get_plot_for_user(self.p.admin, self.own.pk, delete=True) == self.own

    def test_plans_are_the_office_s_and_needs_the_firm_s_own(self):
        assert visible_plans(self.p.grid_worker).count() == 1
        assert visible_plans(self.p.firm_user).count() == 0
        assert visible_plans(self.q.staff).count() == 0
        assert list(visible_needs(self.p.firm_user).values_list("title", flat=True)) == ["扩产用地"]
        assert visible_needs(self.p.staff).count() == 2

    def test_totals_by_status(self):
        totals = plot_totals(visible_plots(self.p.staff))
        assert [(t["label"], t["plots"], t["mu"]) for t in totals] == [
            ("在用", 1, Decimal("15.01")), ("闲置", 1, Decimal("15.01"))]


class MapTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.p = make_park("a")
        cls.district = make_district_admin()
        cls.plots = [make_plot(cls.p.park, cls.p.admin, f"A-{i:02d}", i=i, occupant=cls.p.firm)
                     for i in range(3)]
        for health, year in [("yellow", 2024), ("red", 2025)]:
            Project.objects.create(park=cls.p.park, name=f"项目{health}", year=year, investor_name="某公司",
                                   total_investment=Decimal("1000"), plot=cls.plots[0], health=health)
        Project.objects.create(park=cls.p.park, name="绿色项目", year=2025, investor_name="某公司",
                               total_investment=Decimal("1000"), plot=cls.plots[1], health="green")

    def test_land_colours_and_properties(self):
        data = map_features(self.p.staff)
        assert data["type"] == "FeatureCollection" and data["color_by"] == "land"
        first = data["features"][0]
        assert first["geometry"]["type"] == "Polygon"
        props = first["properties"]
        assert props["code"] == "A-00" and props["status_label"] == "在用" and props["area_mu"] == 15.01
        assert props["occupant"] == self.p.firm.name and props["use_label"] == "工业"
        assert props["color"] == "#5470c6"
        assert [item["label"] for item in data["legend"]][:2] == ["在用", "闲置"]

    def test_project_colours_show_the_worst_project(self):
        data = map_features(self.p.staff, color_by="project")
        props = [f["properties"] for f in data["features"]]
        assert [p["project_health"] for p in props] == ["red", "green", ""]
        assert props[0]["project_name"] == "项目red" and props[0]["color"] == "#d9363e"
        assert props[2]["color"] == "#c8c8c8" and props[2]["url"] == f"/land/plots/{self.plots[2].pk}/"

    def test_a_firm_sees_its_plots_but_no_projects(self):
        data = map_features(self.p.firm_user, color_by="project")
        assert len(data["features"]) == 3
        assert all(f["properties"]["project_id"] is None for f in data["features"])

    def test_two_queries_whatever_the_number_of_plots(self):
        with self.assertNumQueries(2):
            map_features(self.p.staff, color_by="project")
        for i in range(3, 13):
            make_plot(self.p.park, self.p.admin, f"A-{i:02d}", i=i)
        with self.assertNumQueries(2):
            assert len(map_features(self.p.staff)["features"]) == 13

    def test_the_district_asks_for_one_park(self):
        assert len(map_features(self.district, park=self.p.park)["features"]) == 3
