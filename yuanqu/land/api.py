"""API for plots, disposal plans and land needs."""

from ninja import Router

router = Router(tags=["land"])
