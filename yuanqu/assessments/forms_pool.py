"""HTML input for the cultivation pool: its filters, plans, actions, notes and recognitions."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from yuanqu.accounts.models import Grid, Park, User
from yuanqu.core.forms import BootstrapMixin

from .cultivation_queries import PoolFilters, default_year, officer_choices
from .models_cultivation import ActionStatus, Tier

MISSING_CHOICES = [("", _("With or without missing data")), ("yes", _("Only firms with missing data")),
                   ("no", _("Only firms with complete data"))]
DATE = {"widget": forms.DateInput(attrs={"type": "date"})}


def _years():
    last = default_year()
    return [(y, str(y)) for y in range(last, last - 5, -1)]


class PoolFilterForm(BootstrapMixin, forms.Form):
    """The pool's filters; the tier is chosen by the tabs (a hidden field keeps it)."""

    year = forms.TypedChoiceField(label=_("Year of the figures"), coerce=int, required=False, choices=_years)
    industry = forms.CharField(label=_("Industry (any level)"), max_length=4, required=False)
    grid = forms.ModelChoiceField(label=_("Grid"), queryset=Grid.objects.none(), required=False,
                                  empty_label=_("All grids"))
    missing = forms.ChoiceField(label=_("Missing data"), choices=MISSING_CHOICES, required=False)
    park = forms.ModelChoiceField(label=_("Park"), queryset=Park.objects.all(), required=False,
                                  empty_label=_("All parks"))
    tier = forms.ChoiceField(choices=Tier.choices, required=False, widget=forms.HiddenInput)
    version = forms.CharField(max_length=40, required=False, widget=forms.HiddenInput)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        grids = Grid.objects.all() if user.is_district else Grid.objects.filter(park_id=user.park_id)
        self.fields["grid"].queryset = grids.select_related("park").order_by("park_id", "name")
        if not user.is_district:
            del self.fields["park"]

    def clean_industry(self):
        code = self.cleaned_data["industry"].strip().upper()
        if code and not (code.isalpha() and len(code) == 1 or code.isdigit()):
            raise forms.ValidationError(_("Enter a section letter (C) or the first digits of a code (30)."))
        return code

    def filters(self) -> PoolFilters:
        """The chosen filters (the defaults where a value is missing or wrong)."""
        data = self.cleaned_data if self.is_valid() else {}
        missing = {"yes": True, "no": False}.get(data.get("missing") or "")
        grid, park = data.get("grid"), data.get("park")
        return PoolFilters(year=data.get("year") or default_year(), industry=data.get("industry") or "",
                           grid_id=grid.pk if grid else None, park_id=park.pk if park else None,
                           missing=missing, version=data.get("version") or "")

    def chosen_tier(self) -> str:
        data = self.cleaned_data if self.is_valid() else {}
        return data.get("tier") or Tier.SPECIALIZED_SME


def _officers(park_id):
    ids = [u.pk for u in officer_choices(park_id)]
    return User.objects.filter(pk__in=ids).order_by("full_name", "username")


def _officer_field():
    return forms.ModelChoiceField(label=_("service officer"), queryset=User.objects.none())


def _target_years():
    this = timezone.localdate().year
    return [(y, str(y)) for y in range(this, this + 4)]


class PlanForm(BootstrapMixin, forms.Form):
    """Open a plan (the firm and tier come from the pool row, or are chosen here)."""

    enterprise = forms.ModelChoiceField(label=_("enterprise"), queryset=None)
    tier = forms.ChoiceField(label=_("tier"), choices=Tier.choices)
    officer = _officer_field()
    target_year = forms.TypedChoiceField(label=_("target year"), coerce=int, choices=_target_years)
    goal = forms.CharField(label=_("cultivation goal"), max_length=2000, required=False,
                           widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, firms, park_id, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["enterprise"].queryset = firms
        self.fields["officer"].queryset = _officers(park_id)


class PlanEditForm(BootstrapMixin, forms.Form):
    """A plan's officer, target year and goal."""

    officer = _officer_field()
    target_year = forms.TypedChoiceField(label=_("target year"), coerce=int, choices=_target_years)
    goal = forms.CharField(label=_("cultivation goal"), max_length=2000, required=False,
                           widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["officer"].queryset = _officers(plan.park_id)
        years = dict(_target_years())
        years.setdefault(plan.target_year, str(plan.target_year))
        self.fields["target_year"].choices = sorted(years.items())


class ActionForm(BootstrapMixin, forms.Form):
    """A new step of a plan."""

    title = forms.CharField(label=_("measure"), max_length=200)
    due_on = forms.DateField(label=_("deadline"), **DATE)
    detail = forms.CharField(label=_("details"), max_length=2000, required=False,
                             widget=forms.Textarea(attrs={"rows": 2}))


class ActionStatusForm(forms.Form):
    """An action's new status (the buttons of the action list)."""

    status = forms.ChoiceField(choices=ActionStatus.choices)


class NoteForm(BootstrapMixin, forms.Form):
    text = forms.CharField(label=_("progress note"), max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 2}))


class CloseForm(BootstrapMixin, forms.Form):
    close_reason = forms.CharField(label=_("reason for closing"), max_length=200)


class RecognitionForm(BootstrapMixin, forms.Form):
    """An official recognition, as published (the firm and tier come from the plan or the pool)."""

    enterprise = forms.ModelChoiceField(label=_("enterprise"), queryset=None)
    tier = forms.ChoiceField(label=_("tier"), choices=Tier.choices)
    year = forms.IntegerField(label=_("recognition year"), min_value=2000, max_value=2100)
    recognised_on = forms.DateField(label=_("recognised on"), **DATE)
    document_number = forms.CharField(label=_("document number"), max_length=100, required=False,
                                      help_text=_("For example 鲁工信发〔2025〕3号; 规上 entries have none."))
    note = forms.CharField(label=_("note"), max_length=500, required=False)

    def __init__(self, *args, firms, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["enterprise"].queryset = firms
