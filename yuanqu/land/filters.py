"""One FilterSet for the plot list page, its Excel export and the plot list API."""

import django_filters as df
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from yuanqu.accounts.models import Park

from .models import LandUse, PlotStatus

FLAG_CHOICES = [("1", _("Flagged as low efficiency")), ("0", _("Not flagged"))]


class PlotFilter(df.FilterSet):
    q = df.CharFilter(method="filter_text", label=_("Search"))
    status = df.ChoiceFilter(choices=PlotStatus.choices, label=_("status"))
    use = df.ChoiceFilter(choices=LandUse.choices, label=_("land use"))
    flagged = df.ChoiceFilter(choices=FLAG_CHOICES, method="filter_flagged", label=_("Low-efficiency flag"))
    park = df.ModelChoiceFilter(queryset=Park.objects.all(), label=_("park"))

    def __init__(self, data=None, queryset=None, *, request=None, **kwargs):
        super().__init__(data, queryset, request=request, **kwargs)
        user = getattr(request, "user", None)
        if user is None or not user.is_district:
            self.filters.pop("park")

    @property
    def form(self):
        form = super().form
        for field in form.fields.values():
            css = "form-select" if hasattr(field, "choices") else "form-control"
            field.widget.attrs.setdefault("class", css)
            if getattr(field, "empty_label", None) == "---------":
                field.empty_label = _("All")
        return form

    def filter_text(self, qs, name, value):
        value = value.strip()
        if not value:
            return qs
        return qs.filter(Q(code__icontains=value) | Q(name__icontains=value)
                         | Q(occupant__name__icontains=value) | Q(owner_name__icontains=value))

    def filter_flagged(self, qs, name, value):
        return qs.filter(flagged_low_efficiency=value == "1")
