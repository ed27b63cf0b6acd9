"""The demo park map: no overlaps, over 160 亩 revitalised for six firms last year, nine project sites."""

from datetime import date
from decimal import Decimal

from django.test import TestCase

from yuanqu.core.testing.personas import make_enterprise, make_park
from yuanqu.land import geometry
from yuanqu.land.demo import build_demo_land, cell_polygon
from yuanqu.land.matching import match_need
from yuanqu.land.models import DisposalPlan, PlanStatus, Plot, PlotStatus
from yuanqu.land.queries import map_features, yearly_figures


def test_the_cells_are_valid_shapes_between_roads():
    shapes = [geometry.parse(cell_polygon(c, r)) for r in range(6) for c in range(6)]
    assert geometry.pairwise_overlaps([s.shape for s in shapes]) == []
    assert all(Decimal("20") < s.area_mu < Decimal("40") for s in shapes)
    assert len(cell_polygon(0, 5)["coordinates"][0]) == 6  # a cut corner: five sides


class DemoLandTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.p = make_park("demo")
        placed = [make_enterprise(cls.p.park, n=100 + k, name=f"青岛新引进高新技术企业{k}有限公司")
                  for k in range(6)]
        cls.land = build_demo_land(cls.p.park, actor=cls.p.admin, firms=[cls.p.firm, cls.p.other_firm],
                                   placed=placed, year=2025, today=date(2026, 3, 2))

    def test_last_year_s_figures_come_from_the_records(self):
        figures = yearly_figures(self.p.park, 2025)
        assert figures.plots == 6 and figures.firms_placed == 6
        assert figures.mu_revitalised > Decimal("160")
        assert Plot.objects.filter(status=PlotStatus.REVITALISED).count() == 6

    def test_the_rest_of_the_map(self):
        assert Plot.objects.count() == 36 and len(self.land.project_sites) == 9
        assert DisposalPlan.objects.filter(status=PlanStatus.ACTIVE).count() == 2
        assert DisposalPlan.objects.filter(status=PlanStatus.DRAFT).count() == 1
        statuses = set(Plot.objects.values_list("status", flat=True))
        assert statuses == {"in_use", "idle", "low_efficiency", "revitalising", "revitalised", "reserve"}
        assert len(map_features(self.p.admin)["features"]) == 36

    def test_the_needs_find_plots(self):
        matches = match_need(self.land.needs[0], today=date(2026, 3, 2))
        assert matches and matches[0].score >= 80
