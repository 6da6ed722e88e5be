"""Options for reaching the image service (the ``[glance]`` group).

Nova's image client (``nova.image.glance``) talks to the Images API v2
through a keystoneauth1 adapter built from this group: session options
(TLS, timeouts), auth plugin options (used only for calls made without a
user token) and adapter options (service type, interfaces, region,
``endpoint_override``).

Typical settings:

* all-in-one (built-in image service): ``endpoint_override =
  http://127.0.0.1:9292``; requests carry the user's token.
* with Keystone and a real Glance: leave ``endpoint_override`` unset; the
  endpoint of service type ``image`` comes from the user's catalog.
"""

from keystoneauth1 import loading as ks_loading
from oslo_config import cfg

GROUP_NAME = 'glance'
SERVICE_TYPE = 'image'

glance_group = cfg.OptGroup(
    GROUP_NAME,
    title='Image service options',
    help="""
Configuration of the keystoneauth session, auth plugin and adapter Nova uses
to reach the image service (Glance v2 API).

Related options:

* ``[glance] endpoint_override``: a fixed URL instead of a catalog lookup.
""")

glance_opts = [
    cfg.IntOpt('num_retries',
               default=3,
               min=0,
               help="""
How many times to retry a request to the image service that failed to
connect, before giving up.

Possible values:

* 0 disables retries.
* A positive integer: the number of extra attempts.

Related options:

* ``[glance] connect_retry_delay``: the delay between attempts.
"""),
]


def _adapter_opts():
    opts = ks_loading.get_adapter_conf_options(include_deprecated=False)
    cfg.set_defaults(opts, service_type=SERVICE_TYPE,
                     valid_interfaces=['internal', 'public'])
    return opts


def register_opts(conf):
    conf.register_group(glance_group)
    conf.register_opts(glance_opts, group=glance_group)
    ks_loading.register_session_conf_options(conf, GROUP_NAME)
    ks_loading.register_auth_conf_options(conf, GROUP_NAME)
    conf.register_opts(_adapter_opts(), group=glance_group)


def _unique(opts):
    by_dest = {}
    for opt in opts:
        by_dest.setdefault(opt.dest, opt)
    return list(by_dest.values())


def list_opts():
    # NOTE: auth plugin options appear once a plugin is loaded; the sample
    # lists those of ``password``, the plugin used with Keystone.
    return {
        glance_group: _unique(
            glance_opts
            + ks_loading.get_session_conf_options()
            + ks_loading.get_auth_common_conf_options()
            + ks_loading.get_auth_plugin_conf_options('password')
            + _adapter_opts()),
    }
