"""Nova's databases.

``nova.db.api`` is the API database (one per deployment) and
``nova.db.main`` the schema every cell database has. Each holds its models,
its engine wiring (``api.py``) and its alembic migrations;
``nova.db.migration`` upgrades either. Only ``nova.db`` and
``nova.objects`` import the models.
"""
