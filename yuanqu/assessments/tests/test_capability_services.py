"""Indicator-system writes: who may, copy on first change, weight checks, AHP, entropy, audit."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import TestCase
from django.utils import translation

from yuanqu.assessments import capability_services as services
from yuanqu.assessments.capability.defaults import default_spec
from yuanqu.assessments.capability_queries import spec_for, stored_system, to_spec
from yuanqu.assessments.models_capability import CapabilityIndicator, IndicatorSystem, WeightMethod
from yuanqu.core.audit import history_for
from yuanqu.core.models import AuditAction
from yuanqu.core.testing.personas import make_district_admin, make_park

from .capability_helpers import add_firms

INCONSISTENT = [[1, 9, "1/9"], ["1/9", 1, 9], [9, "1/9", 1]]


class CapabilityServiceTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.a = make_park("a")
        cls.b = make_park("b", offset=10)
        cls.district = make_district_admin()
        add_firms(cls.a.park, 5, start=100)

    def setUp(self):
        translation.activate("zh-hans")
        self.addCleanup(translation.deactivate)

    def test_the_migration_seeds_the_default_system_as_written_in_defaults(self):
        stored = to_spec(IndicatorSystem.objects.get(is_default=True))
        assert stored == default_spec()

    def test_staff_grid_workers_and_firms_may_not_configure(self):
        for user in (self.a.staff, self.a.grid_worker, self.a.firm_user, self.b.admin):
            with pytest.raises(PermissionDenied):
                services.set_weights(self.a.park, "innovation", {}, actor=user)
        with pytest.raises(PermissionDenied):
            services.set_weights(None, "innovation", {}, actor=self.a.admin)  # the default is the district's
        assert not IndicatorSystem.objects.filter(park=self.a.park).exists()

    def test_a_park_admins_first_change_copies_the_default_and_is_audited(self):
        weights = {"rd_intensity": 0.5, "invention_patents": 0.25, "rd_staff_share": 0.25}
        system = services.set_weights(self.a.park, "innovation", weights, actor=self.a.admin)
        assert system.park == self.a.park and system.version == 3  # default v1 → copy v2 → changed v3
        assert {i.code: float(i.weight) for i in system.indicators.filter(dimension="innovation")} == weights
        assert system.weight_methods["innovation"] == WeightMethod.MANUAL
        events = list(history_for(system).order_by("id"))
        assert [e.action for e in events] == [AuditAction.CREATE, AuditAction.UPDATE]
        assert events[1].actor == self.a.admin and "weights:innovation" in events[1].changes
        assert spec_for(self.a.park).rule_version == "capability-a-v3"
        assert spec_for(self.b.park).rule_version == "capability-default-v1"  # the other park is untouched
        assert IndicatorSystem.objects.get(is_default=True).version == 1

    def test_weights_that_do_not_sum_to_one_are_refused_in_chinese(self):
        with pytest.raises(ValidationError) as exc:
            services.set_weights(self.a.park, "innovation", {"rd_intensity": 0.5, "invention_patents": 0.3,
                                                             "rd_staff_share": 0.1}, actor=self.a.admin)
        message = "技术创新能力的权重之和为 0.900，应为 1（允许误差 0.001）。"
        assert exc.value.message_dict["innovation"] == [message]
        assert not IndicatorSystem.objects.filter(park=self.a.park).exists()  # the copy rolled back too

    def test_weights_must_name_each_item_once(self):
        with pytest.raises(ValidationError) as exc:
            services.set_weights(self.a.park, "dimensions", {"innovation": 1.0}, actor=self.a.admin)
        assert "六大能力维度" in exc.value.message_dict["weights"][0]
        with pytest.raises(ValidationError):
            services.set_weights(self.a.park, "nonsense", {}, actor=self.a.admin)

    def test_ahp_sets_the_weights_and_keeps_the_matrix(self):
        m = [[1, 2, 5], ["1/2", 1, 2], ["1/5", "1/2", 1]]
        system, result = services.apply_ahp(self.a.park, "innovation", m, actor=self.a.admin)
        members = system.indicators.filter(dimension="innovation").order_by("order")
        weights = [float(i.weight) for i in members]
        assert weights == pytest.approx([0.5954, 0.2764, 0.1283], abs=1e-4)
        assert system.weight_methods["innovation"] == WeightMethod.AHP
        assert system.ahp_matrices["innovation"]["cr"] == pytest.approx(0.0048, abs=1e-4)

    def test_an_inconsistent_ahp_matrix_is_refused_with_its_cr(self):
        with pytest.raises(ValidationError) as exc:
            services.apply_ahp(self.a.park, "innovation", INCONSISTENT, actor=self.a.admin)
        assert "CR = 6.130" in exc.value.message_dict["matrix"][0]
        with pytest.raises(ValidationError) as exc:
            services.apply_ahp(self.a.park, "innovation", [[1, 2], ["1/2", 1]], actor=self.a.admin)
        assert "3 行" in exc.value.message_dict["matrix"][0]

    def test_entropy_weights_from_the_parks_figures(self):
        system, result = services.apply_entropy(self.a.park, "innovation", 2025, actor=self.a.admin)
        weights = {i.code: float(i.weight) for i in system.indicators.filter(dimension="innovation")}
        assert result.rows_used == 5 and sum(weights.values()) == pytest.approx(1, abs=1e-3)
        assert system.weight_methods["innovation"] == WeightMethod.ENTROPY
        with pytest.raises(ValidationError) as exc:
            services.apply_entropy(self.a.park, "innovation", 1999, actor=self.a.admin)
        assert "熵值法" in exc.value.message_dict["year"][0]
        with pytest.raises(ValidationError):
            services.apply_entropy(None, "innovation", 2025, actor=self.district)

    def test_entropy_over_dimensions_and_per_mu(self):
        services.apply_entropy(self.a.park, "dimensions", 2025, actor=self.a.admin)
        system, _r = services.apply_entropy(self.a.park, "per_mu", 2025, actor=self.a.admin)
        assert sum(system.per_mu_weights.values()) == pytest.approx(1, abs=1e-3)

    def test_adding_an_indicator_makes_its_dimension_equal_weighted(self):
        ind = services.add_indicator(self.a.park, actor=self.a.admin, code="export_share", name="出口占比",
                                      dimension="development", formula="export_value / revenue",
                                      direction="higher", unit="percent")
        weights = [float(i.weight) for i in ind.system.indicators.filter(dimension="development")]
        assert len(weights) == 3 and sum(weights) == pytest.approx(1) and max(weights) - min(weights) < 0.001
        assert stored_system(self.a.park).weight_methods["development"] == WeightMethod.EQUAL

    def test_editing_an_indicator_keeps_its_weight_unless_it_moves(self):
        services.change_indicator(self.a.park, "rd_intensity", actor=self.a.admin, name="研发强度")
        system = stored_system(self.a.park)
        assert float(system.indicators.get(code="rd_intensity").weight) == 0.4
        services.change_indicator(self.a.park, "rd_intensity", actor=self.a.admin, dimension="growth")
        growth = [float(i.weight) for i in system.indicators.filter(dimension="growth")]
        assert len(growth) == 4 and sum(growth) == pytest.approx(1)

    def test_a_bad_formula_is_refused_at_its_field(self):
        with pytest.raises(ValidationError) as exc:
            services.add_indicator(self.a.park, actor=self.a.admin, code="bad", name="坏公式",
                                    dimension="growth", formula="__import__('os')", direction="higher",
                                    unit="plain")
        assert "不允许" in exc.value.message_dict["formula"][0]

    def test_the_last_indicator_of_a_dimension_cannot_be_removed(self):
        services.delete_indicator(self.a.park, "employee_growth", actor=self.a.admin)
        with pytest.raises(ValidationError) as exc:
            services.delete_indicator(self.a.park, "revenue_growth", actor=self.a.admin)
        assert "最后一个指标" in exc.value.message_dict["code"][0]
        assert float(stored_system(self.a.park).indicators.get(code="revenue_growth").weight) == 1

    def test_settings_check_the_per_mu_weights_and_the_grade_shares(self):
        spec = default_spec()
        services.update_settings(self.a.park, actor=self.a.admin, normalisation="percentile", peer_min_size=3,
                                 grade_shares={"A": 0.1, "B": 0.6, "C": 0.2})
        assert spec_for(self.a.park).normalisation == "percentile"
        with pytest.raises(ValidationError) as exc:
            services.update_settings(self.a.park, actor=self.a.admin,
                                     per_mu_weights={**spec.per_mu_weights, "tax_per_mu": 0.9})
        assert "亩均效益指标的权重之和为 1.500" in exc.value.message_dict["per_mu"][0]
        with pytest.raises(ValidationError) as exc:
            services.update_settings(self.a.park, actor=self.a.admin, grade_shares={"A": 0.5, "B": 0.5,
                                                                                    "C": 0.2})
        assert "超过 100%" in exc.value.message_dict["grade_shares"][0]

    def test_the_district_changes_the_default_for_parks_without_their_own(self):
        services.set_weights(None, "dimensions", {"profitability": 0.5, "development": 0.1, "investment": 0.1,
                                                  "innovation": 0.1, "growth": 0.1, "responsibility": 0.1},
                             actor=self.district)
        assert spec_for(self.b.park).dimension_weights["profitability"] == 0.5
        assert spec_for(self.b.park).rule_version == "capability-default-v2"

    def test_replace_system_checks_everything_at_once(self):
        spec = default_spec()
        indicators = [{"code": i.code, "name": i.name, "dimension": i.dimension, "formula": i.formula,
                       "direction": "higher" if i.higher_is_better else "lower", "weight": str(i.weight),
                       "unit": i.unit} for i in spec.indicators]
        indicators[0]["formula"] = "revenue **"
        with pytest.raises(ValidationError) as exc:
            services.replace_system(self.a.park, actor=self.a.admin, indicators=indicators,
                                    dimension_weights=spec.dimension_weights, name="新体系")
        assert "indicators.0.formula" in exc.value.message_dict
        # without the profit margin, profitability's remaining weight (0.4) no longer sums to 1
        with pytest.raises(ValidationError) as exc:
            services.replace_system(self.a.park, actor=self.a.admin, indicators=indicators[1:],
                                    dimension_weights=spec.dimension_weights, name="新体系")
        assert "盈利能力的权重之和为 0.400" in exc.value.message_dict["profitability"][0]
        indicators[0]["formula"] = "total_profit / revenue"
        system = services.replace_system(self.a.park, actor=self.a.admin, indicators=indicators,
                                         dimension_weights=spec.dimension_weights, name="新体系")
        assert system.name == "新体系" and CapabilityIndicator.objects.filter(system=system).count() == 14
