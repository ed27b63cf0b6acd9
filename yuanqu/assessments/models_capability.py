"""The six-capability indicator system and the per-mu evaluation settings (issue 12)."""
