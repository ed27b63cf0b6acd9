"""Pages of the tier part: a firm's tier results for a year, and the facts form."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from yuanqu.enterprises.queries import get_enterprise_for_user

from . import services
from .forms_tiers import FactsForm
from .permissions import can_edit_facts
from .queries import check_year, get_facts, tier_results


def _year(request, years: list[int]) -> int:
    """The ?year= asked for, else the newest year with indicators, else last year."""
    raw = request.GET.get("year")
    try:
        return check_year(int(raw)) if raw else (years[0] if years else timezone.localdate().year - 1)
    except (ValueError, ValidationError):
        raise Http404 from None


@login_required
def tier_results_page(request, pk):
    ent = get_enterprise_for_user(request.user, pk)
    years = list(ent.indicators.order_by("-year").values_list("year", flat=True))
    year = _year(request, years)
    return render(request, "assessments/tier_results.html", {
        "ent": ent, "year": year, "years": years or [year], "tier_results": tier_results(ent, year),
        "can_edit_facts": can_edit_facts(request.user, ent),
    })


@login_required
def facts_edit(request, pk, year):
    ent = get_enterprise_for_user(request.user, pk, write=True)
    try:
        check_year(year)
    except ValidationError:
        raise Http404 from None
    form = FactsForm(request.POST or None, instance=get_facts(ent, year), enterprise=ent, year=year)
    if request.method == "POST" and form.is_valid():
        services.record_facts(ent, year, form.cleaned_data, actor=request.user)
        messages.success(request, _("Facts saved."))
        return redirect(f"{reverse('assessments:tier_results', args=[ent.pk])}?year={year}")
    return render(request, "assessments/facts_form.html", {"form": form, "ent": ent, "year": year})
