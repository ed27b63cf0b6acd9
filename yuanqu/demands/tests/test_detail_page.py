"""The demand page: who routed it, the AI's unconfirmed guess, action boxes, deadline lights."""

from django.test import TestCase

from yuanqu.core.models import AuditEvent

from .helpers import demand_park, file_demand


class RoutingCreditTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.p = demand_park()

    def test_automatic_routing_is_credited_to_the_system_not_the_firm(self):
        d = file_demand(self.p)
        route = d.events.get(action="route")
        assert route.actor is None and route.actor_repr == "系统自动分拨"
        self.client.force_login(self.p.staff)
        html = self.client.get(f"/demands/{d.pk}/").content.decode()
        assert "系统自动分拨" in html
        assert f"分拨 · {self.p.firm_user.full_name}" not in html
        # the audit trail still knows whose request set the routing off
        assert AuditEvent.objects.filter(entity="route", actor=self.p.firm_user).exists()
