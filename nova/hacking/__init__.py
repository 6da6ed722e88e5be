"""Project-specific flake8 checks (see HACKING.rst)."""
