"""Shared helpers for the tests and benchmarks."""
