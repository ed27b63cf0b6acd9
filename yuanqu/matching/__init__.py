"""Resource matching (issue 10); for now only the development set's evaluation."""
