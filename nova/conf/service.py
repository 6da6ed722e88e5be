"""Options common to every service: identity of the host, liveness."""

import socket

from oslo_config import cfg

service_opts = [
    cfg.StrOpt('host',
               default=socket.gethostname(),
               sample_default='<current_hostname>',
               help="""
Name of this node, as used in service records, RPC topics and compute node
records.

Possible values:

* Any string unique within the deployment.
"""),
    cfg.IntOpt('report_interval',
               default=10, min=1,
               help="""
Seconds between heartbeats a service writes to its service record.

Related options:

* ``service_down_time`` must be larger than this.
"""),
    cfg.IntOpt('service_down_time',
               default=60, min=1,
               help="""
Seconds without a heartbeat after which a service is reported down.

Related options:

* ``report_interval``
"""),
    cfg.BoolOpt('periodic_enable',
                default=True,
                help="Run the periodic tasks of the managers."),
    cfg.IntOpt('periodic_interval_max',
               default=60, min=1,
               help="Longest wait, in seconds, between two periodic task "
                    "runs."),
]


def register_opts(conf):
    conf.register_opts(service_opts)


def list_opts():
    return {'DEFAULT': service_opts}
