import pytest

from yuanqu.reference.models import IndustryCode, Region

pytestmark = pytest.mark.django_db


def test_all_four_levels_are_loaded():
    counts = {lvl: IndustryCode.objects.filter(level=lvl).count() for lvl in (1, 2, 3, 4)}
    assert counts == {1: 20, 2: 97, 3: 473, 4: 1381}


def test_every_code_knows_its_section_and_parent():
    glass = IndustryCode.objects.get(code="3062")
    assert glass.section == "C"
    assert glass.parent_id == "306"
    assert glass.parent.parent.parent_id == "C"
    assert not IndustryCode.objects.filter(level__gt=1, parent__isnull=True).exists()


def test_qingdao_districts_are_loaded():
    assert Region.objects.get(code="370215").name == "即墨区"
    assert Region.objects.filter(parent_id="370200").count() == 10
