"""Facts beyond the annual indicators, the cultivation pool and plans (issue 12)."""
