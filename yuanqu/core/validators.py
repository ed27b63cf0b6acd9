"""Field validators shared by every app (forms, API and imports all run them via full_clean)."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# A tag opener, closer, comment, or a script-ish URL scheme / event-handler attribute.
_MARKUP = re.compile(r"<\s*[a-zA-Z!/?]|javascript\s*:|\bon[a-z]+\s*=", re.IGNORECASE)


def reject_markup(value):
    """Refuse HTML or script in plain-text fields: they are shown to other users."""
    if isinstance(value, str) and _MARKUP.search(value):
        raise ValidationError(
            _("HTML tags or scripts are not allowed here."), code="markup"
        )


def reject_negative(value):
    if value is not None and value < 0:
        raise ValidationError(_("Must not be negative."), code="negative")
