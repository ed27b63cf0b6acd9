"""Facts beyond the annual indicators, per firm and year (issue 12)."""
