"""Fixtures for the panels' tests: resources of a persona park, and the real engine's index rebuilt
from the test's database (the session's index directory is a temporary one)."""

from contextlib import contextmanager

from yuanqu.matching import index
from yuanqu.matching.models import Resource


def make_resource(park, kind, title, *, owner=None, institution=None, description="", **extra):
    return Resource.objects.create(park=park, kind=kind, title=title, description=description,
                                   owner=owner, institution=institution, **extra)


@contextmanager
def engine():
    """The index holding exactly this test's resources (created with the ORM, so not yet indexed)."""
    index.rebuild_from_db()
    yield


def stock_park(p):
    """Resources around a persona park: the firm needs parts, the other firm makes them, the
    institution offers testing, the park has a policy."""
    from yuanqu.accounts.models import Institution

    p.institution = Institution.objects.get(park=p.park)
    p.parts = make_resource(p.park, "product", "铝合金压铸件加工", owner=p.other_firm,
                            description="承接铝合金压铸件、精密机加工订单")
    p.testing = make_resource(p.park, "service", "产品检测认证服务", institution=p.institution,
                              description="压铸件检测、材料检测认证")
    p.policy = make_resource(p.park, "policy", "技术改造补贴政策", description="设备更新技术改造补贴")
    p.own_product = make_resource(p.park, "product", "压铸件模具", owner=p.firm,
                                  description="铝合金压铸件模具")
    p.need = make_resource(p.park, "need", "急需铝合金压铸件供应商", owner=p.firm,
                           description="每月需要铝合金压铸件两千件")
    p.other_need = make_resource(p.park, "need", "采购压铸件模具", owner=p.other_firm,
                                 description="需要铝合金压铸件模具")
    return p
