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

from oslo_config import cfg

from nova.conf import ksa

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


def register_opts(conf):
    conf.register_group(placement_group)
    ksa.register_ksa_opts(conf, placement_group, SERVICE_TYPE)


def list_opts():
    return {placement_group: ksa.list_ksa_opts(SERVICE_TYPE)}
