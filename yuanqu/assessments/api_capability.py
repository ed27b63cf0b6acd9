"""Assessment API (api_capability)."""

from ninja import Router

router = Router(tags=["assessments"])
