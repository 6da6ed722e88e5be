"""Functional tests: real services started in-process."""
