"""Options of the Compute API service (``[api]`` and the listen address)."""

from oslo_config import cfg

api_group = cfg.OptGroup(
    'api', title='API options',
    help='Options of the OpenStack Compute API (nova-api).')

api_opts = [
    cfg.StrOpt('auth_strategy',
               choices=[('keystone', 'Validate tokens with Keystone '
                         '(keystonemiddleware ``auth_token``).'),
                        ('noauth2', 'Development only: trust '
                         '``X-Auth-Token: user:project``; the user '
                         '``admin`` is an administrator.')],
               help="""
How API requests are authenticated.

Possible values:

* Unset (default): ``keystone`` when the configuration has a
  ``[keystone_authtoken]`` section, else ``noauth2``.
* ``keystone``
* ``noauth2`` (development and tests only)

Related options:

* ``[keystone_authtoken]`` configures keystonemiddleware.
"""),
    cfg.IntOpt('max_limit', default=1000, min=0,
               help="""
The largest number of items one list request returns.

A ``limit`` above it is capped, and a full page of this size carries a
``next`` link.

Possible values:

* A non-negative integer.
"""),
    cfg.URIOpt('compute_link_prefix',
               help="""
Base URL that replaces the request's host in links of API responses.

Set it when nova-api sits behind a proxy that changes the URL.

Possible values:

* A URL such as ``https://cloud.example.com/compute``; unset keeps the
  request's own URL.
"""),
    cfg.BoolOpt('enable_instance_password', default=True,
                help="""
Whether server create, rebuild and rescue answer with the administrator
password (``adminPass``) they set. The password still reaches the guest
when this is off.
"""),
    cfg.BoolOpt('validate_responses', default=False,
                help="""
Debug option: check every response body against its declared schema.

A mismatch is logged and answered with a 500. The tests turn it on.

Possible values:

* True, False (default)
"""),
]

listen_opts = [
    cfg.HostAddressOpt('osapi_compute_listen', default='127.0.0.1',
                       help="""
Address on which nova-api listens.

Possible values:

* An IP address or host name; ``0.0.0.0`` for every interface.

Related options:

* ``osapi_compute_listen_port``
"""),
    cfg.PortOpt('osapi_compute_listen_port', default=8774,
                help="""
Port on which nova-api listens.

Related options:

* ``osapi_compute_listen``
"""),
]


def register_opts(conf):
    conf.register_group(api_group)
    conf.register_opts(api_opts, group=api_group)
    conf.register_opts(listen_opts)


def list_opts():
    return {api_group: api_opts, 'DEFAULT': listen_opts}
