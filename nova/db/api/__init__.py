"""The API database: models, engine wiring and migrations."""
