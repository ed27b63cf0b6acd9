from django import forms
from django.utils.translation import gettext_lazy as _

DASHES = "---------"  # Django's empty choice label, meaningless to our users


class BootstrapMixin:
    """Give every widget Bootstrap's classes (templates add is-invalid next to the errors)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            checkable = isinstance(widget, forms.CheckboxInput | forms.RadioSelect)
            css = "form-check-input" if checkable else (
                "form-select" if isinstance(widget, forms.Select) else "form-control")
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()
            _name_empty_choice(field)


def _name_empty_choice(field):
    """Replace the "---------" choice of a drop-down with 「请选择…」."""
    if getattr(field, "empty_label", None) == DASHES:
        field.empty_label = _("Choose…")
    elif isinstance(field, forms.ChoiceField) and not isinstance(field, forms.ModelChoiceField):
        field.choices = [(v, _("Choose…") if label == DASHES else label) for v, label in field.choices]
