"""Options of ``nova-all``, the whole cloud in one process."""

from oslo_config import cfg

aio_group = cfg.OptGroup('all_in_one', title='All-in-one options')

aio_opts = [
    cfg.HostAddressOpt('listen', default='127.0.0.1',
                       help="Address the built-in endpoints listen on."),
    cfg.PortOpt('placement_port', default=8778,
                help="Port of the in-process placement service."),
    cfg.PortOpt('image_port', default=9292,
                help="Port of the built-in image service (Glance v2)."),
    cfg.PortOpt('identity_port', default=5000,
                help="Port of the built-in identity service (Keystone v3)."),
    cfg.PortOpt('network_port', default=9696,
                help="Port of the built-in network service (Neutron v2.0)."),
    cfg.BoolOpt('identity', default=False,
                help="""
Run the built-in identity service and authenticate every API with its
tokens. ``nova-all`` turns it on; when off, the APIs run in the
development no-auth mode (token ``user:project``).
"""),
    cfg.BoolOpt('image', default=True,
                help="""
Run the built-in image service (Glance v2 subset) with a default image
``tiny``. When off, Nova finds the image service through ``[glance]
endpoint_override`` or the service catalog, like any Nova.

Related options:

* ``[glance] endpoint_override``: the built-in service's URL is only the
  default; a value set in the configuration wins.
"""),
    cfg.BoolOpt('network', default=False,
                help="""
Run the built-in network service (Neutron v2.0 subset) with a shared
network ``private``. ``nova-all`` turns it on.
"""),
    cfg.IntOpt('fake_hosts', default=1, min=1,
               help="""
Fake compute hosts to run (with ``compute_driver = fake.FakeDriver``).

Possible values:

* 1 or more; hosts are named ``<host>``, ``<host>-2``, ...
"""),
    cfg.ListOpt('flavors',
                default=['1:m1.tiny:512:1:1', '2:m1.small:2048:20:1',
                         '3:m1.medium:4096:40:2', '4:m1.large:8192:80:4'],
                help="""
Flavors created at first start, as ``id:name:ram_mb:disk_gb:vcpus``.
"""),
]

aio_cli_opts = [
    cfg.StrOpt('state-dir', dest='state_dir',
               help="""
Directory holding the all-in-one's databases and image bits; created on
first start and reused afterwards. Defaults to ``state_path``.
"""),
]


def register_opts(conf):
    conf.register_group(aio_group)
    conf.register_opts(aio_opts, group=aio_group)


def register_cli_opts(conf):
    conf.register_cli_opts(aio_cli_opts)


def list_opts():
    return {aio_group: aio_opts}
