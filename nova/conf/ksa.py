"""keystoneauth1 options shared by the groups of the services Nova calls
over HTTP (``[glance]``, ``[neutron]``, ``[placement]``): session, auth
plugin and adapter options, the adapter defaulting to the service's type."""

from keystoneauth1 import loading as ks_loading
from oslo_config import cfg


def adapter_opts(service_type):
    opts = ks_loading.get_adapter_conf_options(include_deprecated=False)
    cfg.set_defaults(opts, service_type=service_type,
                     valid_interfaces=['internal', 'public'])
    return opts


def register_ksa_opts(conf, group, service_type):
    ks_loading.register_session_conf_options(conf, group.name)
    ks_loading.register_auth_conf_options(conf, group.name)
    conf.register_opts(adapter_opts(service_type), group=group)


def _unique(opts):
    by_dest = {}
    for opt in opts:
        by_dest.setdefault(opt.dest, opt)
    return list(by_dest.values())


def list_ksa_opts(service_type, own_opts=()):
    """Options of a group for the sample config. Auth plugin options only
    exist once a plugin is loaded; the sample lists ``password``'s, the
    plugin used with Keystone."""
    return _unique(list(own_opts)
                   + ks_loading.get_session_conf_options()
                   + ks_loading.get_auth_common_conf_options()
                   + ks_loading.get_auth_plugin_conf_options('password')
                   + adapter_opts(service_type))
