"""The API database connection. The cell database uses oslo.db's
``[database]`` group, registered by ``nova.db``."""

from oslo_config import cfg

api_db_group = cfg.OptGroup('api_database', title='API database options')

api_db_opts = [
    cfg.StrOpt('connection',
               secret=True,
               help="""
SQLAlchemy URL of the API database (cell mappings, instance mappings, build
requests, request specs, flavors).

Possible values:

* ``sqlite:////path/nova_api.sqlite``
* ``mysql+pymysql://user:pass@host/nova_api``
* ``postgresql+psycopg2://user@host/nova_api``
"""),
    cfg.BoolOpt('sqlite_synchronous', default=True,
                help="Whether SQLite waits for data to reach the disk."),
    cfg.IntOpt('max_pool_size', default=5, help="Connection pool size."),
    cfg.IntOpt('max_overflow', default=50, help="Pool overflow size."),
    cfg.IntOpt('pool_timeout', default=30,
               help="Seconds to wait for a pooled connection."),
    cfg.IntOpt('connection_recycle_time', default=3600,
               help="Seconds after which a pooled connection is reopened."),
]


def register_opts(conf):
    conf.register_group(api_db_group)
    conf.register_opts(api_db_opts, group=api_db_group)


def list_opts():
    return {api_db_group: api_db_opts}
