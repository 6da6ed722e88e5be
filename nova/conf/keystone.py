"""Options for reaching the identity service (the ``[keystone]`` group).

nova-api asks the identity service whether a project exists before it
sets quotas for it or gives it access to a flavor, with the caller's own
token. The endpoint of service type ``identity`` comes from the caller's
catalog unless ``endpoint_override`` is set.
"""

from oslo_config import cfg

from nova.conf import ksa

GROUP_NAME = 'keystone'
SERVICE_TYPE = 'identity'

keystone_group = cfg.OptGroup(
    GROUP_NAME,
    title='Identity service options',
    help="""
Configuration of the keystoneauth session and adapter nova-api uses to
check project IDs with the identity service (Keystone v3 API).

Related options:

* ``[keystone] endpoint_override``: a fixed URL instead of a catalog lookup.
""")


def register_opts(conf):
    conf.register_group(keystone_group)
    ksa.register_ksa_opts(conf, keystone_group, SERVICE_TYPE)


def list_opts():
    return {keystone_group: ksa.list_ksa_opts(SERVICE_TYPE)}
