"""Six-capability assessment and per-mu evaluation: the pure scoring (formula, normalise, ahp,
entropy, scoring, per_mu, text) and `api_entries`, the thin hook the firm assessments API calls."""


def api_entries(enterprise, year: int) -> list[dict]:
    """The six-capability and per-mu entries of `enterprise` for `year` (the assessments list shape)."""
    from yuanqu.assessments.capability_queries import firm_assessment

    from .entries import per_mu_entry, six_capability_entry
    from .text import field_labels

    result = firm_assessment(enterprise, year, with_trend=False)
    labels = field_labels()
    return [six_capability_entry(result.spec, result.score, year, labels),
            per_mu_entry(result.spec, result.per_mu, year, labels)]
