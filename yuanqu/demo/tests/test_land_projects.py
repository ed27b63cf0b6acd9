"""The demo land and key projects: the annual report's figures, a sound map, colours that hold."""

import io
import json
import math
import shutil
import tempfile
from collections import Counter
from datetime import date, timedelta
from decimal import Decimal

import pytest
import shapely
from django.core.management import call_command
from django.db.models import Sum
from django.test import TestCase, override_settings
from django.utils import timezone
from PIL import Image

from yuanqu.calendar.workdays import WorkCalendar
from yuanqu.demo.builders import PARK
from yuanqu.demo.land_projects import DATA, last_year, park_data, park_map
from yuanqu.demo.park2 import PARK as PARK2
from yuanqu.demo.timeline import Timeline, place, stage_of
from yuanqu.projects import schedule

R, MU = 6371008.8, 10000 / 15
# 2026's National Day week: holidays 1–7 October, Saturday 10 October worked (调休).
CAL = WorkCalendar(holidays=frozenset(date(2026, 10, d) for d in range(1, 8)),
                   workdays=frozenset({date(2026, 10, 10)}))


def area_mu(ring) -> float:
    """亩 of a lon/lat ring on the local equal-area projection x = R·cos(lat0)·Δlon, y = R·Δlat."""
    lat0 = sum(p[1] for p in ring[:-1]) / (len(ring) - 1)
    k = R * math.cos(math.radians(lat0))
    pts = [(math.radians(lon) * k, math.radians(lat) * R) for lon, lat in ring]
    return abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(pts, pts[1:], strict=False))) / 2 / MU


def features(code):
    return park_map(code)["features"]


# pure: the data files


@pytest.mark.parametrize("code", [PARK["code"], PARK2["code"]])
def test_map_plots_are_valid_do_not_overlap_and_their_areas_agree_with_the_geometry(code):
    feats = features(code)
    shapes = [shapely.geometry.shape(f["geometry"]) for f in feats]
    assert all(s.is_valid and s.geom_type == "Polygon" for s in shapes)
    tree = shapely.STRtree(shapes)
    for i, shape in enumerate(shapes):
        for j in tree.query(shape):
            if j != i:
                assert shape.intersection(shapes[j]).area < 1e-12, (feats[i]["properties"]["code"], j)
    for f in feats:
        computed = area_mu(f["geometry"]["coordinates"][0])
        assert abs(float(f["properties"]["area_mu"]) - computed) <= 0.01 * computed
    codes = [f["properties"]["code"] for f in feats]
    assert len(set(codes)) == len(codes)


def test_the_main_map_has_40_to_70_plots_near_jimo_mostly_in_use():
    feats = features(PARK["code"])
    assert 40 <= len(feats) <= 70
    lons = [p[0] for f in feats for p in f["geometry"]["coordinates"][0]]
    lats = [p[1] for f in feats for p in f["geometry"]["coordinates"][0]]
    assert 120.43 < min(lons) < max(lons) < 120.47 and 36.38 < min(lats) < max(lats) < 36.40
    statuses = Counter(f["properties"]["status"] for f in feats)
    assert statuses["in_use"] > len(feats) / 2
    assert {"idle", "low_efficiency", "revitalising", "revitalised", "reserve"} <= set(statuses)
    assert {"industrial", "warehouse", "research", "commercial", "public"} == \
        {f["properties"]["use"] for f in feats}
    assert len(features(PARK2["code"])) < len(feats)


def test_the_key_projects_add_up_to_the_annual_report():
    projects = park_data(PARK["code"])["projects"]
    assert len(projects) == 9
    assert sum(p["total"] for p in projects) == 304_900  # 30.49 亿元
    assert sum(p["floor_area"] for p in projects) == 391_300  # 39.13 万㎡
    assert {p["level"] for p in projects} == {"city", "district"}


def test_the_plots_revitalised_last_year_house_six_firms_on_over_160_mu():
    plans = [p for p in park_data(PARK["code"])["plans"] if p["status"] == "done" and "completed" in p]
    areas = {f["properties"]["code"]: f["properties"]["area_mu"] for f in features(PARK["code"])}
    assert sum(areas[p["plot"]] for p in plans) > 160
    assert len({p["placed"] for p in plans}) == len(plans) == 6


def _steps():
    return schedule.INDUSTRIAL_TEMPLATE


def _colours(today, cal=CAL):
    out = []
    for row in park_data(PARK["code"])["projects"]:
        placement = place(_steps(), Timeline.from_dict(row["timeline"]), today, cal,
                          signed=date(today.year - 1, 6, 1))
        out.append((placement.health, stage_of(placement, _steps())))
    return out


def test_each_project_keeps_its_colour_and_stage_whatever_day_the_demo_is_loaded():
    first = _colours(date(2026, 9, 14))
    for offset in range(0, 400, 3):  # weekends, the National Day holidays and the 调休 Saturday included
        assert _colours(date(2026, 9, 14) + timedelta(days=offset)) == first
    count = Counter(h for h, _stage in first)
    assert count["green"] >= 3 and count["yellow"] >= 2 and count["red"] >= 2
    assert len({stage for _h, stage in first}) >= 5


def test_a_stuck_milestone_is_overdue_and_a_late_one_makes_its_successors_lag_within_tolerance():
    today = date(2026, 10, 12)
    red = place(_steps(), Timeline(at="主体封顶", into=148, slack=10, stuck="主体封顶"), today, CAL)
    topping = red.milestone("topping")
    assert topping.actual_start and not topping.actual_finish and topping.planned_finish < today
    assert schedule.working_days_between(CAL, topping.planned_finish, today) == 148 - 119 - 10
    yellow = place(_steps(), Timeline(at="主体封顶", into=68, slack=3, late={"施工许可": 6}), today, CAL)
    topping = yellow.milestone("topping")
    assert schedule.working_days_between(CAL, topping.planned_finish, topping.forecast_finish) == 3
    assert (red.health, yellow.health) == ("red", "yellow")


def test_the_plan_is_backward_from_the_target_and_the_work_ran_as_soon_as_possible():
    today = date(2026, 10, 12)  # a Monday after the holiday week
    placement = place(_steps(), Timeline(at="投产", into=38, slack=30), today, CAL,
                      signed=date(2025, 3, 18))
    # 投产 (20 days) began 38 working days ago, so finished 19 ago; 30 days of slack after that.
    assert placement.target == CAL.add_workdays(today, 11)
    assert placement.milestone("operation").planned_finish == placement.target
    assert placement.milestone("operation").actual_finish == CAL.add_workdays(today, -19)
    assert placement.milestone("sign").actual_finish == date(2025, 3, 18)
    assert all(m.actual_finish for m in placement.milestones) and placement.health == "green"


# the seeded database


@override_settings(MEDIA_ROOT=tempfile.mkdtemp(prefix="yuanqu-demo-media-"))
class SeededLandProjectsTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("seed_demo", stdout=io.StringIO(), stderr=io.StringIO())

    @classmethod
    def tearDownClass(cls):
        from django.conf import settings

        shutil.rmtree(settings.MEDIA_ROOT, ignore_errors=True)
        super().tearDownClass()

    def setUp(self):
        from yuanqu.accounts.models import Park

        self.park = Park.objects.get(code=PARK["code"])
        self.year = last_year(timezone.localdate())

    def test_nine_key_projects_of_last_year_with_the_report_totals(self):
        from yuanqu.projects.models import Project

        projects = Project.objects.filter(park=self.park, year=self.year)
        totals = projects.aggregate(money=Sum("total_investment"), area=Sum("floor_area_m2"))
        assert projects.count() == 9
        assert totals == {"money": Decimal("304900"), "area": Decimal("391300")}
        for project in projects.select_related("lead", "plot"):
            project.full_clean()
            assert project.lead and project.members.exists() and project.plot.park_id == self.park.pk
            assert project.firm_contact_name and project.score_technology is not None

    def test_colours_are_stored_by_the_services_green_yellow_and_red(self):
        from yuanqu.projects.models import Milestone, Project

        health = Counter(Project.objects.filter(park=self.park).values_list("health", flat=True))
        assert health["red"] >= 2 and health["yellow"] >= 2 and health["green"] >= 3
        today = timezone.localdate()
        for project in Project.objects.filter(park=self.park, health="red"):
            overdue = project.milestones.filter(actual_finish=None, planned_finish__lt=today)
            slipping = project.milestones.filter(health="red")
            assert overdue.exists() or slipping.exists()
        assert not Milestone.objects.filter(actual_finish__gt=today).exists()
        assert len(set(Project.objects.values_list("stage", flat=True))) >= 5

    def test_projects_have_investments_notes_photos_and_problems_filed_as_demands(self):
        from yuanqu.projects.models import MonthlyInvestment, ProgressPhoto, Project, ProjectProblem

        this_year = timezone.localdate().year
        for project in Project.objects.filter(park=self.park):
            invested = project.investments.aggregate(s=Sum("amount"))["s"]
            assert project.notes.exists() and 0 < invested <= project.total_investment
            ytd = project.investments.filter(month__year=this_year).aggregate(s=Sum("amount"))["s"]
            assert 0 < ytd <= project.annual_planned_investment <= project.total_investment
        assert MonthlyInvestment.objects.filter(month__day=1).count() == MonthlyInvestment.objects.count()
        photos = ProgressPhoto.objects.filter(note__project__park=self.park)
        assert 3 <= photos.count() <= 8
        for photo in photos:
            with Image.open(photo.image.path) as img:
                assert img.format == "JPEG"
        problems = ProjectProblem.objects.filter(project__park=self.park).select_related("demand", "project")
        assert problems.count() >= 2
        for problem in problems:
            assert problem.demand.enterprise_id == problem.project.investor_id and problem.demand.number

    def test_plots_match_the_map_with_bounding_boxes_and_occupants_of_the_park(self):
        from yuanqu.land.models import Plot

        for code in (PARK["code"], PARK2["code"]):
            plots = {p.code: p for p in Plot.objects.filter(park__code=code).select_related("occupant")}
            assert set(plots) == {f["properties"]["code"] for f in features(code)}
        for plot in Plot.objects.select_related("occupant"):
            shape = shapely.geometry.shape(plot.geometry)
            assert shape.bounds == (plot.min_lon, plot.min_lat, plot.max_lon, plot.max_lat)
            assert plot.occupant is None or plot.occupant.park_id == plot.park_id
            plot.full_clean()

    def test_last_years_plans_revitalised_over_160_mu_for_six_firms(self):
        from yuanqu.land.models import DisposalPlan

        done = DisposalPlan.objects.filter(plot__park=self.park, status="done", completed_on__year=self.year)
        assert done.aggregate(s=Sum("revitalised_mu"))["s"] > 160
        assert done.values("placed_enterprise").distinct().count() == done.count() == 6
        this_year = DisposalPlan.objects.filter(plot__park=self.park, status="done",
                                                completed_on__year=timezone.localdate().year)
        assert this_year.exists()  # so the yearly figures page has something for the current year too
        for plan in done.select_related("plot"):
            assert plan.plot.status == "revitalised" and plan.plot.occupant_id == plan.placed_enterprise_id
            assert plan.steps.exists() and all(s.done_on <= plan.completed_on for s in plan.steps.all())

    def test_every_idle_or_low_efficiency_plot_has_a_plan_and_active_plans_have_open_steps(self):
        from yuanqu.land.models import DisposalPlan, Plot

        needing = Plot.objects.filter(status__in=["idle", "low_efficiency", "revitalising"])
        assert needing.count() >= 5 and not needing.filter(plan=None).exists()
        active = DisposalPlan.objects.filter(status="active")
        assert active.exists() and all(p.steps.filter(done_on=None).exists() for p in active)
        assert all(p.owner and p.deadline for p in active)

    def test_low_efficiency_flags_follow_the_occupants_indicators(self):
        """Tax or revenue per 亩 (the firm's declared land, else its plots here) under the park's
        thresholds flags an occupied plot; the plots the park calls low-efficiency are flagged."""
        from yuanqu.enterprises.models import AnnualIndicator
        from yuanqu.land.models import Plot

        limits = self.park.land_thresholds
        assessed = Plot.objects.filter(park=self.park, status__in=["in_use", "low_efficiency"]) \
            .exclude(occupant=None).select_related("occupant")
        held = Counter()
        for plot in assessed:
            held[plot.occupant_id] += plot.area_mu
        for plot in assessed:
            rows = AnnualIndicator.objects.filter(enterprise=plot.occupant, year__lte=self.year)
            latest = rows.order_by("-year").first()
            area = latest.land_area_mu or held[plot.occupant_id]
            low = (latest.tax_paid / area < limits.min_tax_per_mu
                   or latest.revenue / area < limits.min_revenue_per_mu)
            assert plot.flagged_low_efficiency == low, plot.code
        flagged = Plot.objects.filter(park=self.park, flagged_low_efficiency=True)
        assert flagged.count() >= 3 and all(p.flag_reason for p in flagged)
        assert not Plot.objects.filter(park=self.park, status="low_efficiency", flagged_low_efficiency=False)

    def test_land_needs_name_firms_of_the_park(self):
        from yuanqu.land.models import LandNeed

        needs = LandNeed.objects.filter(park=self.park)
        assert needs.count() >= 2
        assert all(n.enterprise and n.enterprise.park_id == self.park.pk for n in needs)

    def test_seeding_again_adds_nothing_and_reset_rebuilds_the_same(self):
        from yuanqu.land.models import DisposalPlan, Plot
        from yuanqu.projects.models import Milestone, ProgressNote, Project

        def snapshot():
            projects = Project.objects.order_by("park", "name")
            return (list(Plot.objects.order_by("park", "code").values_list("code", "area_mu", "status")),
                    list(projects.values_list("name", "target_date", "health")),
                    list(Milestone.objects.order_by("project__name", "order").values_list(
                        "key", "planned_finish", "actual_finish", "health")),
                    ProgressNote.objects.count(), DisposalPlan.objects.count())

        before = snapshot()
        call_command("seed_demo", stdout=io.StringIO(), stderr=io.StringIO())
        assert snapshot() == before
        call_command("seed_demo", reset=True, stdout=io.StringIO(), stderr=io.StringIO())
        assert snapshot() == before


def test_data_files_are_plain_json():
    for name in ("park_map.geojson", "park2_map.geojson", "projects.json"):
        json.loads((DATA / name).read_text(encoding="utf-8"))
