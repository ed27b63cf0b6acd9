"""Pieces shared by the district admin (/admin/) and the park back office (/manage/)."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction

from . import services, thesaurus
from .models import SynonymLine


class SynonymLineAdminForm(forms.ModelForm):
    """The same check as the thesaurus page: the parser's reason shown at the field."""

    class Meta:
        model = SynonymLine
        fields = ["park", "line"]

    def clean_line(self):
        try:
            return services.check_synonym_line(self.cleaned_data["line"])
        except ValidationError as exc:
            raise ValidationError(exc.message_dict["line"]) from None


class IndexedAdmin:
    """Audited saves (AuditedAdmin does the audit row) that also keep the index in step."""

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        services.sync_later(obj)

    # Deletions reach the index through the Resource post_delete signal.


class ThesaurusAdmin:
    """Audited saves of thesaurus lines; this process's cache is dropped on commit."""

    form = SynonymLineAdminForm

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)
        transaction.on_commit(thesaurus.clear_cache)

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        transaction.on_commit(thesaurus.clear_cache)
