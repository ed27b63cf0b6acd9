"""API for weekly dispatch meetings, their agenda and actions."""

from ninja import Router

router = Router(tags=["dispatch"])
