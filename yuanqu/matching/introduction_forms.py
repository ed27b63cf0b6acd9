"""HTML input for introductions (撮合记录) and the 订单撮合 report."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from yuanqu.core.forms import BootstrapMixin
from yuanqu.core.tenancy import restrict_to_parks

from .models import Introduction, Kind, Resource
from .report import DEFAULT_THRESHOLD, GROUPINGS


class IntroductionForm(BootstrapMixin, forms.Form):
    """Introduce a firm to the owner of a resource (the service checks the pair)."""

    seeker = forms.ModelChoiceField(label=_("firm with the need"), queryset=None)
    resource = forms.ModelChoiceField(label=pgettext_lazy("match", "resource"), queryset=None)
    note = forms.CharField(label=_("note"), max_length=500, required=False)

    def __init__(self, *args, user, firms, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["seeker"].queryset = firms
        offered = Resource.objects.filter(is_active=True).exclude(kind=Kind.NEED).filter(
            Q(owner__isnull=False) | Q(institution__isnull=False))
        offered = restrict_to_parks(offered, user).select_related("owner", "institution")
        self.fields["resource"].queryset = offered
        self.fields["resource"].label_from_instance = _resource_label


def _resource_label(resource) -> str:
    owner = resource.owner or resource.institution
    return f"{resource.title}（{resource.get_kind_display()} · {owner}）"


class OutcomeForm(BootstrapMixin, forms.Form):
    """How an introduction went; the service checks amount and date for a signed order."""

    outcome = forms.ChoiceField(label=_("outcome"), choices=[
        c for c in Introduction.Outcome.choices if c[0] != Introduction.Outcome.PENDING])
    amount = forms.DecimalField(label=_("order amount (10k yuan)"), required=False, min_value=0,
                                max_digits=14, decimal_places=2)
    signed_on = forms.DateField(label=_("signed on"), required=False,
                                widget=forms.DateInput(attrs={"type": "date"}))
    note = forms.CharField(label=_("note"), max_length=500, required=False)


class IntroductionFilterForm(BootstrapMixin, forms.Form):
    """The list's filters: outcome and firm (either side of the introduction)."""

    outcome = forms.ChoiceField(label=_("outcome"), required=False,
                                choices=[("", _("All outcomes")), *Introduction.Outcome.choices])
    firm = forms.ModelChoiceField(label=_("enterprise"), queryset=None, required=False,
                                  empty_label=_("All enterprises"))

    def __init__(self, *args, firms, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["firm"].queryset = firms


class ReportForm(BootstrapMixin, forms.Form):
    """The report's threshold and grouping."""

    threshold = forms.FloatField(label=_("minimum score"), min_value=0, max_value=1,
                                 initial=DEFAULT_THRESHOLD,
                                 required=False, widget=forms.NumberInput(attrs={"step": "0.05"}))
    group = forms.ChoiceField(label=_("group by"), choices=GROUPINGS, required=False)

    def values(self) -> tuple[float, str]:
        data = self.cleaned_data if self.is_valid() else {}
        threshold = data.get("threshold")
        return (DEFAULT_THRESHOLD if threshold is None else threshold), (data.get("group") or "firm")
