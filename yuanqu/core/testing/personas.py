"""Named people and firms for tests: two parks, every role, built in one call.

Lives in core so every app's tests share it; it imports domain models lazily because core itself
depends on no domain app.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

PASSWORD = "pw-For-Tests-1"


@dataclass
class ParkPeople:
    park: object
    grid_a: object
    grid_b: object
    department: object
    admin: object
    staff: object
    grid_worker: object
    other_grid_worker: object
    firm_user: object
    institution_user: object
    firm: object
    other_firm: object


def credit_code(n: int, region="370215") -> str:
    from yuanqu.reference.creditcode import make_credit_code

    return make_credit_code("91", region, f"MA{n:06d}")


def make_user(username, role, park, **extra):
    from yuanqu.accounts.models import User

    user = User(username=username, full_name=username, role=role, park=park, **extra)
    user.set_password(PASSWORD)
    user.save()
    return user


def make_enterprise(park, *, n, grid=None, industry="3062", **extra):
    from yuanqu.enterprises.models import Enterprise

    worker = grid.workers.first() if grid else None
    return Enterprise.objects.create(
        park=park, name=extra.pop("name", f"青岛测试企业{n}有限公司"), credit_code=credit_code(n),
        industry_id=industry, grid=grid, grid_worker=worker, **extra)


def make_park(code: str, offset: int = 0) -> ParkPeople:
    """A park with two grids, a department, one user per role and two firms (one per grid)."""
    from yuanqu.accounts.models import Department, Grid, Institution, Park, Role
    from yuanqu.enterprises.models import EnterpriseMembership

    park = Park.objects.create(code=code, name=f"园区{code}")
    grid_a = Grid.objects.create(park=park, name="一网格")
    grid_b = Grid.objects.create(park=park, name="二网格")
    dept = Department.objects.create(park=park, name="经济发展部")
    inst = Institution.objects.create(park=park, name="科创服务", kind=Institution.Kind.TECH)
    people = {
        "admin": make_user(f"{code}-admin", Role.PARK_ADMIN, park),
        "staff": make_user(f"{code}-staff", Role.DEPT_STAFF, park, department=dept),
        "grid_worker": make_user(f"{code}-grid", Role.GRID_WORKER, park, grid=grid_a),
        "other_grid_worker": make_user(f"{code}-grid2", Role.GRID_WORKER, park, grid=grid_b),
        "firm_user": make_user(f"{code}-firm", Role.ENTERPRISE, park),
        "institution_user": make_user(f"{code}-inst", Role.INSTITUTION, park, institution=inst),
    }
    firm = make_enterprise(park, n=offset + 1, grid=grid_a, zone="孔雀河片区",
                           founded_on=date(2015, 6, 1), registered_capital=Decimal("1000"))
    other = make_enterprise(park, n=offset + 2, grid=grid_b, industry="1811", zone="马山片区")
    EnterpriseMembership.objects.create(user=people["firm_user"], enterprise=firm)
    return ParkPeople(park=park, grid_a=grid_a, grid_b=grid_b, department=dept, firm=firm,
                      other_firm=other, **people)


def make_district_admin(username="district"):
    from yuanqu.accounts.models import Role

    return make_user(username, Role.DISTRICT_ADMIN, None)
