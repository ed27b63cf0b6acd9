"""The facts form of one firm and year (the page calls services.record_facts, like the API)."""

from django import forms

from yuanqu.core.forms import BootstrapMixin

from .models_facts import FACT_NAMES, EnterpriseFacts


class FactsForm(BootstrapMixin, forms.ModelForm):
    """Every fact of a year; an empty choice or 「未知」 leaves it unknown (not "no")."""

    class Meta:
        model = EnterpriseFacts
        fields = list(FACT_NAMES)

    def __init__(self, *args, enterprise, year, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.enterprise, self.instance.year = enterprise, year
        for field in self.fields.values():
            field.required = False

    def validate_unique(self):
        """One row per firm and year is the service's to keep (it updates the existing row)."""
