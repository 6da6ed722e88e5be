"""Engine wiring of the API database (``[api_database]``).

The API database holds what spans cells: cell, host and instance mappings,
build requests, request specs and flavors. Code uses
``@context_manager.reader`` / ``@context_manager.writer`` on functions whose
first argument is the request context. The DB guard of
``nova.db.main.api`` applies here too.
"""

from oslo_config import cfg

from nova import exception
from nova.db.main import api as main_api

CONF = cfg.CONF
_conf = CONF


def _api_options():
    """Options of ``[database]`` overridden by those of ``[api_database]``.

    ``[database]`` supplies what ``[api_database]`` does not define (retry
    counts, SQL mode); the URL never falls back to the cell database's.
    """
    values = dict(_conf.database.items())
    values['slave_connection'] = None
    values.update(_conf.api_database.items())
    if not values.get('connection'):
        raise exception.DBNotConfigured(database='api')
    return values


context_manager = main_api.new_transaction_context(_api_options)


def configure(conf):
    """Read the API database's options from ``conf`` from now on."""
    global _conf
    _conf = conf
    main_api.db_options.set_defaults(conf, connection=None)
    reset()


def reset():
    """Drop the API database's engines; the next use builds new ones."""
    main_api.reset_transaction_context(context_manager)


def get_engine():
    """The writer engine of the API database (starts it if needed)."""
    return context_manager.writer.get_engine()
