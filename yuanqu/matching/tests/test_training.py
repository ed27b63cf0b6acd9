"""Learning to rank from staff verdicts: the lists, the fit, the file every worker reads."""

import json
from io import StringIO

from django.conf import settings
from django.core.management import call_command
from django.test import TestCase

from yuanqu.demands.tests.helpers import demand_park, file_demand
from yuanqu.matching import index, training
from yuanqu.matching.engine.rank import FEATURES
from yuanqu.matching.models import Feedback

from .panel_helpers import stock_park


class TrainingTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.p = stock_park(demand_park("a"))
        cls.demand = file_demand(cls.p)

    def tearDown(self):
        (settings.MATCHING_INDEX_DIR / "ranker.json").unlink(missing_ok=True)

    def verdict(self, resource, accepted, **features):
        return Feedback.objects.create(
            park=self.p.park, resource=resource, demand=self.demand, query="压铸件", accepted=accepted,
            features=dict.fromkeys(FEATURES, 0.0) | features, actor=self.p.staff)

    def test_staff_verdicts_train_weights_that_every_worker_reads(self):
        self.verdict(self.p.parts, True, kind_fit=1.0, bigram=0.2)
        self.verdict(self.p.testing, False, kind_fit=0.0, bigram=0.9)
        result = training.train(use_devset=False)
        assert result["verdict_lists"] == 1 and result["devset_queries"] == 0
        assert result["weights"]["kind_fit"] > 0
        saved = json.loads((settings.MATCHING_INDEX_DIR / "ranker.json").read_text())
        assert saved["weights"] == result["weights"]
        assert index.get_index().weights["kind_fit"] == result["weights"]["kind_fit"]

    def test_a_list_without_both_verdicts_teaches_nothing_and_the_latest_verdict_counts(self):
        self.verdict(self.p.parts, True)
        assert training.feedback_groups() == []
        self.verdict(self.p.testing, True)
        self.verdict(self.p.testing, False)  # changed its mind: the latest verdict wins
        assert len(training.feedback_groups()) == 1

    def test_the_command_trains_on_the_development_set_too(self):
        out = StringIO()
        call_command("train_matching", stdout=out)
        assert "229 条开发集查询" in out.getvalue() or "development queries" in out.getvalue()
        assert (settings.MATCHING_INDEX_DIR / "ranker.json").exists()
