"""The cultivation pool: plans per firm, their actions and recognitions (issue 12)."""
