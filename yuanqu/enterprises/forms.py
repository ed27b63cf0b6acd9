from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from yuanqu.accounts.models import Grid
from yuanqu.accounts.queries import grid_workers
from yuanqu.core.forms import BootstrapMixin
from yuanqu.reference.models import IndustryCode

from .models import (
    INDICATOR_FIELDS,
    AnnualIndicator,
    Contact,
    Enterprise,
    Need,
    Offering,
    Qualification,
)
from .permissions import can_edit_field, can_edit_office_fields

DATE = forms.DateInput(attrs={"type": "date"})


class EnterpriseForm(BootstrapMixin, forms.ModelForm):
    """Registry fields; the park office's fields are removed for enterprise users and grid workers."""

    class Meta:
        model = Enterprise
        fields = ["name", "credit_code", "legal_rep", "founded_on", "registered_capital", "address",
                  "zone", "grid", "grid_worker", "industry", "status", "description"]
        widgets = {"founded_on": DATE, "description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, user, park, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.park = park
        self.fields["industry"].queryset = IndustryCode.objects.filter(level=4)
        self.fields["industry"].label_from_instance = str
        for name in [n for n in self.fields if not can_edit_field(user, n)]:
            del self.fields[name]
        if not can_edit_office_fields(user):
            return
        self.fields["grid"].queryset = Grid.objects.filter(park=park)
        self.fields["grid_worker"].queryset = grid_workers(park)


class IndicatorForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = AnnualIndicator
        fields = ["year", *INDICATOR_FIELDS]


class QualificationForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = Qualification
        fields = ["kind", "granted_on", "expires_on"]
        widgets = {"granted_on": DATE, "expires_on": DATE}


class TagsField(forms.CharField):
    """Tags typed as one line separated by commas, 、 or spaces."""

    def to_python(self, value):
        import re

        return [t for t in re.split(r"[,，、;；\s]+", super().to_python(value) or "") if t][:20]

    def prepare_value(self, value):
        return "、".join(value) if isinstance(value, list) else value


class OfferingForm(BootstrapMixin, forms.ModelForm):
    tags = TagsField(label=_("tags"), required=False)

    class Meta:
        model = Offering
        fields = ["kind", "name", "description", "tags"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}


class NeedForm(BootstrapMixin, forms.ModelForm):
    tags = TagsField(label=_("tags"), required=False)

    class Meta:
        model = Need
        fields = ["kind", "description", "tags", "is_open"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}


class ContactForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = Contact
        fields = ["name", "role", "phone", "email"]


class ImportForm(BootstrapMixin, forms.Form):
    file = forms.FileField(label=_("Excel file (.xlsx)"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".xlsx"):
            raise forms.ValidationError(_("Only .xlsx files can be imported."))
        if upload.size > settings.MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(mb)d MB.") % {"mb": settings.MAX_UPLOAD_BYTES // 2**20})
        return upload
