"""The cell databases: models, engine wiring and migrations."""
