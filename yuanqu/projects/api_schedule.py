"""`POST /api/v1/projects/schedule`: backward scheduling as a planning call that stores nothing."""

from ninja import Router

router = Router(tags=["projects"])
