"""Options of nova-conductor."""

from oslo_config import cfg

conductor_group = cfg.OptGroup('conductor', title='Conductor options')

conductor_opts = [
    cfg.IntOpt('rpc_workers', default=8, min=1,
               help="Threads serving the conductor's RPC requests."),
    cfg.IntOpt('build_request_timeout', default=300, min=0,
               help="""
Seconds after which a server still waiting to be scheduled (its build
request never reached a cell, e.g. its message was lost with a stopped
conductor or broker) is put in ERROR with a fault and its allocation
freed. Checked at conductor start and every
``build_request_check_interval`` seconds. 0 disables the check.
"""),
    cfg.IntOpt('build_request_check_interval', default=60, min=1,
               help="Seconds between checks for stale build requests."),
]


def register_opts(conf):
    conf.register_group(conductor_group)
    conf.register_opts(conductor_opts, group=conductor_group)


def list_opts():
    return {conductor_group: conductor_opts}
