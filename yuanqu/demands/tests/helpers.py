"""Demand test fixtures on top of the shared personas."""

from yuanqu.accounts.models import Department
from yuanqu.core.testing.personas import make_park
from yuanqu.demands import services
from yuanqu.demands.models import Category, Channel

from .stubs import fixed_classifier


def demand_park(code="a", offset=0):
    """A persona park with a park office, a safety department and infrastructure → 经济发展部."""
    p = make_park(code, offset)
    p.office = Department.objects.create(park=p.park, name="综合办公室", is_office=True)
    p.safety = Department.objects.create(park=p.park, name="安全生产监督部", head=p.admin)
    p.department.head = p.admin
    p.department.save()
    p.staff.department = p.department
    p.staff.save()
    Category.objects.filter(park=p.park, code="infrastructure").update(department=p.department)
    Category.objects.filter(park=p.park, code="safety").update(department=p.safety)
    return p


def file_demand(p, *, actor=None, enterprise=None, **prediction):
    with fixed_classifier(**prediction):
        return services.submit(enterprise=enterprise or p.firm, actor=actor or p.firm_user,
                               channel=Channel.PORTAL,
                               data={"title": "厂区停电",
                                     "text": "孔雀河三路厂区今天上午突然停电，生产线停了"})
