"""Small helpers so a view can serve a full page or one partial of the same template."""

from django.shortcuts import render


def render_page(request, template, context, partial="content"):
    """Render `template`, or only its `partial` when htmx asked for it."""
    if getattr(request, "htmx", False) and not request.htmx.boosted:
        template = f"{template}#{partial}"
    return render(request, template, context)
