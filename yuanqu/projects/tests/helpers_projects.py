"""Fixtures of the project tests: a persona park with a key project and a small template.

The template's dates are hand-computed in test_services.py (March 2026 has no holiday):
A (2 days) → B (3 days) and C (1 day) in parallel → D (0 days, an event after both).
"""

import io
from datetime import date
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from yuanqu.core.testing.personas import make_district_admin, make_park
from yuanqu.projects.models import MilestoneTemplate, Project, TemplateStep

TODAY = date(2026, 3, 2)  # a Monday
TARGET = date(2026, 3, 20)  # a Friday
SMALL = [("a", "签约", 2, []), ("b", "土地摘牌", 3, ["a"]), ("c", "公司注册", 1, ["a"]),
         ("d", "开工", 0, ["b", "c"])]


def small_template(park=None, name="小模板"):
    template = MilestoneTemplate.objects.create(park=park, name=name)
    TemplateStep.objects.bulk_create([TemplateStep(template=template, order=i, key=k, name=n, duration_days=d,
                                                   after=a) for i, (k, n, d, a) in enumerate(SMALL)])
    return template


def make_project(p, *, name="新能源汽车零部件项目", investor=True, **extra):
    """A project of persona park `p` led by its staff member, the grid worker on the task force."""
    project = Project.objects.create(
        park=p.park, name=name, year=2026, level="district", investor=p.firm if investor else None,
        investor_name="" if investor else "某外地投资方", total_investment=Decimal("32000"),
        annual_planned_investment=Decimal("8000"), floor_area_m2=Decimal("42000"), industry_id="3062",
        lead=p.staff, **extra)
    project.members.add(p.grid_worker)
    return project


def project_park(code="a", offset=0):
    """Persona park + a district admin + a project and the small template."""
    p = make_park(code, offset)
    p.project = make_project(p)
    p.template = small_template()
    return p


def district():
    return make_district_admin()


def png(name="site.png", size=(8, 8)) -> SimpleUploadedFile:
    buf = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buf, format="PNG")
    return SimpleUploadedFile(name, buf.getvalue(), content_type="image/png")


def fake_image(name="site.jpg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"MZ\x90\x00 not a picture at all", content_type="image/jpeg")
