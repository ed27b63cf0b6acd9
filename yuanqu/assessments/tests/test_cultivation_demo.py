"""The demo park's cultivation data: the report's figures from records, facts the engine reads, a pool
with eligible and close firms in every tier, plans with overdue actions; loading twice adds nothing."""

import io

from django.core.management import call_command
from django.test import SimpleTestCase, TestCase

from yuanqu.accounts.models import User
from yuanqu.assessments.cultivation_queries import PoolFilters, list_plans, pool_for_user, yearly_figures
from yuanqu.assessments.models import CultivationPlan, PlanStatus, Recognition
from yuanqu.assessments.tiers import FACT_NAMES
from yuanqu.demo.assessments import FACT_YEAR, facts_for
from yuanqu.demo.builders import firms


class DemoFactTests(SimpleTestCase):
    def test_facts_are_named_as_the_api_deterministic_and_sometimes_unknown(self):
        data = firms()
        facts = [facts_for(f, i) for i, f in enumerate(data, start=1)]
        assert set(facts[0]) <= set(FACT_NAMES)
        assert facts == [facts_for(f, i) for i, f in enumerate(data, start=1)]
        assert any(f["credit_score"] is None for f in facts) and any(f["credit_score"] for f in facts)
        top = facts[0]  # 恒荣新材料: a 专精特新 firm with a provincial R&D centre and a 12% share
        assert top["rd_institution_level"] == "provincial" and top["national_market_share"] >= 10
        assert all(f["niche_years"] >= 0 and f["digital_level"] in (None, 1, 2, 3) for f in facts)


class DemoCultivationTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("seed_demo", stdout=io.StringIO(), stderr=io.StringIO())
        cls.staff = User.objects.get(username="staff")

    def test_the_report_figures_come_from_records(self):
        cells = {(r["year"], t["tier"]): (t["recognised"], t["holders"])
                 for r in yearly_figures(self.staff, [FACT_YEAR - 1, FACT_YEAR]) for t in r["tiers"]}
        assert cells[(FACT_YEAR, "specialized_sme")][0] == 8 and cells[(FACT_YEAR, "gazelle")][0] == 1
        assert (cells[(FACT_YEAR - 1, "above_scale")][1], cells[(FACT_YEAR, "above_scale")][1]) == (42, 44)

    def test_every_tier_has_eligible_and_close_firms(self):
        with self.assertNumQueries(8):  # firms, the engine's four, titles held (2), open plans
            pools = pool_for_user(self.staff, PoolFilters(year=FACT_YEAR))
        for pool in pools:
            assert pool.eligible and pool.close, pool.tier
            assert all(e.result.gaps or e.result.missing for e in pool.close), pool.tier
        missing = pool_for_user(self.staff, PoolFilters(year=FACT_YEAR, missing=True))
        assert any(p.candidates for p in missing)

    def test_plans_with_actions_overdue_and_recognised(self):
        plans = list(list_plans(self.staff))
        assert len(plans) == 6 and any(p.n_overdue for p in plans)
        assert {p.tier for p in plans} == {"innovative_sme", "specialized_sme", "little_giant", "gazelle",
                                           "above_scale"}
        firm = User.objects.get(username="firm")
        assert list_plans(firm).get().tier == "little_giant"  # the firm login reads its own plan
        assert all(p.status == PlanStatus.ACTIVE for p in plans)

    def test_loading_again_adds_nothing(self):
        counts = (Recognition.objects.count(), CultivationPlan.objects.count())
        call_command("seed_demo", stdout=io.StringIO(), stderr=io.StringIO())
        assert (Recognition.objects.count(), CultivationPlan.objects.count()) == counts
