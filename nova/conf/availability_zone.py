"""Availability zones: the zone of a host without one, and of services
that are not compute services (``nova.availability_zones``)."""

from oslo_config import cfg

availability_zone_opts = [
    cfg.StrOpt('internal_service_availability_zone',
               default='internal',
               help="""
Zone shown for the services that are not compute services (conductor,
scheduler). ``GET /os-availability-zone`` does not list it.

Possible values:

* Any zone name.
"""),
    cfg.StrOpt('default_availability_zone',
               default='nova',
               help="""
Zone of a compute host that is in no host aggregate with an
``availability_zone``.

Possible values:

* Any zone name; it should not be the zone of a host aggregate.

Related options:

* ``internal_service_availability_zone``
"""),
]


def register_opts(conf):
    conf.register_opts(availability_zone_opts)


def list_opts():
    return {'DEFAULT': availability_zone_opts}
