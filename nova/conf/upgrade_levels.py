"""Caps on the RPC versions services send, for rolling upgrades."""

from oslo_config import cfg

upgrade_group = cfg.OptGroup('upgrade_levels', title='RPC version caps')

upgrade_opts = [
    cfg.StrOpt('compute',
               help="""
Highest compute RPC API version to send, or a release name.

Possible values:

* Unset: no cap (every service runs the same release).
* A version such as ``1.0`` or a release alias from
  ``nova.compute.rpcapi.VERSION_ALIASES``.
"""),
    cfg.StrOpt('conductor', help="Cap of the conductor RPC API."),
    cfg.StrOpt('scheduler', help="Cap of the scheduler RPC API."),
]


def register_opts(conf):
    conf.register_group(upgrade_group)
    conf.register_opts(upgrade_opts, group=upgrade_group)


def list_opts():
    return {upgrade_group: upgrade_opts}
