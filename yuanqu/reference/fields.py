from django.db import models

from .creditcode import normalise, validate_credit_code


class CreditCodeField(models.CharField):
    """A 统一社会信用代码 column: input is normalised (trim, upper-case) before it is checked."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 18)
        super().__init__(*args, **kwargs)
        if validate_credit_code not in self.validators:
            self.validators.append(validate_credit_code)

    def to_python(self, value):
        return normalise(value) if value is not None else value

    def get_prep_value(self, value):
        return normalise(value) if value is not None else value

    def formfield(self, **kwargs):
        # Let the user paste a code with spaces around it; the model check gives the reason.
        return super().formfield(**{"max_length": 40, **kwargs})
