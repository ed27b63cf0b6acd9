from django import forms


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
