"""HTML input for plots, plans, steps and land needs; the services validate again (model rules, rights)."""

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from yuanqu.core.forms import BootstrapMixin
from yuanqu.enterprises.models import Enterprise

from .models import DisposalPlan, LandNeed, PlanStatus, PlanStep, Plot, PlotStatus
from .queries import park_officials
from .services import PLOT_FIELDS

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
MAX_GEOJSON_BYTES = 2 * 2**20


def park_firms(park):
    return Enterprise.objects.filter(park=park).order_by("name")


def _name_user(user):
    return user.full_name or user.username


class GeometryField(forms.CharField):
    """GeoJSON text; the service parses and checks it (errors come back to this field)."""

    widget = forms.Textarea(attrs={"rows": 6, "spellcheck": "false", "class": "font-monospace small"})

    def prepare_value(self, value):
        import json

        return json.dumps(value, ensure_ascii=False) if isinstance(value, dict) else value


class PlotForm(BootstrapMixin, forms.ModelForm):
    """A plot's fields; the geometry comes as GeoJSON text or a .geojson file."""

    geometry = GeometryField(label=_("geometry (GeoJSON)"), required=False,
                             help_text=_("A GeoJSON Polygon or MultiPolygon in longitude/latitude (a Feature "
                                         "also works), or upload a file below."))
    geometry_file = forms.FileField(label=_("or a .geojson file"), required=False)
    area_mu = forms.DecimalField(label=_("area (mu)"), required=False, max_digits=12, decimal_places=2,
                                 help_text=_("Leave blank to take the area of the drawn shape."))

    class Meta:
        model = Plot
        fields = PLOT_FIELDS  # the services' list: what a plot's form may change
        widgets = {"available_on": DATE, "note": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, park, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.park = park
        self.fields["occupant"].queryset = park_firms(park)
        self.order_fields(["code", "name", "geometry", "geometry_file", "area_mu"])

    def clean(self):
        data = super().clean()
        upload = data.pop("geometry_file", None)
        if upload is not None:
            data["geometry"] = self._read(upload)
        if not data.get("geometry") and "geometry" not in self.errors:
            self.add_error("geometry", _("Paste the GeoJSON or upload a .geojson file."))
        return data

    def _read(self, upload):
        if upload.size > MAX_GEOJSON_BYTES:
            raise forms.ValidationError({"geometry_file": _("The file is larger than 2 MB.")})
        try:
            return upload.read().decode("utf-8-sig")
        except UnicodeDecodeError:
            raise forms.ValidationError({"geometry_file": _("The file is not UTF-8 text.")}) from None

    def _post_clean(self):
        pass  # the service assigns, validates and saves (the model form must not touch the instance)

    def service_fields(self) -> dict:
        data = dict(self.cleaned_data)
        if self.instance.pk and data.get("geometry") == GeometryField().prepare_value(self.instance.geometry):
            data.pop("geometry")
        return data


class StatusForm(BootstrapMixin, forms.Form):
    status = forms.ChoiceField(label=_("status"), choices=PlotStatus.choices,
                               widget=forms.Select(attrs={"aria-label": _("status")}))
    note = forms.CharField(label=_("note"), required=False, max_length=500, widget=forms.TextInput(
        attrs={"placeholder": _("Why (optional)"), "aria-label": _("note")}))


class PlanForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = DisposalPlan
        fields = ["method", "status", "goal", "owner", "deadline"]
        widgets = {"deadline": DATE, "goal": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, park, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = park_officials(park)
        self.fields["owner"].label_from_instance = _name_user
        allowed = [PlanStatus.DRAFT, PlanStatus.ACTIVE] + ([PlanStatus.CANCELLED] if self.instance.pk else [])
        self.fields["status"].choices = [(v, label) for v, label in PlanStatus.choices if v in allowed]

    def _post_clean(self):
        pass


class StepForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = PlanStep
        fields = ["title", "owner", "deadline", "order"]
        widgets = {"deadline": DATE}

    def __init__(self, *args, park, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = park_officials(park)
        self.fields["owner"].label_from_instance = _name_user
        self.fields["order"].required = False

    def _post_clean(self):
        pass


class CompletePlanForm(BootstrapMixin, forms.Form):
    placed_enterprise = forms.ModelChoiceField(Enterprise.objects.none(), label=_("firm placed"),
                                               required=False)
    revitalised_mu = forms.DecimalField(label=_("area revitalised (mu)"), required=False, max_digits=12,
                                        decimal_places=2, help_text=_("Blank: the whole plot."))
    completed_on = forms.DateField(label=_("completed on"), required=False, widget=DATE,
                                   help_text=_("Blank: today."))

    def __init__(self, *args, park, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["placed_enterprise"].queryset = park_firms(park)


class NeedForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = LandNeed
        fields = ["title", "enterprise", "min_area_mu", "max_area_mu", "use", "needs_road", "needs_water",
                  "needs_power", "needs_gas", "needs_drainage", "needs_telecom", "needs_heat", "budget",
                  "needed_by", "min_plot_ratio", "description", "is_open"]
        widgets = {"needed_by": DATE, "description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, park, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["enterprise"].queryset = park_firms(park)

    def _post_clean(self):
        pass


class ImportForm(BootstrapMixin, forms.Form):
    file = forms.FileField(label=_("File (.xlsx, .csv or .geojson)"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".xlsx", ".csv", ".geojson", ".json")):
            raise forms.ValidationError(_("Only .xlsx, .csv and .geojson files can be imported."))
        if upload.size > settings.MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(mb)d MB.") % {"mb": settings.MAX_UPLOAD_BYTES // 2**20})
        return upload


class FlagForm(BootstrapMixin, forms.Form):
    year = forms.IntegerField(label=_("indicator year"), min_value=2000, max_value=2100)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {"year": timezone.localdate().year - 1})
        super().__init__(*args, **kwargs)
