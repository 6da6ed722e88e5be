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
    cfg.StrOpt('state-dir', dest='state_dir', metavar='DIR',
               help="""
Directory holding the all-in-one's databases, image bits, the
configuration it runs with (``nova.conf``, for ``nova-manage --state-dir``)
and its lock: one nova-all per directory. Created on first start and
reused afterwards. Default: ``$NOVA_STATE_DIR``, else ``[DEFAULT]
state_path`` (``~/.nova-all``).
"""),
]

manage_cli_opts = [
    cfg.StrOpt('state-dir', dest='state_dir', metavar='DIR',
               help="""
State directory of a nova-all: read the ``nova.conf`` it writes there
(``DIR/nova.conf``) before any ``--config-file``.
"""),
]

# NOTE: the options an operator of nova-all sets most, on the command
# line under short names (oslo.config would name an option of a group
# ``--all_in_one-placement_port``). Each sets Nova's option of the same
# meaning, so a value given here wins over the configuration files.
# (flag, option class, metavar, help, [(group or None, option)])
CLI_SHORTCUTS = (
    ('listen', cfg.HostAddressOpt, 'ADDRESS',
     'Address every endpoint listens on (0.0.0.0: every interface).',
     (('all_in_one', 'listen'), (None, 'osapi_compute_listen'))),
    ('osapi-compute-listen-port', cfg.PortOpt, 'PORT',
     'Port of the compute API.',
     ((None, 'osapi_compute_listen_port'),)),
    ('placement-port', cfg.PortOpt, 'PORT',
     'Port of the built-in placement service.',
     (('all_in_one', 'placement_port'),)),
    ('image-port', cfg.PortOpt, 'PORT',
     'Port of the built-in image service.',
     (('all_in_one', 'image_port'),)),
    ('identity-port', cfg.PortOpt, 'PORT',
     'Port of the built-in identity service.',
     (('all_in_one', 'identity_port'),)),
    ('network-port', cfg.PortOpt, 'PORT',
     'Port of the built-in network service.',
     (('all_in_one', 'network_port'),)),
    ('fake-hosts', cfg.IntOpt, 'N',
     'Fake compute hosts to run (fake.FakeDriver).',
     (('all_in_one', 'fake_hosts'),)),
    ('identity', cfg.BoolOpt, None,
     'Run the built-in identity service; --noidentity: no-auth '
     'development mode (token "user:project").',
     (('all_in_one', 'identity'),)),
    ('image', cfg.BoolOpt, None,
     'Run the built-in image service; --noimage: use [glance].',
     (('all_in_one', 'image'),)),
    ('network', cfg.BoolOpt, None,
     'Run the built-in network service; --nonetwork: use [neutron].',
     (('all_in_one', 'network'),)),
    ('compute-driver', cfg.StrOpt, 'DRIVER',
     'Virt driver of the compute hosts (fake.FakeDriver, '
     'libvirt.LibvirtDriver).',
     ((None, 'compute_driver'),)),
)


def _dest(flag):
    return 'cli_' + flag.replace('-', '_')


def _cli_help(conf, text, targets):
    """``text`` followed by the options it sets and their defaults."""
    names = []
    for group, name in targets:
        # Read before parsing: the default in effect (nova-all's own).
        default = (conf[group] if group else conf)[name]
        names.append('[%s] %s%s' % (
            group or 'DEFAULT', name,
            '' if default is None else ', default %s' % (
                str(default).lower() if isinstance(default, bool)
                else default)))
    return '%s Sets %s.' % (text, '; '.join(names))


def register_opts(conf):
    conf.register_group(aio_group)
    conf.register_opts(aio_opts, group=aio_group)


def register_cli_opts(conf):
    """The command-line options of nova-all (before ``conf()``)."""
    conf.register_cli_opts(aio_cli_opts)
    for flag, opt_class, metavar, text, targets in CLI_SHORTCUTS:
        kwargs = {} if metavar is None else {'metavar': metavar}
        conf.register_cli_opt(opt_class(
            flag, dest=_dest(flag), help=_cli_help(conf, text, targets),
            **kwargs))


def register_manage_cli_opts(conf):
    """The command-line options nova-manage adds for the all-in-one."""
    conf.register_cli_opts(manage_cli_opts)


def apply_cli_opts(conf):
    """Set the options the command-line shortcuts given stand for (after
    ``conf()``): an override, as a command-line value wins."""
    for flag, _, _, _, targets in CLI_SHORTCUTS:
        value = conf[_dest(flag)]
        if value is None:
            continue
        for group, name in targets:
            conf.set_override(name, value, group)


def list_opts():
    return {aio_group: aio_opts}
