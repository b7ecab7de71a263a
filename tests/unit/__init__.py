"""Plain-module tests: one module (or a few) through its public functions, on real data."""
