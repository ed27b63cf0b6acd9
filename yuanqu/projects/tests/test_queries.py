"""The read side: scoping per role, 404 for invisible and missing, 403 for read-only writes."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.test import TestCase

from yuanqu.core.testing.personas import make_park
from yuanqu.projects import queries

from .helpers_projects import district, make_project, project_park


class QueryTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.p = project_park("a")
        cls.foreign = make_project(cls.p, name="外地投资项目", investor=False)
        cls.q = make_park("b", offset=10)
        cls.other = make_project(cls.q, name="别园项目")
        cls.district = district()

    def names(self, user):
        return set(queries.visible_projects(user).values_list("name", flat=True))

    def test_scoping(self):
        assert self.names(self.p.staff) == {"新能源汽车零部件项目", "外地投资项目"}
        assert self.names(self.p.other_grid_worker) == {"新能源汽车零部件项目", "外地投资项目"}
        assert self.names(self.p.firm_user) == {"新能源汽车零部件项目"}
        assert self.names(self.q.firm_user) == {"别园项目"}
        assert self.names(self.p.institution_user) == set()
        assert len(self.names(self.district)) == 3

    def test_get_for_user(self):
        pk = self.p.project.pk
        assert queries.get_project_for_user(self.p.firm_user, pk).pk == pk
        with pytest.raises(PermissionDenied):
            queries.get_project_for_user(self.p.firm_user, pk, write=True)
        with pytest.raises(PermissionDenied):
            queries.get_project_for_user(self.p.staff, pk, write=True)
        assert queries.get_project_for_user(self.p.admin, pk, write=True).pk == pk
        for user, key in [(self.q.admin, pk), (self.p.firm_user, self.foreign.pk), (self.p.admin, 999999),
                          (self.p.admin, "abc")]:
            with pytest.raises(Http404):
                queries.get_project_for_user(user, key)

    def test_list_page_counts_milestones_in_one_query(self):
        with self.assertNumQueries(1):
            rows = list(queries.list_for_page(self.p.staff))
        assert {r.milestones_total for r in rows} == {0}

    def test_task_force_candidates_are_the_parks_office(self):
        people = set(queries.task_force_candidates(self.p.park))
        assert people == {self.p.admin, self.p.staff, self.p.grid_worker, self.p.other_grid_worker}
