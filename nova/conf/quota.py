"""Per-project limits enforced when servers are created."""

from oslo_config import cfg

quota_group = cfg.OptGroup('quota', title='Quota options')

quota_opts = [
    cfg.IntOpt('instances', default=10, min=-1,
               help="""
Servers a project may have at once.

Possible values:

* -1: unlimited.
* A non-negative number.
"""),
    cfg.IntOpt('metadata_items', default=128, min=-1,
               help="""
Metadata items (key/value pairs) one server or one image may carry.

Possible values:

* -1: unlimited.
* A non-negative number.
"""),
    cfg.IntOpt('key_pairs', default=100, min=-1,
               help="""
Key pairs one user may have.

Possible values:

* -1: unlimited.
* A non-negative number.
"""),
]


def register_opts(conf):
    conf.register_group(quota_group)
    conf.register_opts(quota_opts, group=quota_group)


def list_opts():
    return {quota_group: quota_opts}
