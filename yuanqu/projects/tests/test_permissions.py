"""Who may do what with a key project, for every persona (and the district, and another park)."""

from django.test import TestCase

from yuanqu.core.testing.personas import make_park
from yuanqu.projects import permissions as perm

from .helpers_projects import district, make_project, project_park

VIEW, EDIT, TRACK, SCHEDULE, NOTE, PROBLEM, HISTORY = (
    perm.can_view_project, perm.can_edit_project, perm.can_track, perm.can_schedule_project,
    perm.can_add_note, perm.can_raise_problem, perm.can_see_history)


class PermissionTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.p = project_park("a")  # lead: staff; member: grid worker; investor: the firm
        cls.q = make_park("b", offset=10)
        cls.district = district()

    def allowed(self, user, project=None):
        project = project or self.p.project
        project.__dict__.pop("_member_ids", None)
        return {f.__name__ for f in (VIEW, EDIT, TRACK, SCHEDULE, NOTE, PROBLEM, HISTORY) if f(user, project)}

    def test_every_role_on_the_project(self):
        everything = {f.__name__ for f in (VIEW, EDIT, TRACK, SCHEDULE, NOTE, PROBLEM, HISTORY)}
        office_read = {"can_view_project", "can_see_history"}
        assert self.allowed(self.p.admin) == everything
        assert self.allowed(self.district) == everything
        assert self.allowed(self.p.staff) == everything - {"can_edit_project"}  # the lead
        assert self.allowed(self.p.grid_worker) == office_read | {"can_track", "can_add_note",
                                                                   "can_raise_problem"}  # a member
        assert self.allowed(self.p.other_grid_worker) == office_read
        assert self.allowed(self.p.firm_user) == {"can_view_project", "can_add_note"}
        assert self.allowed(self.p.institution_user) == set()
        for outsider in (self.q.admin, self.q.staff, self.q.firm_user):
            assert self.allowed(outsider) == set()

    def test_a_firm_sees_only_the_projects_it_invests_in(self):
        other = make_project(self.p, name="他人项目", investor=False)
        assert self.allowed(self.p.firm_user, other) == set()

    def test_page_level_predicates(self):
        assert perm.can_see_projects(self.p.grid_worker) and not perm.can_see_projects(self.p.firm_user)
        assert perm.can_list_projects(self.p.firm_user)
        assert not perm.can_list_projects(self.p.institution_user)
        assert perm.can_create_project(self.p.admin, self.p.park)
        assert not perm.can_create_project(self.p.admin, self.q.park)
        assert perm.can_create_project(self.district, self.q.park)
        assert not perm.can_create_project(self.p.staff, self.p.park)
        assert perm.can_import_projects(self.p.admin) and not perm.can_import_projects(self.district)
