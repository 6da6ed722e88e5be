"""Options for reaching the placement service (the ``[placement]`` group).

Nova talks to placement over HTTP through a keystoneauth1 adapter built from
this group: session options (TLS, timeouts), auth plugin options and adapter
options (service type, interfaces, region, ``endpoint_override``).

Typical settings:

* all-in-one (built-in placement, ``noauth2``): leave ``auth_type`` unset and
  set ``endpoint_override = http://127.0.0.1:8778``; the report client then
  sends ``X-Auth-Token: admin``.
* with Keystone: ``auth_type = password``, ``auth_url``, ``username``,
  ``password``, ``project_name``, ``user_domain_name``,
  ``project_domain_name``; the endpoint comes from the service catalog.
"""

from keystoneauth1 import loading as ks_loading
from oslo_config import cfg

GROUP_NAME = 'placement'
SERVICE_TYPE = 'placement'

placement_group = cfg.OptGroup(
    GROUP_NAME,
    title='Placement service options',
    help="""
Configuration of the keystoneauth session, auth plugin and adapter Nova uses
to reach the placement API.

Related options:

* ``[placement] endpoint_override``: a fixed URL instead of a catalog lookup.
* ``[placement] auth_type``: unset means placement runs with ``noauth2``.
""")


def _adapter_opts():
    opts = ks_loading.get_adapter_conf_options(include_deprecated=False)
    cfg.set_defaults(opts, service_type=SERVICE_TYPE,
                     valid_interfaces=['internal', 'public'])
    return opts


def register_opts(conf):
    conf.register_group(placement_group)
    ks_loading.register_session_conf_options(conf, GROUP_NAME)
    ks_loading.register_auth_conf_options(conf, GROUP_NAME)
    conf.register_opts(_adapter_opts(), group=placement_group)


def _unique(opts):
    seen = {}
    for opt in opts:
        seen.setdefault(opt.dest, opt)
    return list(seen.values())


def list_opts():
    # NOTE: auth plugin options are registered when the plugin is loaded;
    # the sample lists the ``password`` plugin, the one used with Keystone.
    return {
        placement_group: _unique(
            ks_loading.get_session_conf_options()
            + ks_loading.get_auth_common_conf_options()
            + ks_loading.get_auth_plugin_conf_options('password')
            + _adapter_opts()),
    }
