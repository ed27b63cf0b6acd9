"""Notification pages: thin views over queries and services."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from yuanqu.core.htmx import render_page

from . import queries, services

TEMPLATE = "notifications/notification_list.html"
PAGE_SIZE = 100


@login_required
def notification_list(request):
    items = queries.list_for_user(request.user)[:PAGE_SIZE]
    return render_page(request, TEMPLATE, {"items": items}, partial="items")


@login_required
@require_POST
def mark_read(request, pk):
    services.mark_read(queries.get_notification_for_user(request.user, pk), actor=request.user)
    return _after_post(request)


@login_required
@require_POST
def mark_all_read(request):
    services.mark_all_read(request.user)
    return _after_post(request)


def _after_post(request):
    """htmx swaps in the refreshed list (and nav badge); a plain form post redirects back."""
    if request.htmx:
        return notification_list(request)
    return redirect("notifications:list")
