"""Demo resources of each park (data/resources.json): institutions' services, policies and
technologies (科技成果).

Keyed by (park, kind, external_id), so seeding again updates them instead of adding copies. Firms'
products, capabilities and needs come from the registry (sync_registry_resources mirrors them).
"""

import json
from pathlib import Path

from yuanqu.accounts.models import Institution
from yuanqu.matching.models import Kind, Resource

DATA = Path(__file__).resolve().parent / "data" / "resources.json"


def _data() -> dict:
    return json.loads(DATA.read_text(encoding="utf-8"))


def _institution_for(insts, kind):
    """The park's institution of that kind (testing and IP fall to the tech one), else its first."""
    return next((i for i in insts if i.kind == kind), insts[0] if insts else None)


def _put(park, kind, row, institution=None):
    Resource.objects.update_or_create(park=park, kind=kind, external_id=row["id"], defaults={
        "title": row["title"], "description": row["description"], "tags": row["tags"],
        "institution": institution, "is_active": True})


def build_resources(park) -> int:
    """Create or refresh the park's demo services, policies and technologies; returns how many."""
    data = _data()
    insts = list(Institution.objects.filter(park=park).order_by("id"))
    for row in data["services"]:
        _put(park, Kind.SERVICE, row, _institution_for(insts, row["institution_kind"]))
    for row in data["policies"]:
        _put(park, Kind.POLICY, row)
    for row in data["technologies"]:
        _put(park, Kind.TECHNOLOGY, row)
    return sum(len(rows) for rows in data.values())
