"""Default quota limits (``nova.quota``); -1 is unlimited."""

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
    cfg.IntOpt('cores', default=20, min=-1,
               help="""
Instance cores (vCPUs) a project may use at once.

Possible values:

* -1: unlimited.
* A non-negative number.
"""),
    cfg.IntOpt('ram', default=51200, min=-1,
               help="""
Instance RAM, in MiB, a project may use at once.

Possible values:

* -1: unlimited.
* A non-negative number.
"""),
    cfg.IntOpt('injected_files', default=5, min=-1,
               help="""
Files a server may have injected at creation (personality).

Possible values:

* -1: unlimited.
* A non-negative number.
"""),
    cfg.IntOpt('injected_file_content_bytes', default=10240, min=-1,
               help="""
Bytes each injected file may hold.

Possible values:

* -1: unlimited.
* A non-negative number.
"""),
    cfg.IntOpt('injected_file_path_length', default=255, min=-1,
               help="""
Characters the path of an injected file may have.

Possible values:

* -1: unlimited.
* A non-negative number.
"""),
    cfg.IntOpt('server_groups', default=10, min=-1,
               help="""
Server groups a project may have.

Possible values:

* -1: unlimited.
* A non-negative number.
"""),
    cfg.IntOpt('server_group_members', default=10, min=-1,
               help="""
Servers one server group may hold.

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
