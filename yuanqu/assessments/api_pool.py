"""Assessment API (api_pool)."""

from ninja import Router

router = Router(tags=["assessments"])
