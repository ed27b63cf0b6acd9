"""Forms of the capability pages: indicator, weights of one level, AHP comparisons, entropy, settings,
and the ranking filters."""

from fractions import Fraction

from django import forms
from django.utils.translation import gettext_lazy as _

from yuanqu.core.forms import BootstrapMixin

from .capability.per_mu import LABELS as PER_MU_LABELS
from .capability.spec import GRADES, PER_MU_METRICS
from .models_capability import CapabilityIndicator, Normalisation

SAATY_CHOICES = [(f"{k}", f"{k}") for k in range(9, 1, -1)] + [("1", "1")] + [
    (f"1/{k}", f"1/{k}") for k in range(2, 10)]
WEIGHT = {"min_value": 0, "max_value": 1, "max_digits": 6, "decimal_places": 4}


def _style(form):
    """Bootstrap classes for fields added after BootstrapMixin ran."""
    for field in form.fields.values():
        css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
        field.widget.attrs.setdefault("class", css)


class IndicatorForm(BootstrapMixin, forms.ModelForm):
    """An indicator's code (fixed once made), name, dimension, formula, direction and unit."""

    class Meta:
        model = CapabilityIndicator
        fields = ["code", "name", "dimension", "formula", "direction", "unit"]

    def __init__(self, *args, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        if editing:
            self.fields["code"].disabled = True

    def _post_clean(self):
        """The service validates against the system it writes to (a park's copy may not exist yet)."""

    def service_fields(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k in self.Meta.fields and k != "code"}


class WeightsForm(BootstrapMixin, forms.Form):
    """One weight per item of a level (the sum is checked by the service)."""

    def __init__(self, *args, items: list[tuple[str, str, float]], **kwargs):
        super().__init__(*args, **kwargs)
        for code, label, weight in items:
            self.fields[code] = forms.DecimalField(label=label, initial=round(weight, 4), **WEIGHT)
        _style(self)

    def weights(self) -> dict:
        return {k: float(v) for k, v in self.cleaned_data.items()}


class AhpForm(BootstrapMixin, forms.Form):
    """Pairwise comparisons above the diagonal ("how much more important is A than B"), Saaty 1–9."""

    def __init__(self, *args, items: list[tuple[str, str]], stored=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.items = items
        for i, (_code_a, label_a) in enumerate(items):
            for j in range(i + 1, len(items)):
                initial = stored[i][j] if stored and len(stored) == len(items) else "1"
                self.fields[f"a_{i}_{j}"] = forms.ChoiceField(
                    label=_("%(a)s compared with %(b)s") % {"a": label_a, "b": items[j][1]},
                    choices=SAATY_CHOICES, initial=initial)
        _style(self)

    def matrix(self) -> list[list[str]]:
        """The full reciprocal matrix from the comparisons above the diagonal."""
        n = len(self.items)
        m = [["1"] * n for _row in range(n)]
        for i in range(n):
            for j in range(i + 1, n):
                value = Fraction(self.cleaned_data[f"a_{i}_{j}"])
                m[i][j], m[j][i] = str(value), str(1 / value)
        return m


class EntropyForm(BootstrapMixin, forms.Form):
    year = forms.TypedChoiceField(label=_("Year of the figures"), coerce=int)

    def __init__(self, *args, years: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(y, y) for y in reversed(years)]


class SettingsForm(BootstrapMixin, forms.Form):
    """Name, normalisation, smallest industry group, per-mu weights and the A/B/C shares (%)."""

    name = forms.CharField(label=_("name"), max_length=100)
    normalisation = forms.ChoiceField(label=_("normalisation"), choices=Normalisation.choices)
    peer_min_size = forms.IntegerField(
        label=_("smallest industry peer group"), min_value=2, max_value=1000,
        help_text=_("An industry division with fewer firms than this is compared with the whole park."))

    def __init__(self, *args, system, **kwargs):
        super().__init__(*args, initial=self._initial(system), **kwargs)
        for key in PER_MU_METRICS:
            self.fields[f"w_{key}"] = forms.DecimalField(
                label=_("Weight: %(metric)s") % {"metric": PER_MU_LABELS[key]}, **WEIGHT)
        for grade in GRADES[:3]:
            self.fields[f"share_{grade}"] = forms.DecimalField(
                label=_("Share of grade %(grade)s (%%)") % {"grade": grade}, min_value=0, max_value=100,
                decimal_places=1, max_digits=4)
        _style(self)

    @staticmethod
    def _initial(system) -> dict:
        out = {"name": system.name, "normalisation": system.normalisation,
               "peer_min_size": system.peer_min_size}
        out.update({f"w_{k}": system.per_mu_weights.get(k) for k in PER_MU_METRICS})
        out.update({f"share_{g}": round(float(system.grade_shares.get(g, 0)) * 100, 1) for g in GRADES[:3]})
        return out

    def service_fields(self) -> dict:
        data = self.cleaned_data
        return {"name": data["name"], "normalisation": data["normalisation"],
                "peer_min_size": data["peer_min_size"],
                "per_mu_weights": {k: float(data[f"w_{k}"]) for k in PER_MU_METRICS},
                "grade_shares": {g: float(data[f"share_{g}"]) / 100 for g in GRADES[:3]}}


class RankingFilterForm(BootstrapMixin, forms.Form):
    """Year, industry division (two digits) and the column to rank by."""

    year = forms.TypedChoiceField(label=_("year"), coerce=int, required=False)
    division = forms.ChoiceField(label=_("industry division"), required=False)
    sort = forms.ChoiceField(label=_("rank by"), required=False)

    def __init__(self, *args, years, divisions, sorts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(y, y) for y in reversed(years)]
        self.fields["division"].choices = [("", _("All industries")), *divisions]
        self.fields["sort"].choices = sorts
