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
