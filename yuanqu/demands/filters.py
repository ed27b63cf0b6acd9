"""One FilterSet for demands: the list page and its export, the API, the statistics pages and Open311.

Choices are scoped to what the user may see; pass `user` when it is not `request.user` (Open311
authenticates by api_key, not by session).
"""

from datetime import datetime, time

import django_filters as df
from django import forms
from django.db.models import Q
from django.http import QueryDict
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext_lazy as _

from yuanqu.accounts.models import Department, Grid, Park
from yuanqu.accounts.permissions import is_district
from yuanqu.enterprises.models import Enterprise
from yuanqu.enterprises.queries import visible_enterprises

from .models import Category, Channel, Demand, Urgency
from .workflow import OPEN, Status

STATES = [("open", _("Open")), ("handling", _("Accepted, being handled")),
          ("closed", _("Resolved or closed"))]
OVERDUE = [("true", _("Overdue only")), ("false", _("Not overdue")), ("soon", _("Due soon"))]
HANDLING = sorted({Status.ACCEPTED, Status.IN_PROGRESS})


# Year 1 or 9999 overflows when shifted to UTC or by the 90-day default window (Open311).
MIN_YEAR, MAX_YEAR = 1900, 9998


def parse_moment(value: str, *, end=False) -> datetime | None:
    """An ISO 8601 date or datetime, time-zone aware; a bare date means its start (its end if `end`)."""
    try:  # the date first: parse_datetime reads a bare date as its midnight
        day = parse_date(value)
        moment = None if day else parse_datetime(value)
    except ValueError:
        return None
    if day is not None:
        moment = datetime.combine(day, time.max if end else time.min)
    if moment is None or not MIN_YEAR <= moment.year <= MAX_YEAR:
        return None
    return moment if timezone.is_aware(moment) else timezone.make_aware(moment)


class MomentField(forms.CharField):
    """A date (YYYY-MM-DD) or an ISO 8601 date and time."""

    def __init__(self, *, end=False, **kwargs):
        self.end = end
        kwargs.setdefault("widget", forms.DateInput(attrs={"type": "date"}))
        super().__init__(**kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return None
        moment = parse_moment(value, end=self.end)
        if moment is None:
            raise forms.ValidationError(_("Enter a date (YYYY-MM-DD) or an ISO 8601 date and time."),
                                        code="invalid")
        return moment


class MomentFilter(df.Filter):
    field_class = MomentField


class CodesSelect(forms.Select):
    """A single select on the page that also accepts several values (?category=a&category=b)."""

    def value_from_datadict(self, data, files, name):
        values = data.getlist(name) if hasattr(data, "getlist") else data.get(name)
        values = values if isinstance(values, list | tuple) else [values]
        return [v for v in values if v]


class CodesField(df.fields.MultipleChoiceField):
    """Several codes; on the page a single select whose empty option means "all"."""

    def __init__(self, *args, empty_label=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.empty_label = empty_label


class CodesFilter(df.MultipleChoiceFilter):
    field_class = CodesField


class YearFilter(df.Filter):
    """Any year; the page offers the years that have demands."""

    field_class = forms.IntegerField


class DemandFilterForm(forms.Form):
    def clean(self):
        data = super().clean()
        start, end = data.get("created_from"), data.get("created_to")
        if start and end and start > end:
            raise forms.ValidationError(_("The start date must not be after the end date."), code="range")
        return data


class DemandFilter(df.FilterSet):
    q = df.CharFilter(method="filter_text", label=_("Search"))
    status = df.ChoiceFilter(choices=Status.choices, label=_("Handling status"),
                             empty_label=_("All statuses"))
    state = df.ChoiceFilter(choices=STATES, method="filter_state", label=_("Open or closed"),
                            empty_label=_("Open and closed"))
    category = CodesFilter(field_name="category__code", label=_("Category"), widget=CodesSelect,
                           empty_label=_("All categories"), distinct=False)
    department = df.ModelChoiceFilter(queryset=Department.objects.none(), label=_("Lead department"),
                                      empty_label=_("All departments"))
    grid = df.ModelChoiceFilter(field_name="enterprise__grid", queryset=Grid.objects.none(),
                                label=_("Grid"), empty_label=_("All grids"))
    enterprise = df.ModelChoiceFilter(queryset=Enterprise.objects.none(), label=_("Enterprise"),
                                      empty_label=_("All enterprises"))
    urgency = df.ChoiceFilter(choices=Urgency.choices, label=_("Urgency"), empty_label=_("Any urgency"))
    channel = df.ChoiceFilter(choices=Channel.choices, label=_("Channel"), empty_label=_("All channels"))
    year = YearFilter(field_name="created_at", lookup_expr="year", label=_("Year"), min_value=1,
                      max_value=9999)
    created_from = MomentFilter(field_name="created_at", lookup_expr="gte", label=_("Submitted from"))
    created_to = MomentFilter(field_name="created_at", lookup_expr="lte", label=_("Submitted until"),
                              end=True)
    overdue = df.ChoiceFilter(choices=OVERDUE, method="filter_overdue", label=_("Overdue"),
                              empty_label=_("Overdue or not"))
    park = df.ModelChoiceFilter(queryset=Park.objects.all(), label=_("Park"), empty_label=_("All parks"))

    class Meta:
        model = Demand
        form = DemandFilterForm
        fields = []

    def __init__(self, data=None, queryset=None, *, request=None, user=None, **kwargs):
        super().__init__(data, queryset, request=request, **kwargs)
        self.user = user or request.user
        self._scope_choices()

    def _scope_choices(self):
        """Choices the user may see; the park filter only for the district."""
        user, filters = self.user, self.filters
        in_scope = {} if is_district(user) else {"park_id": user.park_id}
        filters["category"].extra["choices"] = lambda: self._memo("category", category_choices, in_scope)
        filters["department"].queryset = Department.objects.filter(**in_scope).order_by("name")
        filters["grid"].queryset = Grid.objects.filter(**in_scope).order_by("name")
        filters["enterprise"].queryset = visible_enterprises(user).order_by("name")
        filters["year"].extra["widget"] = forms.Select(
            choices=lambda: self._memo("year", year_choices, self.queryset))
        if not is_district(user):
            filters.pop("park")

    def _memo(self, key, compute, *args):
        """Choices read once per request (a select reads them to render and again to validate)."""
        memo = self.__dict__.setdefault("_choices", {})
        if key not in memo:
            memo[key] = compute(*args)
        return memo[key]

    @property
    def form(self):
        form = super().form
        for field in form.fields.values():
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs.setdefault("class", css)
        return form

    def cleaned_query(self) -> str:
        """The valid, non-empty filters as a query string (for links that keep the filters)."""
        form, query = self.form, QueryDict(mutable=True)
        form.is_valid()
        for name, value in form.cleaned_data.items():
            if value not in (None, "", [], ()):
                raw = form.data.getlist(name) if hasattr(form.data, "getlist") else form.data.get(name)
                query.setlist(name, [v for v in (raw if isinstance(raw, list) else [raw]) if v])
        return query.urlencode()

    def filter_text(self, qs, name, value):
        value = value.strip()
        if not value:
            return qs
        return qs.filter(Q(number__iexact=value) | Q(title__icontains=value) | Q(text__icontains=value))

    def filter_state(self, qs, name, value):
        if value == "handling":
            return qs.filter(status__in=HANDLING)
        return qs.filter(status__in=sorted(OPEN)) if value == "open" else qs.exclude(status__in=sorted(OPEN))

    def filter_overdue(self, qs, name, value):
        now = timezone.now()
        if value == "soon":  # inside the warning window (stored warn_at), not yet overdue
            return qs.filter(status__in=sorted(OPEN), warn_at__lte=now, deadline_at__gte=now)
        overdue = Q(status__in=sorted(OPEN), deadline_at__lt=now)
        return qs.filter(overdue) if value == "true" else qs.exclude(overdue)


def category_choices(in_scope) -> list[tuple[str, str]]:
    """(code, name) of the categories in scope; a code shared by several parks is listed once."""
    rows = Category.objects.filter(**in_scope).order_by("order", "id").values_list("code", "name")
    return list(dict(rows).items())


def year_choices(queryset) -> list[tuple[str, str]]:
    years = queryset.dates("created_at", "year", order="DESC")
    return [("", _("All years")), *((str(d.year), str(d.year)) for d in years)]
