"""One FilterSet for the firm list page, its Excel export and the list API."""

import django_filters as df
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from yuanqu.accounts.models import Grid, Park

from .models import SIZE_CHOICES, Enterprise, Qualification, QualificationKind, Status


def _grids(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return Grid.objects.none()
    return Grid.objects.all() if user.is_district else Grid.objects.filter(park_id=user.park_id)


class EnterpriseFilter(df.FilterSet):
    q = df.CharFilter(method="filter_text", label=_("Search"))
    industry = df.CharFilter(method="filter_industry", label=_("Industry (any level)"))
    zone = df.ChoiceFilter(field_name="zone", label=_("Park zone"))
    grid = df.ModelChoiceFilter(queryset=_grids, label=_("Grid"))
    size_class = df.ChoiceFilter(choices=SIZE_CHOICES, label=_("Size class"))
    qualification = df.ChoiceFilter(choices=QualificationKind.choices, method="filter_qualification",
                                    label=_("Qualification"))
    status = df.ChoiceFilter(choices=Status.choices, label=_("Status"))
    park = df.ModelChoiceFilter(queryset=Park.objects.all(), label=_("Park"))

    class Meta:
        model = Enterprise
        fields = ["q", "industry", "zone", "grid", "size_class", "qualification", "status", "park"]

    def __init__(self, data=None, queryset=None, *, request=None, **kwargs):
        super().__init__(data, queryset, request=request, **kwargs)
        user = getattr(request, "user", None)
        if user is None or not user.is_district:
            self.filters.pop("park")
        zones = self.queryset.exclude(zone="").order_by("zone").values_list("zone", flat=True)
        self.filters["zone"].extra["choices"] = [(z, z) for z in zones.distinct()]

    @property
    def form(self):
        form = super().form
        for field in form.fields.values():
            css = "form-select" if hasattr(field, "choices") else "form-control"
            field.widget.attrs.setdefault("class", css)
        return form

    def filter_text(self, qs, name, value):
        value = value.strip()
        return qs.filter(Q(name__icontains=value) | Q(credit_code__iexact=value)) if value else qs

    def filter_industry(self, qs, name, value):
        code = value.strip().upper()
        if not code:
            return qs
        if code.isalpha():
            return qs.filter(industry__section=code[:1])
        return qs.filter(industry__code__startswith=code)

    def filter_qualification(self, qs, name, value):
        today = timezone.localdate()
        current = Qualification.objects.filter(
            Q(expires_on__isnull=True) | Q(expires_on__gte=today),
            enterprise=OuterRef("pk"), kind=value, granted_on__lte=today)
        return qs.filter(Exists(current))
