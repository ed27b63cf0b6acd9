from django import forms
from django.utils.translation import gettext_lazy as _

from yuanqu.accounts.models import Department
from yuanqu.core.forms import BootstrapMixin

from .models import Category, Demand, Rating, SubType, Urgency


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data] if data else []
        return [super(MultipleFileField, self).clean(f, initial) for f in files]


class DemandForm(BootstrapMixin, forms.ModelForm):
    """Intake: firms describe the problem; staff may also pick the firm and the category."""

    enterprise = forms.ModelChoiceField(queryset=None, label=_("enterprise"), required=False)
    attachments = MultipleFileField(label=_("Attachments (PDF, images, Word, Excel; ≤ 10 MB each)"),
                                    required=False, widget=MultipleFileInput())

    class Meta:
        model = Demand
        fields = ["enterprise", "title", "text", "urgency", "category", "subtype", "contact_name",
                  "contact_phone", "address"]
        widgets = {"text": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, enterprises, park, staff, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["enterprise"].queryset = enterprises
        self.fields["category"].queryset = Category.objects.filter(park=park, active=True)
        self.fields["subtype"].queryset = SubType.objects.filter(category__park=park, active=True)
        self.fields["category"].required = False
        if not staff:  # the classifier proposes; staff confirm in triage
            del self.fields["category"], self.fields["subtype"]
        if enterprises.count() == 1:
            self.fields["enterprise"].initial = enterprises.first()
            self.fields["enterprise"].widget = forms.HiddenInput()

    def clean_enterprise(self):
        ent = self.cleaned_data.get("enterprise") or self.fields["enterprise"].initial
        if ent is None:
            raise forms.ValidationError(_("Choose the enterprise."))
        return ent


class ActionForm(BootstrapMixin, forms.Form):
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
                           max_length=2000)
    reply = forms.CharField(label=_("Answer"), required=False, widget=forms.Textarea(attrs={"rows": 4}),
                            max_length=5000)
    department = forms.ModelChoiceField(queryset=Department.objects.none(), required=False,
                                        label=_("Department"), empty_label=_("Choose a department…"))
    into = forms.CharField(label=_("Merge into (demand number)"), required=False, max_length=20)

    def __init__(self, *args, park, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = Department.objects.filter(park=park)


class RatingForm(BootstrapMixin, forms.Form):
    rating = forms.ChoiceField(label=_("rating"), choices=Rating.choices, widget=forms.RadioSelect)
    comment = forms.CharField(label=_("rating comment"), required=False, max_length=500,
                              widget=forms.Textarea(attrs={"rows": 2}))


class TriageForm(BootstrapMixin, forms.Form):
    category = forms.ModelChoiceField(queryset=Category.objects.none(), label=_("category"))
    subtype = forms.ModelChoiceField(queryset=SubType.objects.none(), required=False, label=_("sub-type"))
    urgency = forms.ChoiceField(choices=Urgency.choices, label=_("urgency"))

    def __init__(self, *args, park, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = Category.objects.filter(park=park, active=True)
        self.fields["subtype"].queryset = SubType.objects.filter(category__park=park, active=True)
