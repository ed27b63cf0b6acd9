"""Plot writes: geometry checks, overlaps, permissions per role, audit rows, nothing half saved."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import TestCase

from yuanqu.core.audit import history_for
from yuanqu.core.exceptions import Conflict
from yuanqu.core.models import AuditAction, AuditEvent
from yuanqu.core.testing.personas import make_district_admin, make_park
from yuanqu.land import services
from yuanqu.land.models import Plot, PlotStatus
from yuanqu.projects.models import Project

from .helpers import cell, make_plot, square


class PlotServiceTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.p = make_park("a")
        cls.q = make_park("b", offset=10)
        cls.district = make_district_admin()

    def test_the_drawn_area_and_bbox_are_stored_with_an_audit_row(self):
        plot = make_plot(self.p.park, self.p.staff, "A-01", name="孔雀河东地块", use="industrial")
        plot.refresh_from_db()
        assert plot.area_mu == Decimal("15.01")
        assert (plot.min_lon, plot.min_lat, plot.max_lon, plot.max_lat) == (120.0, 36.0, 120.001, 36.001)
        event = history_for(plot).get()
        assert event.action == AuditAction.CREATE and event.actor == self.p.staff
        assert event.changes["code"] == [None, "A-01"] and event.changes["area_mu"] == [None, "15.01"]

    def test_a_recorded_area_within_the_tolerance_is_kept(self):
        plot = make_plot(self.p.park, self.p.admin, "A-01", area_mu=Decimal("15.30"))
        assert Plot.objects.get(pk=plot.pk).area_mu == Decimal("15.30")

    def test_a_recorded_area_beyond_the_tolerance_is_refused_and_nothing_saved(self):
        with pytest.raises(ValidationError) as info:
            make_plot(self.p.park, self.p.admin, "A-01", area_mu=Decimal("16"))
        assert "15.01" in info.value.message_dict["area_mu"][0]
        assert not Plot.objects.exists() and not AuditEvent.objects.exists()

    def test_the_tolerance_is_a_setting(self):
        with self.settings(LAND_AREA_TOLERANCE={"ratio": 0.1}):
            make_plot(self.p.park, self.p.admin, "A-01", area_mu=Decimal("16"))

    def test_an_overlapping_plot_is_refused_naming_the_other_plot(self):
        make_plot(self.p.park, self.p.admin, "A-01")
        make_plot(self.p.park, self.p.admin, "A-02", i=1)  # touches A-01 along an edge: fine
        with pytest.raises(ValidationError) as info:
            services.create_plot(self.p.park, actor=self.p.admin, code="A-03",
                                 geometry=square(120.0005, 36.0))
        message = info.value.message_dict["geometry"][0]
        assert "A-01" in message and "A-02" in message and "重叠" in message
        assert Plot.objects.count() == 2

    def test_plots_of_another_park_may_lie_on_the_same_ground(self):
        make_plot(self.p.park, self.p.admin, "A-01")
        make_plot(self.q.park, self.q.admin, "A-01")

    def test_a_bow_tie_is_refused_with_the_other_field_errors(self):
        bow = {"type": "Polygon", "coordinates": [[[120, 36], [120.01, 36.01], [120.01, 36], [120, 36.01],
                                                   [120, 36]]]}
        with pytest.raises(ValidationError) as info:
            services.create_plot(self.p.park, actor=self.p.admin, code="", geometry=bow)
        errors = info.value.message_dict
        assert "自相交" in errors["geometry"][0] and "code" in errors and "area_mu" not in errors
        assert not Plot.objects.exists()

    def test_the_roles_that_may_create_plots(self):
        for user in [self.p.grid_worker, self.p.firm_user, self.p.institution_user, self.q.admin]:
            with pytest.raises(PermissionDenied):
                make_plot(self.p.park, user, f"X-{user.pk}")
        make_plot(self.p.park, self.district, "D-01")
        assert list(Plot.objects.values_list("code", flat=True)) == ["D-01"]

    def test_an_update_checks_the_new_geometry_but_not_against_itself(self):
        plot = make_plot(self.p.park, self.p.admin, "A-01")
        make_plot(self.p.park, self.p.admin, "A-02", i=2)
        moved = services.update_plot(plot, actor=self.p.staff, geometry=cell(0, 0, 0.0015))
        assert moved.area_mu > Decimal("33") and moved.max_lon == pytest.approx(120.0015)
        with pytest.raises(ValidationError):
            services.update_plot(plot, actor=self.p.staff, geometry=cell(0, 0, 0.0025))
        plot.refresh_from_db()
        assert plot.max_lon == pytest.approx(120.0015)
        assert AuditEvent.objects.filter(action=AuditAction.UPDATE).get().changes["geometry"]

    def test_an_area_change_alone_is_checked_against_the_stored_geometry(self):
        plot = make_plot(self.p.park, self.p.admin, "A-01")
        with pytest.raises(ValidationError) as info:
            services.update_plot(plot, actor=self.p.admin, area_mu=Decimal("20"))
        assert "area_mu" in info.value.message_dict
        services.update_plot(plot, actor=self.p.admin, area_mu=Decimal("15.1"), name="改名")
        assert Plot.objects.get().name == "改名"

    def test_occupant_must_be_a_firm_of_the_park(self):
        with pytest.raises(ValidationError) as info:
            make_plot(self.p.park, self.p.admin, "A-01", occupant=self.q.firm)
        assert "occupant" in info.value.message_dict

    def test_only_a_park_admin_deletes_and_not_a_project_site(self):
        plot = make_plot(self.p.park, self.p.admin, "A-01")
        with pytest.raises(PermissionDenied):
            services.delete_plot(plot, actor=self.p.staff)
        Project.objects.create(park=self.p.park, name="智能装备产业园", year=2025, investor_name="青岛某公司",
                               total_investment=Decimal("50000"), plot=plot)
        with pytest.raises(Conflict, match="智能装备产业园"):
            services.delete_plot(plot, actor=self.p.admin)
        Project.objects.all().delete()
        services.delete_plot(plot, actor=self.p.admin)
        assert not Plot.objects.exists()
        assert AuditEvent.objects.filter(action=AuditAction.DELETE).count() == 1

    def test_set_status_writes_a_transition_row(self):
        plot = make_plot(self.p.park, self.p.admin, "A-01")
        services.set_status(plot, PlotStatus.IDLE, actor=self.p.staff, note="企业迁出")
        event = AuditEvent.objects.filter(action=AuditAction.TRANSITION).get()
        assert event.changes == {"status": ["in_use", "idle"]} and event.note == "企业迁出"
        with pytest.raises(ValidationError):
            services.set_status(plot, "nonsense", actor=self.p.staff)
        with pytest.raises(PermissionDenied):
            services.set_status(plot, PlotStatus.RESERVE, actor=self.p.grid_worker)
