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

from oslo_config import cfg

from nova.conf import ksa

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


def register_opts(conf):
    conf.register_group(glance_group)
    conf.register_opts(glance_opts, group=glance_group)
    ksa.register_ksa_opts(conf, glance_group, SERVICE_TYPE)


def list_opts():
    return {glance_group: ksa.list_ksa_opts(SERVICE_TYPE, glance_opts)}
