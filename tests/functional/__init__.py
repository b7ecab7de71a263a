"""Functional tests: the CLI as a user runs it, and the app driven by keys (Pilot, snapshots)."""
