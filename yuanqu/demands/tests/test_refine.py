"""Lexical-first classification: submit stores the quick suggestion, the full model refines it after
the commit, and the refinement never overrides a confirmed or chosen category nor re-routes."""

from functools import partial
from unittest import mock

import pytest
import time_machine
from django.test import TestCase

from yuanqu.core.models import AuditEvent
from yuanqu.demands import services, tasks
from yuanqu.demands.classifier import FINAL, QUICK, Prediction, get_classifier, uses_semantic
from yuanqu.demands.models import Category, Channel, Demand

from .helpers import demand_park

MONDAY = "2026-11-23 09:00 +08:00"


def two_stage(lexical: dict, full: dict):
    """Patch the classifier: quick=True answers `lexical` (stage QUICK), the full model `full`."""
    answers = {True: {"confidence": 0.9, **lexical, "stage": QUICK},
               False: {"confidence": 0.9, **full, "stage": FINAL}}
    return mock.patch.object(services, "classify_text",
                             side_effect=lambda text, quick=False: Prediction(**answers[quick]))


def refinements(callbacks) -> list:
    """The refinement tasks among the on-commit callbacks (notifications are queued there too)."""
    return [c for c in callbacks if isinstance(c, partial) and c.func == tasks.refine_suggestion.enqueue]


def submit(p, *, actor=None, category=None):
    data = {"title": "厂区停电", "text": "孔雀河三路厂区今天上午突然停电，生产线停了", "category": category}
    return services.submit(enterprise=p.firm, actor=actor or p.firm_user, channel=Channel.PORTAL, data=data)


@time_machine.travel(MONDAY, tick=False)
class RefinementTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.p = demand_park()
        cls.safety = Category.objects.get(park=cls.p.park, code="safety")
        cls.infrastructure = Category.objects.get(park=cls.p.park, code="infrastructure")

    def submit_and_refine(self, quick, full, **kw):
        """Submit, then run what was queued on commit (the immediate backend runs the task)."""
        with two_stage(quick, full), self.captureOnCommitCallbacks(execute=True) as queued:
            demand = submit(self.p, **kw)
            stored = Demand.objects.get(pk=demand.pk).ai
        return demand, stored, queued

    def test_submit_stores_the_quick_suggestion_and_the_refined_one_after_commit(self):
        demand, at_submit, queued = self.submit_and_refine({"category": "safety", "confidence": 0.3},
                                                           {"category": "infrastructure"})
        assert at_submit["stage"] == QUICK and at_submit["category"] == "safety" and refinements(queued)
        demand.refresh_from_db()
        assert demand.ai["stage"] == FINAL and demand.ai["category"] == "infrastructure"
        # Still unconfirmed and in triage: the category follows the better guess; a person routes it.
        assert demand.category == self.infrastructure and demand.needs_triage and demand.department is None
        assert AuditEvent.objects.filter(object_id=str(demand.pk), entity="AI 建议已更新").exists()

    def test_refinement_does_not_reroute_a_routed_demand(self):
        demand, _ai, _q = self.submit_and_refine({"category": "infrastructure"}, {"category": "safety"})
        demand.refresh_from_db()
        assert demand.ai["category"] == "safety" and demand.category == self.infrastructure
        assert demand.department == self.p.department and not demand.needs_triage

    def test_refinement_never_overrides_a_confirmed_category(self):
        with two_stage({"category": "safety", "confidence": 0.3}, {"category": "infrastructure"}):
            demand = submit(self.p)
            stale = Demand.objects.get(pk=demand.pk)  # the task read it before staff confirmed
            services.confirm_category(demand, category=self.safety, actor=self.p.staff)
            assert services.refine_suggestion(stale, recategorise=True)
        stale.refresh_from_db()
        assert stale.category == self.safety and stale.category_confirmed
        assert stale.ai["category"] == "infrastructure" and stale.department == self.p.safety

    def test_refinement_keeps_the_category_the_submitter_chose(self):
        demand, _ai, _q = self.submit_and_refine({"category": "safety", "confidence": 0.3},
                                                 {"category": "infrastructure"}, category=self.safety)
        demand.refresh_from_db()
        assert demand.category == self.safety and demand.ai["category"] == "infrastructure"

    def test_a_final_answer_queues_nothing(self):
        with mock.patch.object(services, "classify_text", return_value=Prediction("safety", 0.9)), \
                self.captureOnCommitCallbacks() as queued:
            submit(self.p)
        assert queued and not refinements(queued)


def test_the_real_model_answers_lexically_first_then_refines(demand_model):
    classifier = get_classifier()
    if not uses_semantic(classifier.pipeline):
        pytest.skip("the sentence-vector engine does not load here: the model is lexical only")
    assert classifier.lexical is not None and not uses_semantic(classifier.lexical.pipeline)
    quick = classifier.predict_quick("消防通道被货物堵住了，灭火器也过期了")
    assert quick.stage == QUICK and quick.category == "safety"
    assert classifier.predict("消防通道被货物堵住了，灭火器也过期了").stage == FINAL
