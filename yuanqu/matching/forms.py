"""HTML input for resources and thesaurus lines; the services validate again (model rules, rights)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from yuanqu.accounts.models import Park
from yuanqu.core.forms import BootstrapMixin

from .models import Kind, SynonymLine
from .permissions import creatable_kinds


class ResourceForm(BootstrapMixin, forms.Form):
    """A resource's fields; an institution user does not choose the kind (always a service)."""

    park = forms.ModelChoiceField(Park.objects.all(), label=_("park"))
    kind = forms.ChoiceField(label=_("kind"), choices=Kind.choices)
    title = forms.CharField(label=_("title"), max_length=200)
    description = forms.CharField(label=_("description"), required=False, max_length=5000,
                                  widget=forms.Textarea(attrs={"rows": 5}))
    tags = forms.CharField(label=_("tags"), required=False, max_length=1000,
                           help_text=_("Separate tags with 、 , ; or |."))
    industry = forms.CharField(label=_("industry code"), required=False, max_length=4,
                               help_text=_("GB/T 4754 code, e.g. 3484 (optional)."))
    external_id = forms.CharField(label=_("External ID"), required=False, max_length=64)

    def __init__(self, *args, user, resource=None, **kwargs):
        if resource is not None:
            kwargs.setdefault("initial", {
                "kind": resource.kind, "title": resource.title, "description": resource.description,
                "tags": "、".join(resource.tags or []), "industry": resource.industry_id or "",
                "external_id": resource.external_id})
        super().__init__(*args, **kwargs)
        kinds = creatable_kinds(user)
        self.fields["kind"].choices = [(v, label) for v, label in Kind.choices if v in kinds]
        if len(kinds) < 2:
            del self.fields["kind"]
        if resource is not None or not user.is_district:
            del self.fields["park"]

    def service_fields(self) -> dict:
        """cleaned_data as the services take it."""
        data = dict(self.cleaned_data)
        data.pop("park", None)
        data["industry_id"] = data.pop("industry") or None
        return data


class ResourceFilterForm(BootstrapMixin, forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    kind = forms.ChoiceField(label=_("kind"), required=False, choices=[("", _("All kinds")), *Kind.choices])


class SynonymLineForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = SynonymLine
        fields = ["line"]
        labels = {"line": _("Thesaurus line")}
        help_texts = {"line": _("Terms that mean the same, separated by spaces, commas or 、 "
                                "(e.g. 叉车 铲车); “A => B” makes A also mean B, not the reverse.")}
