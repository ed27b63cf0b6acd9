"""API for key projects, milestones and progress notes."""

from ninja import Router

router = Router(tags=["projects"])
