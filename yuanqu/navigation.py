"""The navigation menu: which entries a user is offered, from each app's permission predicates.

A project-level module (like urls.py) because the menu spans every app; templates read `menu.x`
booleans and never look at a user's role themselves.
"""

from django.utils.functional import SimpleLazyObject

from yuanqu.accounts.permissions import can_use_park_back_office, is_district, is_enterprise_user, is_office
from yuanqu.assessments.permissions import can_see_assessments
from yuanqu.demands.permissions import can_see_statistics, can_submit, can_triage
from yuanqu.enterprises.permissions import can_see_list
from yuanqu.land.permissions import can_see_land
from yuanqu.matching.permissions import (
    can_manage_thesaurus,
    can_see_introductions,
    can_see_match_report,
    can_see_resources,
    is_institution_manager,
    sees_servable_needs,
    sees_suggestion_panels,
)
from yuanqu.projects.permissions import can_see_projects


def entries(user) -> dict:
    """Menu entry → whether `user` is offered it."""
    return {
        "enterprises": can_see_list(user),
        "demands": is_office(user) or is_enterprise_user(user),
        "firm": is_enterprise_user(user),
        "submit": can_submit(user),
        "work_queue": is_office(user),
        "triage": can_triage(user),
        "statistics": can_see_statistics(user),
        "resources": can_see_resources(user),
        "my_services": is_institution_manager(user),
        "thesaurus": can_manage_thesaurus(user),
        "introductions": can_see_introductions(user),
        "match_report": can_see_match_report(user),
        "suggestions": sees_suggestion_panels(user),  # the matching panels on demand and firm pages
        "servable_needs": sees_servable_needs(user),
        "projects": can_see_projects(user),
        "land": can_see_land(user),
        "assessments": can_see_assessments(user),
        "park_back_office": can_use_park_back_office(user),
        "parks": is_district(user),  # lists show a park column to those who see several parks
    }


def menu(request):
    """Context processor: `menu` (lazy, so pages without the nav pay nothing)."""
    user = getattr(request, "user", None)
    return {"menu": SimpleLazyObject(lambda: entries(user) if user and user.is_authenticated else {})}
