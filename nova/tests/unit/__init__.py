"""Unit tests: pure functions and single classes, no services."""
