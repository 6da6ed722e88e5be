"""Selecting destinations: placement query, filters, weighers, claims.

For a request of N instances: one allocation-candidates query, host states
built once, filters run once (per instance only for filters that need it),
then for each instance the best host whose claim succeeds, plus alternates
from the same cell for the conductor to reschedule onto.
"""

import random

from oslo_log import log as logging

import nova.conf
from nova import exception
from nova import objects
from nova.scheduler import filters as filters_mod
from nova.scheduler import request_filter
from nova.scheduler import weights as weights_mod

CONF = nova.conf.CONF
LOG = logging.getLogger(__name__)


def allocation_requests_by_provider(alloc_reqs):
    """Map compute provider UUID -> its allocation request (single-provider
    requests only: the skeleton has no nested providers or sharing)."""
    by_rp = {}
    for alloc_req in alloc_reqs:
        providers = list(alloc_req['allocations'])
        if len(providers) == 1:
            by_rp.setdefault(providers[0], alloc_req)
    return by_rp


def restrict(hosts, spec_obj):
    """The host states the request allows: none of its ``ignore_hosts``,
    and only its ``force_hosts``/``force_nodes`` when it names some."""
    ignore = set(spec_obj.obj_attr_is_set('ignore_hosts') and
                 spec_obj.ignore_hosts or ())
    force_hosts = set(spec_obj.obj_attr_is_set('force_hosts') and
                      spec_obj.force_hosts or ())
    force_nodes = set(spec_obj.obj_attr_is_set('force_nodes') and
                      spec_obj.force_nodes or ())
    return [h for h in hosts
            if h.host not in ignore and
            (not force_hosts or h.host in force_hosts) and
            (not force_nodes or h.nodename in force_nodes)]


class DestinationSelector(object):

    def __init__(self, host_manager, report_client):
        self.host_manager = host_manager
        self.report_client = report_client

    def _filters(self):
        return filters_mod.load(CONF.filter_scheduler.enabled_filters)

    def _weighers(self):
        return weights_mod.load(CONF.filter_scheduler.weight_classes)

    def select(self, context, spec_obj, instance_uuids, return_alternates):
        """Return ``[[Selection, alternates...], ...]``, one per instance.

        Claims placement allocations for the chosen hosts (consumer = the
        instance UUID). Raises NoValidHost when any instance cannot be
        placed, after releasing the claims made for the others.
        """
        alloc_reqs, summaries, version = (
            self.report_client.get_allocation_candidates(
                context, spec_obj.resources(),
                limit=CONF.scheduler.max_placement_results,
                member_of=request_filter.member_of(context, spec_obj)))
        if not alloc_reqs:
            raise exception.NoValidHost(
                reason='There are not enough hosts available.')
        by_rp = allocation_requests_by_provider(alloc_reqs)
        hosts = self.host_manager.get_host_states_by_uuids(
            context, {u: summaries[u] for u in by_rp if u in summaries})
        group = self.host_manager.group_placement(context, spec_obj)
        for host in hosts:
            host.group = group
        filters = self._filters()
        hosts = self._apply_filters(context, filters,
                                    restrict(hosts, spec_obj), spec_obj)
        if not hosts:
            raise exception.NoValidHost(
                reason='There are not enough hosts available.')
        # Filters whose answer changes as this request's servers land.
        again = [f for f in filters if f.run_filter_for_each_instance]
        weighers = self._weighers()
        claimed, selections = [], []
        try:
            for index, instance_uuid in enumerate(instance_uuids):
                candidates = hosts
                if index and again:
                    candidates = self._run_filters(again, hosts, spec_obj)
                ranked = [h for _, h in weights_mod.weigh_hosts(
                    weighers, candidates, spec_obj)]
                chosen = self._claim_best(context, spec_obj, instance_uuid,
                                          ranked, by_rp, version)
                if chosen is None:
                    raise exception.NoValidHost(
                        reason='Unable to claim resources on any host.')
                claimed.append(instance_uuid)
                chosen.consume_from_request(spec_obj)
                if group is not None:
                    group.add(chosen.host)
                selections.append(self._selections(
                    chosen, ranked, by_rp, version, return_alternates))
        except exception.NoValidHost:
            for instance_uuid in claimed:
                self.report_client.delete_allocation_for_instance(
                    context, instance_uuid)
            raise
        return selections

    def _apply_filters(self, context, filters, hosts, spec_obj):
        for host_filter in filters:
            host_filter.prepare(context, spec_obj, self.host_manager)
        return self._run_filters(filters, hosts, spec_obj)

    @staticmethod
    def _run_filters(filters, hosts, spec_obj):
        for host_filter in filters:
            hosts, rejected = host_filter.filter_all(hosts, spec_obj)
            for nodename, reason in rejected.items():
                LOG.debug('%s rejected %s: %s',
                          host_filter.__class__.__name__, nodename, reason)
        return hosts

    def _claim_best(self, context, spec_obj, instance_uuid, ranked, by_rp,
                    version):
        subset = max(1, CONF.filter_scheduler.host_subset_size)
        candidates = list(ranked)
        while candidates:
            pick = random.choice(candidates[:subset])
            candidates.remove(pick)
            if self.report_client.claim_resources(
                    context, instance_uuid, by_rp[pick.uuid],
                    spec_obj.project_id, spec_obj.user_id,
                    allocation_request_version=version):
                return pick
            LOG.debug('Claim on %s failed for %s', pick.nodename,
                      instance_uuid)
        return None

    def _selections(self, chosen, ranked, by_rp, version, return_alternates):
        result = [objects.Selection.from_host_state(
            chosen, by_rp[chosen.uuid], version)]
        if not return_alternates:
            return result
        for host in ranked:
            if len(result) >= CONF.scheduler.max_attempts:
                break
            if host is chosen or host.cell_uuid != chosen.cell_uuid:
                continue
            result.append(objects.Selection.from_host_state(
                host, by_rp[host.uuid], version))
        return result
