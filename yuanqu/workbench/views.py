"""The workbench page: every role's home."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from .presenters import home_context


@login_required
def home(request):
    """What waits for the user, their park's (or parks') figures and their recent records."""
    return render(request, "workbench/home.html", home_context(request.user))
