"""Records for the dispatch tests, written with the ORM (the project services live on another branch).

`TODAY` is Monday 11 May 2026; 1–5 May are the Labour Day holidays and Saturday 9 May is worked (调休),
as in the bundled calendar.
"""

import itertools
from datetime import date
from decimal import Decimal

from yuanqu.accounts.models import Role
from yuanqu.core.testing.personas import make_park, make_user
from yuanqu.demands.models import Channel, Demand
from yuanqu.demands.workflow import Status
from yuanqu.projects.models import Milestone, MonthlyInvestment, Project, ProjectProblem

TODAY = date(2026, 5, 11)
NOW = "2026-05-11 10:00 +08:00"
_numbers = itertools.count(1)


def dispatch_park(code="a", offset=0):
    """Persona park plus a task-force lead named 张三."""
    p = make_park(code, offset)
    p.lead = make_user(f"{code}-lead", Role.DEPT_STAFF, p.park)
    p.lead.full_name = "张三"
    p.lead.save(update_fields=["full_name"])
    return p


def add_project(park, name, *, health="green", lead=None, total="10000", annual=None, stage="building",
                level="park", year=2026) -> Project:
    return Project.objects.create(
        park=park, name=name, year=year, level=level, investor_name="青岛某投资有限公司",
        total_investment=Decimal(total), annual_planned_investment=Decimal(annual) if annual else None,
        stage=stage, health=health, lead=lead)


def add_milestones(project, rows):
    """rows: (key, name, planned_finish[, actual_finish[, forecast_finish]])."""
    objs = []
    for order, (key, name, planned, *rest) in enumerate(rows, 1):
        actual = rest[0] if rest else None
        forecast = rest[1] if len(rest) > 1 else planned
        objs.append(Milestone(project=project, order=order, key=key, name=name, duration_days=5,
                              planned_finish=planned, forecast_finish=forecast, actual_finish=actual))
    return Milestone.objects.bulk_create(objs)


def add_invested(project, month: date, amount):
    return MonthlyInvestment.objects.create(project=project, month=month, amount=Decimal(amount))


def add_problem(project, title, *, enterprise, status=Status.ACCEPTED, department=None) -> ProjectProblem:
    n = next(_numbers)
    demand = Demand.objects.create(
        park=project.park, number=f"T{project.park.code}{n:06d}", enterprise=enterprise, title=title,
        text=f"{title}，影响项目推进，请协调解决。", channel=Channel.PORTAL, status=status,
        department=department)
    return ProjectProblem.objects.create(project=project, demand=demand)
