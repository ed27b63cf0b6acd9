"""Fixtures for the panels' tests: resources of a persona park and a searcher that stands in for the
engine's index (bigram overlap over the database), so the tests do not depend on an index on disk."""

from contextlib import contextmanager
from unittest import mock

from yuanqu.matching.engine import Hit
from yuanqu.matching.models import Resource


def make_resource(park, kind, title, *, owner=None, institution=None, description="", **extra):
    return Resource.objects.create(park=park, kind=kind, title=title, description=description,
                                   owner=owner, institution=institution, **extra)


def _bigrams(text):
    chars = [c for c in text.lower() if c.isalnum()]
    return {a + b for a, b in zip(chars, chars[1:], strict=False)}


def fake_search(query, **_kwargs):
    """Hits as the engine gives them: park, kinds and the asking firm respected, best first."""
    rows = Resource.objects.filter(is_active=True).exclude(owner_id=query.exclude_owner or -1)
    rows = rows.filter(park_id=query.park_id) if query.park_id else rows
    rows = rows.filter(kind__in=query.kinds) if query.kinds else rows
    asked, hits = _bigrams(query.text), []
    for r in rows:
        common = asked & _bigrams(f"{r.title} {r.description}")
        if common:
            score = min(1.0, len(common) / max(1, len(asked)) + 0.2)
            reason = f"共同的词：{'、'.join(sorted(common))}"
            hits.append(Hit(id=r.pk, score=round(score, 3), reasons=(reason,),
                            features={"bm25": score, "kind_fit": 1.0}))
    return sorted(hits, key=lambda h: (-h.score, h.id))[:query.limit]


@contextmanager
def engine():
    with mock.patch("yuanqu.matching.index.search", side_effect=fake_search):
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
