"""Deterministic demo park modelled on 青岛科技创新园's 2021 annual report."""

import json
import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from django.db import transaction

from yuanqu.accounts.models import Department, Grid, Institution, Park, Role, User
from yuanqu.enterprises.models import (
    AnnualIndicator,
    Contact,
    Enterprise,
    EnterpriseMembership,
    Need,
    Offering,
    Qualification,
)
from yuanqu.enterprises.services import size_class_for
from yuanqu.reference.creditcode import make_credit_code

DATA = Path(__file__).resolve().parent / "data"
PARK = {"code": "qdkjcxy", "name": "青岛科技创新园", "region_code": "370215"}
DEMO_PASSWORD = "yuanqu-demo-2026"
DEPARTMENTS = ["综合办公室", "经济发展部", "招商服务部", "规划建设部", "安全生产监督部", "社会事务部"]
GRIDS = [("一网格", "孔雀河路以北、恒山路沿线企业"), ("二网格", "马山东路沿线及创新园核心区企业")]
YEARS = [2023, 2024, 2025]

# (username, full name, role, extra) — one login per role, printed by `make run`.
LOGINS = [
    ("district", "区级管理员", Role.DISTRICT_ADMIN, {}),
    ("admin", "园区管理员", Role.PARK_ADMIN, {}),
    ("staff", "经发部 李娜", Role.DEPT_STAFF, {"department": "经济发展部"}),
    ("grid1", "网格员 王强", Role.GRID_WORKER, {"grid": "一网格"}),
    ("grid2", "网格员 赵敏", Role.GRID_WORKER, {"grid": "二网格"}),
    ("firm", "恒荣新材料 张经理", Role.ENTERPRISE, {}),
    ("institution", "科创知识产权 刘顾问", Role.INSTITUTION, {}),
]
INSTITUTIONS = [("青岛科创知识产权服务有限公司", Institution.Kind.TECH),
                ("即墨区科技金融服务中心", Institution.Kind.FINANCE),
                ("山东衡信律师事务所青岛分所", Institution.Kind.LEGAL),
                ("青岛英才人力资源服务有限公司", Institution.Kind.HR)]


def firms():
    return json.loads((DATA / "firms.json").read_text(encoding="utf-8"))


@dataclass(frozen=True)
class ParkSpec:
    """One demo park: its org chart, logins, firms and how many demands it files."""

    park: dict
    grids: list
    logins: list
    institutions: list
    firms: object  # () -> list of firm dicts (data/firms.json's shape)
    people: dict = field(default_factory=lambda: {"admin": "admin", "staff": "staff", "firm_user": "firm"})
    credit_prefix: str = "MA3C"
    demands: dict = field(default_factory=dict)  # keyword arguments of demands.build_demands


MAIN = ParkSpec(park=PARK, grids=GRIDS, logins=LOGINS, institutions=INSTITUTIONS, firms=firms)


def build_org(spec=MAIN):
    park, _created = Park.objects.update_or_create(code=spec.park["code"], defaults=spec.park)
    depts = {n: Department.objects.get_or_create(park=park, name=n)[0] for n in DEPARTMENTS}
    grids = {n: Grid.objects.update_or_create(park=park, name=n, defaults={"description": d})[0]
             for n, d in spec.grids}
    insts = [Institution.objects.get_or_create(park=park, name=n, kind=k)[0] for n, k in spec.institutions]
    users = {u: _user(u, name, role, park, depts, grids, insts[0], extra)
             for u, name, role, extra in spec.logins}
    people = {key: users[username] for key, username in spec.people.items()}
    Department.objects.filter(pk=depts["经济发展部"].pk).update(head=people["staff"])
    Department.objects.filter(pk=depts["综合办公室"].pk).update(is_office=True, head=people["admin"])
    return park, grids, people


def _user(username, full_name, role, park, depts, grids, inst, extra):
    user = User.objects.filter(username=username).first() or User(username=username)
    user.full_name, user.role = full_name, role
    user.park = None if role == Role.DISTRICT_ADMIN else park
    user.department = depts.get(extra.get("department"))
    user.grid = grids.get(extra.get("grid"))
    user.institution = inst if role == Role.INSTITUTION else None
    user.is_staff = user.is_superuser = role == Role.DISTRICT_ADMIN
    user.set_password(DEMO_PASSWORD)
    user.save()
    return user


def _money(value) -> Decimal:
    return Decimal(str(round(value, 2)))


def indicator_rows(firm, index):
    """Three years of indicators derived from the firm's 2025 figures and growth rate."""
    rng = random.Random(index)
    out = []
    for year in YEARS:
        scale = (1 + firm["growth"]) ** (year - 2025)
        revenue = firm["revenue"] * scale
        assets = revenue * rng.uniform(0.9, 1.6)
        out.append(AnnualIndicator(
            year=year, revenue=_money(revenue),
            main_business_revenue=_money(revenue * firm["main_business_share"]),
            total_profit=_money(revenue * firm["profit_margin"]),
            tax_paid=_money(max(revenue * rng.uniform(0.02, 0.06), 0)),
            rd_expense=_money(revenue * firm["rd_ratio"]),
            employees=max(1, round(firm["employees"] * scale ** 0.5)),
            rd_staff=max(0, round(firm["employees"] * scale ** 0.5 * min(0.5, firm["rd_ratio"] * 3))),
            total_assets=_money(assets), total_liabilities=_money(assets * firm["debt_ratio"]),
            export_value=_money(revenue * firm["export_share"]),
            fixed_asset_investment=_money(revenue * rng.uniform(0.01, 0.1)),
            invention_patents=firm["invention_patents"], class1_ip=firm["invention_patents"],
            class2_ip=firm["class2_ip"], land_area_mu=_money(firm["land_area_mu"]),
            energy_consumption_tce=_money(revenue * (0.04 if firm["above_scale"] else 0.005)),
            equity_financing=_money(0),
        ))
    return out


def build_enterprise(park, grids, firm, index, prefix="MA3C"):
    code = make_credit_code("91", park.region_code, f"{prefix}{index:04d}")
    grid = grids[firm["grid"]]
    ent = Enterprise.objects.create(
        park=park, name=firm["name"], credit_code=code, legal_rep=firm["legal_rep"],
        founded_on=date.fromisoformat(firm["founded"]),
        registered_capital=_money(firm["registered_capital"]), address=firm["address"],
        zone=firm["zone"], grid=grid, grid_worker=grid.workers.order_by("id").first(),
        industry_id=firm["industry_code"], status=firm["status"])
    rows = indicator_rows(firm, index)
    for row in rows:
        row.enterprise = ent
    AnnualIndicator.objects.bulk_create(rows)
    ent.size_class = size_class_for(ent, rows[-1])
    ent.save(update_fields=["size_class"])
    _children(ent, firm, index)
    return ent


def _children(ent, firm, index):
    granted = date(2024, 1, 1) + timedelta(days=(index * 37) % 600)
    Qualification.objects.bulk_create([
        Qualification(enterprise=ent, kind=k, granted_on=granted,
                      expires_on=None if k == "above_scale" else granted + timedelta(days=3 * 365))
        for k in firm["qualifications"]])
    Offering.objects.bulk_create([
        Offering(enterprise=ent, name=p["name"], description=p["description"], tags=p["tags"])
        for p in firm["products"]])
    Need.objects.bulk_create([
        Need(enterprise=ent, kind=n["kind"], description=n["description"], tags=n["tags"])
        for n in firm["needs"]])
    Contact.objects.bulk_create([Contact(enterprise=ent, **c) for c in firm["contacts"]])


def _clear(codes):
    """Drop the demo parks' demands and firms (numbering restarts when no demand is left)."""
    from yuanqu.demands.models import Demand, DemandCounter

    from .land_projects import clear as clear_land_projects

    clear_land_projects(codes)  # projects and plots point at the firms
    Demand.objects.filter(park__code__in=codes).delete()
    Enterprise.objects.filter(park__code__in=codes).delete()
    if not Demand.objects.exists():  # so a reset demo is identical
        DemandCounter.objects.all().delete()


def build_park(spec):
    """Create what is missing of one demo park; returns (park, people by persona key)."""
    from .demands import build_demands
    from .land_projects import build_land_projects
    from .resources import build_resources

    park, grids, people = build_org(spec)
    if not Enterprise.objects.filter(park=park).exists():
        ents = [build_enterprise(park, grids, f, i, spec.credit_prefix)
                for i, f in enumerate(spec.firms(), start=1)]
        EnterpriseMembership.objects.update_or_create(user=people["firm_user"],
                                                      defaults={"enterprise": ents[0]})
    build_demands(park, people, **spec.demands)
    build_resources(park)
    build_land_projects(park)
    return park, people


def specs():
    from .park2 import PARK2

    return [MAIN, PARK2]


@transaction.atomic
def build_demo_park(reset=False):
    """Create (or with reset, recreate) the demo parks; returns [(park, people)], the main park first."""
    if reset:
        _clear([spec.park["code"] for spec in specs()])
    return [build_park(spec) for spec in specs()]
