"""Concurrent actions on one demand in parallel threads (real row locks: PostgreSQL only)."""

import threading

import pytest
from django.db import close_old_connections, connection
from django.test import TransactionTestCase

from yuanqu.core.exceptions import Conflict
from yuanqu.demands import services
from yuanqu.demands.models import Demand
from yuanqu.demands.workflow import Action
from yuanqu.reference.loaders import load_reference
from yuanqu.reference.models import IndustryCode, Region

from .helpers import demand_park, file_demand


def run_together(*calls):
    """Start every call at the same moment, each in its own thread and connection."""
    barrier, results = threading.Barrier(len(calls)), [None] * len(calls)

    def worker(i, call):
        close_old_connections()
        try:
            barrier.wait()
            call()
            results[i] = "ok"
        except Conflict:
            results[i] = "409"
        except Exception as exc:  # reported by the assertion below
            results[i] = repr(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(i, c)) for i, c in enumerate(calls)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    return results


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL's row locks")
class ParallelActionTests(TransactionTestCase):
    def setUp(self):
        # A TransactionTestCase flushes every table after each test, the industry codes that
        # migrations load included; put back what an earlier flush may have taken (idempotent).
        load_reference(IndustryCode, Region)
        self.p = demand_park()

    def test_accept_and_transfer_at_once_one_gets_409(self):
        for _round in range(5):
            d = file_demand(self.p)
            accepting, transferring = Demand.objects.get(pk=d.pk), Demand.objects.get(pk=d.pk)
            results = run_together(
                lambda a=accepting: services.transition(a, Action.ACCEPT, actor=self.p.staff),
                lambda t=transferring: services.transition(t, Action.TRANSFER, actor=self.p.admin,
                                                           note="属安全生产", department=self.p.safety))
            assert sorted(results) == ["409", "ok"], results
            d.refresh_from_db()
            accepted_by_old_department = d.accepted_at is not None and d.department_id == self.p.safety.pk
            assert not accepted_by_old_department

    def test_two_transfers_at_once_one_gets_409(self):
        for _round in range(5):
            d = file_demand(self.p)
            one, two = Demand.objects.get(pk=d.pk), Demand.objects.get(pk=d.pk)
            results = run_together(
                lambda one=one: services.transition(one, Action.TRANSFER, actor=self.p.admin, note="a",
                                                    department=self.p.safety),
                lambda two=two: services.transition(two, Action.TRANSFER, actor=self.p.staff, note="b",
                                                    department=self.p.office))
            assert sorted(results) == ["409", "ok"], results
            assert d.events.filter(action="transfer").count() == 1
