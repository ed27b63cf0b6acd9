"""One FilterSet for the project list page, its Excel ledger and the list API."""

import django_filters as df
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from yuanqu.accounts.models import Park

from .models import Health, Level, Project, Stage


class ProjectFilter(df.FilterSet):
    q = df.CharFilter(method="filter_text", label=_("Search"))
    level = df.ChoiceFilter(choices=Level.choices, label=_("level"))
    stage = df.ChoiceFilter(choices=Stage.choices, label=_("stage"))
    health = df.ChoiceFilter(choices=Health.choices, label=_("Progress status"))
    year = df.NumberFilter(field_name="year", label=_("year listed"))
    industry = df.CharFilter(method="filter_industry", label=_("Industry (any level)"))
    park = df.ModelChoiceFilter(queryset=Park.objects.all(), label=_("Park"))

    class Meta:
        model = Project
        fields = ["q", "level", "stage", "health", "year", "industry", "park"]

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
        return form

    def filter_text(self, qs, name, value):
        value = value.strip()
        if not value:
            return qs
        return qs.filter(Q(name__icontains=value) | Q(investor_name__icontains=value)
                         | Q(investor__name__icontains=value))

    def filter_industry(self, qs, name, value):
        code = value.strip().upper()
        if not code:
            return qs
        if code.isalpha():
            return qs.filter(industry__section=code[:1])
        return qs.filter(industry__code__startswith=code)
