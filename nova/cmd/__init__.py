"""Entry points of Nova's commands (see setup.cfg)."""
