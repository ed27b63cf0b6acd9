from .models import IndustryCode


def industry_choices(level=IndustryCode.Level.CLASS):
    """(code, label) pairs of one level for select boxes."""
    return [(c, f"{c} {n}") for c, n in IndustryCode.objects.filter(level=level).values_list("code", "name")]


def class_codes() -> set[str]:
    """All valid 4-digit class codes (imports check against this set in one query)."""
    return set(IndustryCode.objects.filter(level=IndustryCode.Level.CLASS).values_list("code", flat=True))
