"""HTML input of the project pages; every form's data goes to a service, never straight to a model."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from yuanqu.accounts.models import User
from yuanqu.core.forms import BootstrapMixin
from yuanqu.demands.models import Urgency
from yuanqu.enterprises.models import Enterprise
from yuanqu.land.models import Plot
from yuanqu.reference.models import IndustryCode

from .models import Project
from .queries import task_force_candidates, templates_for
from .services import MAX_PHOTOS

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ProjectForm(BootstrapMixin, forms.ModelForm):
    """A project's facts; the investor and plot come from the project's park."""

    class Meta:
        model = Project
        fields = ["name", "year", "level", "industry", "investor", "investor_name", "total_investment",
                  "annual_planned_investment", "floor_area_m2", "plot", "stage", "score_intensity",
                  "score_technology", "score_driving", "score_tax", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, park, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.park = park
        self.fields["industry"].queryset = IndustryCode.objects.filter(level=4)
        self.fields["industry"].label_from_instance = str
        self.fields["investor"].queryset = Enterprise.objects.filter(park=park).order_by("name")
        self.fields["plot"].queryset = Plot.objects.filter(park=park).order_by("code")
        self.fields["investor_name"].help_text = _(
            "Only when the investor is not a registered firm of the park.")


class TaskForceForm(BootstrapMixin, forms.Form):
    lead = forms.ModelChoiceField(queryset=User.objects.none(), required=False, label=_("task force lead"))
    members = forms.ModelMultipleChoiceField(queryset=User.objects.none(), required=False,
                                             label=_("task force members"),
                                             widget=forms.SelectMultiple(attrs={"size": 6}))
    firm_contact_name = forms.CharField(max_length=50, required=False, label=_("firm contact"))
    firm_contact_phone = forms.CharField(max_length=30, required=False, label=_("firm contact phone"))

    def __init__(self, *args, park, **kwargs):
        super().__init__(*args, **kwargs)
        people = task_force_candidates(park)
        self.fields["lead"].queryset = self.fields["members"].queryset = people
        self.fields["lead"].label_from_instance = self.fields["members"].label_from_instance = \
            lambda u: u.full_name or u.username


class MilestoneForm(BootstrapMixin, forms.Form):
    actual_start = forms.DateField(required=False, widget=DATE, label=_("actual start"))
    actual_finish = forms.DateField(required=False, widget=DATE, label=_("actual finish"))
    note = forms.CharField(max_length=500, required=False, label=_("note"))


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleImageField(forms.FileField):
    """Several files in one input; each is checked to be an image by the service."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": "image/*"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        return [super(MultipleImageField, self).clean(f, initial) for f in files]


class NoteForm(BootstrapMixin, forms.Form):
    on = forms.DateField(widget=DATE, label=_("date"))
    text = forms.CharField(max_length=5000, widget=forms.Textarea(attrs={"rows": 3}), label=_("progress"))
    milestone = forms.ModelChoiceField(queryset=None, required=False, label=_("milestone"))
    photos = MultipleImageField(required=False, label=_("site photos"),
                                help_text=_("At most %(n)d images (JPEG, PNG, GIF or WebP), 10 MB each.")
                                % {"n": MAX_PHOTOS})
    month_amount = forms.DecimalField(max_digits=14, decimal_places=2, min_value=0, required=False,
                                      label=_("invested this month (10k yuan)"))

    def __init__(self, *args, project, may_report_amount=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["milestone"].queryset = project.milestones.order_by("order", "id")
        if not may_report_amount:
            del self.fields["month_amount"]


class ProblemForm(BootstrapMixin, forms.Form):
    title = forms.CharField(max_length=100, label=_("title"))
    text = forms.CharField(min_length=5, max_length=5000, widget=forms.Textarea(attrs={"rows": 4}),
                           label=_("description"))
    urgency = forms.ChoiceField(choices=Urgency.choices, initial=Urgency.NORMAL, label=_("urgency"))


class TemplateApplyForm(BootstrapMixin, forms.Form):
    template = forms.ModelChoiceField(queryset=None, label=_("milestone template"))
    target = forms.DateField(widget=DATE, label=_("target date"))

    def __init__(self, *args, park, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["template"].queryset = templates_for(park)


class TargetForm(BootstrapMixin, forms.Form):
    target = forms.DateField(widget=DATE, label=_("target date"))


class ImportForm(BootstrapMixin, forms.Form):
    file = forms.FileField(label=_("Excel or CSV file (.xlsx, .csv)"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".xlsx", ".csv")):
            raise forms.ValidationError(_("Only .csv and .xlsx files can be imported."))
        if upload.size > settings.MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(mb)d MB.") % {"mb": settings.MAX_UPLOAD_BYTES // 2**20})
        return upload
