"""Alembic environment of the API database.

``nova.db.migration`` runs it with an open connection in
``config.attributes['connection']``; there is no offline (SQL script) mode.
"""

from alembic import context

from nova.db.api import models

context.configure(
    connection=context.config.attributes['connection'],
    target_metadata=models.BASE.metadata,
    render_as_batch=True,
    compare_type=True)
with context.begin_transaction():
    context.run_migrations()
