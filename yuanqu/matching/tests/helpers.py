"""Resources for tests, written straight to the table (the services have their own tests)."""

from yuanqu.matching.engine import Hit
from yuanqu.matching.models import Kind, Resource


def add(park, kind=Kind.SERVICE, title="检测认证服务", **kw):
    return Resource.objects.create(park=park, kind=kind, title=title, **kw)


class FakeSearch:
    """Stands in for index.search: answers every query with `ids` in order, and keeps the queries."""

    def __init__(self, ids=()):
        self.ids, self.queries, self.kwargs = list(ids), [], []

    def __call__(self, query, **kwargs):
        self.queries.append(query)
        self.kwargs.append(kwargs)
        return [Hit(id=pk, score=1.0 - n / 100, reasons=("命中“检测”",)) for n, pk in enumerate(self.ids)]
