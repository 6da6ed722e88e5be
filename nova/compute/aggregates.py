"""Host aggregates as nova-api manages them (os-aggregates).

An aggregate groups compute hosts; its ``availability_zone`` metadata
makes it an availability zone (``nova.availability_zones``). As in Nova:

* a host is never in two aggregates with different zones, and a zone is
  never an empty name;
* a host with servers never changes zone: adding it to an aggregate with
  another zone, removing it from the aggregate giving it its zone, or
  renaming the zone of an aggregate holding it are refused;
* an aggregate with hosts cannot be deleted.

Each aggregate is mirrored in placement: the compute nodes (resource
providers) of its hosts are members of the placement aggregate with the
aggregate's UUID, which is what scheduling to a zone asks placement for.
A placement failure while adding a host is logged, not returned, as in
Nova (the host is in the aggregate; removing and adding it again repairs
the mirror); one while removing a host fails the request before anything
changes.
"""

from oslo_log import log as logging

from nova import context as nova_context
from nova import exception
from nova.i18n import _
from nova.image import glance
from nova import objects
from nova.objects import aggregate as aggregate_obj
from nova.scheduler.client import report

LOG = logging.getLogger(__name__)

AZ_KEY = aggregate_obj.AZ_KEY


def conflicting_zones(zone, aggregate, others):
    """The zones other than ``zone`` of ``others`` (aggregates holding
    the hosts concerned) besides ``aggregate`` itself."""
    return sorted({a.availability_zone for a in others
                   if a.id != aggregate.id and a.availability_zone and
                   a.availability_zone != zone})


def zone_of_host(aggregates, without=None):
    """The zone the ``aggregates`` of one host give it (None for the
    default zone), not counting the aggregate ``without`` (an id)."""
    zones = sorted(a.availability_zone for a in aggregates
                   if a.id != without and a.availability_zone)
    return zones[0] if zones else None


class ComputeHost(object):
    """What the aggregate API needs of one compute host, from its cell:
    its service, its nodes (resource providers) and servers on it."""

    def __init__(self, context, host):
        mapping = objects.HostMapping.get_by_host(context, host)
        with nova_context.target_cell(context,
                                      mapping.cell_mapping) as cctxt:
            service = objects.Service.get_by_compute_host(cctxt, host)
            # NOTE: a case-insensitive database finds "Host1" for "host1";
            # the aggregate must hold the service's own spelling.
            if service.host != host:
                raise exception.ComputeHostNotFound(host=host)
            self.node_uuids = [n.uuid for n in
                               objects.ComputeNodeList.get_all_by_host(
                                   cctxt, host)]
            self.instance_count = len(objects.InstanceList.get_by_host(
                cctxt, host))
        self.host = host


def _instance_count(context, host):
    """Servers on ``host``; 0 for a host no longer known."""
    try:
        return ComputeHost(context, host).instance_count
    except exception.NotFound:
        return 0


class AggregateAPI(object):

    def __init__(self):
        self.report_client = report.SchedulerReportClient()
        self.image_api = glance.API()

    def get_aggregate(self, context, aggregate_id):
        """The aggregate ``aggregate_id``; AggregateNotFound."""
        return objects.Aggregate.get_by_id(context, aggregate_id)

    def get_aggregate_list(self, context):
        return objects.AggregateList.get_all(context)

    def create_aggregate(self, context, name, availability_zone=None):
        """A new aggregate, a zone when ``availability_zone`` is given;
        AggregateNameExists when the name is taken."""
        aggregate = objects.Aggregate(context=context, name=name,
                                      metadata={})
        if availability_zone:
            aggregate.metadata = {AZ_KEY: availability_zone}
        aggregate.create()
        return aggregate

    def update_aggregate(self, context, aggregate_id, values):
        """Rename the aggregate and/or change its zone (``values``: name,
        availability_zone). Raises AggregateNotFound,
        AggregateNameExists and InvalidAggregateActionUpdate (a zone its
        hosts cannot take)."""
        aggregate = objects.Aggregate.get_by_id(context, aggregate_id)
        values = dict(values)
        name = values.pop('name', None)
        self._check_zone_change(context, values, aggregate,
                                exception.InvalidAggregateActionUpdate)
        if name is not None:
            aggregate.name = name
            aggregate.save()
        if values:
            aggregate.update_metadata(values)
        return aggregate

    def update_aggregate_metadata(self, context, aggregate_id, metadata):
        """Set metadata keys (a None value removes the key). Raises
        AggregateNotFound and InvalidAggregateActionUpdateMeta (a zone
        its hosts cannot take)."""
        aggregate = objects.Aggregate.get_by_id(context, aggregate_id)
        self._check_zone_change(context, metadata, aggregate,
                                exception.InvalidAggregateActionUpdateMeta)
        aggregate.update_metadata(metadata)
        return aggregate

    def delete_aggregate(self, context, aggregate_id):
        """Delete an aggregate without hosts; AggregateNotFound,
        InvalidAggregateActionDelete while it has hosts."""
        aggregate = objects.Aggregate.get_by_id(context, aggregate_id)
        if aggregate.hosts:
            raise exception.InvalidAggregateActionDelete(
                aggregate_id=aggregate_id,
                reason=_('Host aggregate is not empty'))
        aggregate.destroy()

    def add_host_to_aggregate(self, context, aggregate_id, host_name):
        """Add a compute host and mirror it in placement. Raises
        HostMappingNotFound / ComputeHostNotFound for an unknown host,
        AggregateNotFound, AggregateHostExists, and
        InvalidAggregateActionAdd when the host is in another zone or has
        servers that would change zone."""
        host = ComputeHost(context, host_name)
        aggregate = objects.Aggregate.get_by_id(context, aggregate_id)
        zone = aggregate.availability_zone
        if zone:
            self._check_zone_change(
                context, {AZ_KEY: zone}, aggregate,
                exception.InvalidAggregateActionAdd, hosts=[host_name])
        if host.instance_count:
            current = zone_of_host(objects.AggregateList.get_by_host(
                context, host_name, key=AZ_KEY))
            if zone and zone != current:
                self._refuse_zone_move(exception.InvalidAggregateActionAdd,
                                       aggregate, host, current, zone)
        aggregate.add_host(host_name)
        for rp_uuid in host.node_uuids:
            try:
                added = self.report_client.aggregate_add_host(
                    context, aggregate.uuid, rp_uuid)
            except exception.NovaException as error:
                added = error
            if added is not True:
                LOG.warning('Could not add resource provider %s of host %s '
                            'to placement aggregate %s: %s', rp_uuid,
                            host_name, aggregate.uuid,
                            added or 'no such provider')
        return aggregate

    def remove_host_from_aggregate(self, context, aggregate_id, host_name):
        """Remove a host, from placement's aggregate first. Raises
        HostMappingNotFound / ComputeHostNotFound, AggregateNotFound,
        AggregateHostNotFound, InvalidAggregateActionDelete when its
        servers would change zone, and ResourceProviderUpdateConflict /
        ResourceProviderUpdateFailed when placement refuses."""
        host = ComputeHost(context, host_name)
        aggregate = objects.Aggregate.get_by_id(context, aggregate_id)
        if host_name not in (aggregate.hosts or []):
            raise exception.AggregateHostNotFound(aggregate_id=aggregate_id,
                                                  host=host_name)
        zone = aggregate.availability_zone
        if host.instance_count and zone:
            after = zone_of_host(objects.AggregateList.get_by_host(
                context, host_name, key=AZ_KEY), without=aggregate.id)
            if after != zone:
                self._refuse_zone_move(exception.InvalidAggregateActionDelete,
                                       aggregate, host, zone, after)
        for rp_uuid in host.node_uuids:
            self.report_client.aggregate_remove_host(context, aggregate.uuid,
                                                     rp_uuid)
        aggregate.delete_host(host_name)
        return aggregate

    def cache_images(self, context, aggregate, image_ids):
        """Ask the hosts of ``aggregate`` to cache ``image_ids`` (each
        must exist: ImageNotFound). No compute driver here keeps an image
        cache, so each host answers "unsupported" and nothing is done;
        it is logged as Nova's conductor would report it."""
        for image_id in image_ids:
            self.image_api.get(context, image_id)
        for host in aggregate.hosts or []:
            LOG.info('Image pre-caching of %s on host %s (aggregate %s): '
                     'unsupported by its compute driver', ','.join(image_ids),
                     host, aggregate.uuid)

    # -- checks -----------------------------------------------------------

    def _check_zone_change(self, context, metadata, aggregate, error,
                           hosts=None):
        """``error`` unless ``metadata``'s zone (if it names one) suits
        ``hosts`` (default: the aggregate's): not empty, no host in
        another zone, and (for the aggregate's own hosts) no host with
        servers when the zone changes."""
        if AZ_KEY not in metadata:
            return
        zone = metadata[AZ_KEY]
        if not zone:
            raise error(aggregate_id=aggregate.id, reason=_(
                'Aggregate %s does not support empty named availability '
                'zone') % aggregate.name)
        own_hosts = hosts is None
        hosts = list(aggregate.hosts or []) if own_hosts else hosts
        others = objects.AggregateList.get_by_metadata_key(
            context, AZ_KEY, hosts=hosts)
        conflicts = conflicting_zones(zone, aggregate, others)
        if conflicts:
            raise error(aggregate_id=aggregate.id, reason=_(
                'One or more hosts already in availability zone(s) %s')
                % conflicts)
        if own_hosts and zone != aggregate.availability_zone and any(
                _instance_count(context, h) for h in hosts):
            raise error(aggregate_id=aggregate.id, reason=_(
                'One or more hosts contain instances in this zone'))

    @staticmethod
    def _refuse_zone_move(error, aggregate, host, old_zone, new_zone):
        raise error(aggregate_id=aggregate.id, reason=_(
            "The host cannot change availability zone from '%(old)s' to "
            "'%(new)s' as it has %(count)d instance(s); move them away "
            "first (shelve_offload and unshelve move a server between "
            "zones)") % {'old': old_zone, 'new': new_zone,
                         'count': host.instance_count})
