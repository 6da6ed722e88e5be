"""Options for reaching the network service (the ``[neutron]`` group).

Nova's network client (``nova.network.neutron``) talks to the Networking
API v2.0 through a keystoneauth1 adapter built from this group: session
options (TLS, timeouts), auth plugin options and adapter options (service
type, interfaces, region, ``endpoint_override``).

Requests made for a user carry the user's token. Binding a port to a host
is an admin operation: it uses the auth plugin of this group (service
credentials, with Keystone) or, when no plugin is configured, the
development no-auth admin token.

Typical settings:

* all-in-one (built-in network service): ``endpoint_override =
  http://127.0.0.1:9696``.
* with Keystone and a real Neutron: leave ``endpoint_override`` unset; the
  endpoint of service type ``network`` comes from the user's catalog. Set
  ``auth_type = password`` and the service user's credentials.

Without ``endpoint_override`` and without a ``network`` endpoint in the
caller's catalog, networking is not configured: servers are built without
ports, as with ``networks: none``.
"""

from oslo_config import cfg

from nova.conf import ksa

GROUP_NAME = 'neutron'
SERVICE_TYPE = 'network'

neutron_group = cfg.OptGroup(
    GROUP_NAME,
    title='Network service options',
    help="""
Configuration of the keystoneauth session, auth plugin and adapter Nova uses
to reach the network service (Neutron v2.0 API).

Related options:

* ``[neutron] endpoint_override``: a fixed URL instead of a catalog lookup.
* ``[DEFAULT] vif_plugging_timeout``, ``vif_plugging_is_fatal``: waiting for
  the service to report plugged ports during a build.
""")

neutron_opts = [
    cfg.IntOpt('http_retries',
               default=3,
               min=0,
               help="""
How many times to retry a request to the network service that failed to
connect, before giving up.

Possible values:

* 0 disables retries.
* A positive integer: the number of extra attempts.
"""),
    cfg.StrOpt('admin_token',
               default='admin:admin',
               secret=True,
               help="""
Token used for admin operations (binding ports to hosts) when no auth
plugin is configured in this group: the development no-auth mode, where a
token is ``user:project`` and the user ``admin`` is an administrator.

Related options:

* ``[neutron] auth_type``: when set, its credentials are used instead.
"""),
    cfg.StrOpt('default_floating_pool',
               default='nova',
               help="""
The floating IP pool ``POST /os-floating-ips`` allocates from when the
request names none: the name or ID of an external network
(``router:external``) of the network service. When no such network
exists, that request answers 404, as in Nova.

The all-in-one deployment (``nova-all``), which seeds the external network
``public`` in its built-in network service, makes ``public`` the default
unless this option is set.
"""),
]


def register_opts(conf):
    conf.register_group(neutron_group)
    conf.register_opts(neutron_opts, group=neutron_group)
    ksa.register_ksa_opts(conf, neutron_group, SERVICE_TYPE)


def list_opts():
    return {neutron_group: ksa.list_ksa_opts(SERVICE_TYPE, neutron_opts)}
