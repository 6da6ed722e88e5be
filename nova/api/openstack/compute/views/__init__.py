"""Builders that turn objects into API response dictionaries."""
