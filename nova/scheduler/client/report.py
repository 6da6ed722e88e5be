"""Nova's client of the placement API (the "report client").

Compute hosts report their resource providers and inventory through it, the
scheduler asks it for allocation candidates and claims with it, and the
conductor and compute remove allocations with it. It speaks HTTP through one
keystoneauth1 adapter built from ``[placement]`` (one session, so
connections are kept alive) and names an explicit placement microversion on
every call.

When ``[placement] auth_type`` is unset the client sends
``X-Auth-Token: admin``, what placement's ``noauth2`` mode (the all-in-one's
built-in placement) turns into an admin request.

The client caches, per provider, the generation and inventory it last saw,
so repeated ``ensure_resource_provider`` and unchanged
``set_inventory_for_provider`` calls cost no round trip. Placement stays the
authority: a stale generation shows up as a 409, which refreshes the cache
and retries once.
"""

import copy
import random
import re
import threading
import time
import urllib.parse

from keystoneauth1 import loading as ks_loading
from keystoneauth1 import plugin as ks_plugin
from oslo_log import log as logging

import nova.conf
from nova import exception
from nova import ksa

CONF = nova.conf.CONF
LOG = logging.getLogger(__name__)

GROUP = 'placement'

# Microversions, one per kind of call; all at 1.23 or later, where error
# bodies carry the codes below.
PROVIDER_VERSION = '1.23'       # POST returns the body; errors carry codes
INVENTORY_VERSION = '1.26'      # reserved may equal total
CANDIDATES_VERSION = '1.36'     # forbidden traits, member_of, mappings
ALLOCATION_VERSION = '1.28'     # consumer generations
USAGES_VERSION = '1.23'
AGGREGATES_VERSION = '1.19'     # aggregates with the provider generation

# Placement's error codes (the "code" of an error in a response body).
CONCURRENT_UPDATE = 'placement.concurrent_update'
INVENTORY_INUSE = 'placement.inventory.inuse'
PROVIDER_IN_USE = 'placement.resource_provider.inuse'

# A claim that lost a race for a provider's generation (another claim on
# the same provider committed first) is tried again this many times in
# all, after a growing, jittered pause: a burst of boots onto one host
# is a queue of such races, not a failure.
CLAIM_ATTEMPTS = 10
CLAIM_BACKOFF = 0.02     # seconds before the second attempt; doubles
CLAIM_BACKOFF_MAX = 1.0  # seconds

# Placement's defaults for the optional inventory fields.
INVENTORY_DEFAULTS = {
    'reserved': 0,
    'min_unit': 1,
    'max_unit': 2147483647,
    'step_size': 1,
    'allocation_ratio': 1.0,
}


class NoAuthAdminPlugin(ks_plugin.BaseAuthPlugin):
    """Auth for placement's ``noauth2``: the token ``admin`` is an admin.

    ``noauth2`` reads the token as ``user[:project]``; the endpoint comes
    from ``[placement] endpoint_override``.
    """

    def get_token(self, session, **kwargs):
        return 'admin'

    def get_endpoint(self, session, **kwargs):
        return kwargs.get('endpoint_override')


def create_adapter(conf=None):
    """Return a keystoneauth1 Adapter for placement built from ``conf``."""
    conf = conf or CONF
    auth = (ks_loading.load_auth_from_conf_options(conf, GROUP)
            or NoAuthAdminPlugin())
    session = ks_loading.load_session_from_conf_options(conf, GROUP,
                                                        auth=auth)
    return ks_loading.load_adapter_from_conf_options(
        conf, GROUP, session=session, auth=auth, raise_exc=False,
        client_name='nova', client_version='report-client')


def _version_tuple(version):
    major, minor = str(version).split('.')
    return int(major), int(minor)


def _error(resp):
    """Return ``(code, detail)`` of a placement error response."""
    try:
        first = resp.json()['errors'][0]
        return first.get('code'), first.get('detail', '')
    except (ValueError, KeyError, IndexError, TypeError):
        return None, resp.text


def _normalize_inventory(inv_data):
    inventories = {}
    for rc, fields in inv_data.items():
        record = dict(INVENTORY_DEFAULTS)
        record.update(fields)
        record['allocation_ratio'] = float(record['allocation_ratio'])
        inventories[rc] = record
    return inventories


def candidates_query(resources, limit=None, required_traits=None,
                     forbidden_traits=None, member_of=None):
    """Return the query string of ``GET /allocation_candidates``.

    ``resources`` maps resource class to amount (zero amounts are left out);
    ``member_of`` holds aggregate UUIDs or lists of them (any of a list).
    """
    params = [('resources', ','.join(
        '%s:%d' % (rc, amount) for rc, amount in sorted(resources.items())
        if amount))]
    traits = sorted(required_traits or ()) + sorted(
        '!' + t for t in forbidden_traits or ())
    if traits:
        params.append(('required', ','.join(traits)))
    for aggregates in member_of or ():
        if isinstance(aggregates, str):
            aggregates = [aggregates]
        params.append(('member_of', 'in:' + ','.join(sorted(aggregates))))
    if limit:
        params.append(('limit', int(limit)))
    return urllib.parse.urlencode(params, safe=':,!')


class SchedulerReportClient:
    """Client of the placement API; safe to share between threads.

    Methods take a request context (or None) first; its global request id is
    passed on to placement. Unless stated otherwise they raise
    ``PlacementAPIConnectFailure`` when placement cannot be reached.
    """

    def __init__(self, adapter=None):
        self._adapter = adapter
        self._adapter_lock = threading.Lock()
        self._cache_lock = threading.Lock()
        # rp uuid -> {'uuid', 'name', 'generation', ...} as placement said.
        self._providers = {}
        # rp uuid -> {rc: inventory record} as placement stored it.
        self._inventories = {}

    # -- HTTP ----------------------------------------------------------------

    @property
    def adapter(self):
        if self._adapter is None:
            with self._adapter_lock:
                if self._adapter is None:
                    self._adapter = create_adapter()
        return self._adapter

    def _call(self, context, method, url, version, body=None):
        kwargs = {'microversion': version,
                  'headers': {'Accept': 'application/json'}}
        if body is not None:
            kwargs['json'] = body
        global_id = getattr(context, 'global_id', None)
        if global_id:
            kwargs['global_request_id'] = global_id
        try:
            return self.adapter.request(url, method, **kwargs)
        except ksa.REQUEST_ERRORS as exc:
            LOG.warning('Placement unreachable for %s %s: %s',
                        method, url, exc)
            raise exception.PlacementAPIConnectFailure() from exc

    # -- provider cache -------------------------------------------------------

    def _remember_provider(self, provider):
        with self._cache_lock:
            self._providers[provider['uuid']] = dict(provider)

    def _set_generation(self, rp_uuid, generation):
        with self._cache_lock:
            if rp_uuid in self._providers:
                self._providers[rp_uuid]['generation'] = generation

    def invalidate_resource_provider(self, rp_uuid):
        """Forget what is cached about a provider; the next call refetches."""
        with self._cache_lock:
            self._providers.pop(rp_uuid, None)
            self._inventories.pop(rp_uuid, None)

    def _cached_provider(self, rp_uuid):
        with self._cache_lock:
            provider = self._providers.get(rp_uuid)
            return copy.deepcopy(provider) if provider else None

    # -- resource providers ---------------------------------------------------

    def get_resource_provider(self, context, rp_uuid):
        """Return the provider as placement has it now, or None if absent.

        Refreshes the cached generation. Raises
        ``ResourceProviderRetrievalFailed`` on an unexpected answer.
        """
        resp = self._call(context, 'GET', '/resource_providers/%s' % rp_uuid,
                          PROVIDER_VERSION)
        if resp.status_code == 404:
            self.invalidate_resource_provider(rp_uuid)
            return None
        if resp.status_code != 200:
            LOG.error('Getting resource provider %s failed: %s %s',
                      rp_uuid, resp.status_code, _error(resp)[1])
            raise exception.ResourceProviderRetrievalFailed(uuid=rp_uuid)
        provider = resp.json()
        self._remember_provider(provider)
        return provider

    def ensure_resource_provider(self, context, uuid, name):
        """Return the provider ``uuid``, creating it named ``name`` if absent.

        Idempotent; a provider already in the cache costs no round trip. A
        concurrent creation (409) is resolved by reading the provider back.
        Raises ``ResourceProviderCreationFailed`` when it cannot be created
        (e.g. another provider already has ``name``).
        """
        provider = self._cached_provider(uuid)
        if provider is not None:
            return provider
        provider = self.get_resource_provider(context, uuid)
        if provider is not None:
            return provider
        resp = self._call(context, 'POST', '/resource_providers',
                          PROVIDER_VERSION, body={'uuid': uuid, 'name': name})
        if resp.status_code == 200:
            provider = resp.json()
            self._remember_provider(provider)
            return provider
        code, detail = _error(resp)
        if resp.status_code == 409:
            # Created by someone else meanwhile, or the name is taken.
            provider = self.get_resource_provider(context, uuid)
            if provider is not None:
                return provider
        LOG.error('Creating resource provider %s (%s) failed: %s %s',
                  uuid, name, resp.status_code, detail)
        raise exception.ResourceProviderCreationFailed(name=name)

    def delete_resource_provider(self, context, rp_uuid):
        """Delete the provider and its inventory; idempotent (404 is fine).

        Raises ``ResourceProviderInUse`` when it still has allocations and
        ``ResourceProviderDeletionFailed`` on any other refusal.
        """
        resp = self._call(context, 'DELETE',
                          '/resource_providers/%s' % rp_uuid, PROVIDER_VERSION)
        self.invalidate_resource_provider(rp_uuid)
        if resp.status_code in (204, 404):
            return
        code, detail = _error(resp)
        if resp.status_code == 409 and code == PROVIDER_IN_USE:
            raise exception.ResourceProviderInUse(uuid=rp_uuid)
        raise exception.ResourceProviderDeletionFailed(uuid=rp_uuid,
                                                       error=detail)

    # -- inventory ------------------------------------------------------------

    def get_inventory(self, context, rp_uuid):
        """Return ``{rc: inventory record}`` of the provider, refreshing the
        cache; raises ``ResourceProviderRetrievalFailed`` (also when absent).
        """
        resp = self._call(context, 'GET',
                          '/resource_providers/%s/inventories' % rp_uuid,
                          INVENTORY_VERSION)
        if resp.status_code != 200:
            raise exception.ResourceProviderRetrievalFailed(uuid=rp_uuid)
        body = resp.json()
        self._set_generation(rp_uuid, body['resource_provider_generation'])
        with self._cache_lock:
            self._inventories[rp_uuid] = body['inventories']
        return copy.deepcopy(body['inventories'])

    def set_inventory_for_provider(self, context, rp_uuid, inv_data):
        """Make the provider's inventory exactly ``inv_data``.

        ``inv_data`` maps resource class to ``{'total': ..., 'reserved': ...,
        'min_unit': ..., 'max_unit': ..., 'step_size': ...,
        'allocation_ratio': ...}`` (missing fields take placement's
        defaults); classes left out are removed. Idempotent: nothing is sent
        when the cache already holds this inventory. Returns True when
        placement was updated, False when nothing needed sending.

        A stale provider generation is refreshed and the update retried once.
        Raises ``InventoryInUse`` when removing or shrinking inventory that
        allocations use, ``ResourceProviderUpdateConflict`` when the retry
        conflicts again and ``ResourceProviderUpdateFailed`` otherwise.
        """
        wanted = _normalize_inventory(inv_data)
        with self._cache_lock:
            cached = self._inventories.get(rp_uuid)
        if cached is not None and _normalize_inventory(cached) == wanted:
            return False
        provider = self._cached_provider(rp_uuid) or \
            self.get_resource_provider(context, rp_uuid)
        if provider is None:
            raise exception.ResourceProviderUpdateFailed(
                url='/resource_providers/%s/inventories' % rp_uuid,
                error='no such resource provider')
        generation = provider['generation']
        for attempt in (1, 2):
            resp = self._put_inventory(context, rp_uuid, generation, wanted)
            if resp.status_code == 200:
                self._store_inventory(rp_uuid, resp.json())
                return True
            generation = self._inventory_conflict(context, rp_uuid, resp,
                                                  generation, attempt)

    def _put_inventory(self, context, rp_uuid, generation, inventories):
        body = {'resource_provider_generation': generation,
                'inventories': inventories}
        return self._call(context, 'PUT',
                          '/resource_providers/%s/inventories' % rp_uuid,
                          INVENTORY_VERSION, body=body)

    def _store_inventory(self, rp_uuid, body):
        self._set_generation(rp_uuid, body['resource_provider_generation'])
        with self._cache_lock:
            self._inventories[rp_uuid] = body['inventories']

    def _inventory_conflict(self, context, rp_uuid, resp, generation,
                            attempt):
        """Raise for a failed inventory PUT, or return a fresh generation."""
        url = '/resource_providers/%s/inventories' % rp_uuid
        code, detail = _error(resp)
        if resp.status_code == 409 and code == INVENTORY_INUSE:
            found = re.search(r"'([A-Z0-9_]+)'", detail or '')
            raise exception.InventoryInUse(
                resource_class=found.group(1) if found else 'unknown',
                resource_provider=rp_uuid)
        if resp.status_code == 409 and code == CONCURRENT_UPDATE:
            if attempt > 1:
                raise exception.ResourceProviderUpdateConflict(
                    uuid=rp_uuid, generation=generation, error=detail)
            provider = self.get_resource_provider(context, rp_uuid)
            if provider is not None:
                return provider['generation']
        self.invalidate_resource_provider(rp_uuid)
        LOG.error('Updating inventory of %s failed: %s %s',
                  rp_uuid, resp.status_code, detail)
        raise exception.ResourceProviderUpdateFailed(url=url, error=detail)

    # -- provider aggregates --------------------------------------------------

    def get_provider_aggregates(self, context, rp_uuid):
        """``(set of aggregate UUIDs, provider generation)`` of the
        provider, or None when it does not exist. Raises
        ``ResourceProviderRetrievalFailed`` on an unexpected answer."""
        resp = self._call(context, 'GET',
                          '/resource_providers/%s/aggregates' % rp_uuid,
                          AGGREGATES_VERSION)
        if resp.status_code == 404:
            return None
        if resp.status_code != 200:
            raise exception.ResourceProviderRetrievalFailed(uuid=rp_uuid)
        body = resp.json()
        self._set_generation(rp_uuid, body['resource_provider_generation'])
        return set(body['aggregates']), body['resource_provider_generation']

    def _change_provider_aggregates(self, context, rp_uuid, change):
        """Make the provider's aggregates ``change(current set)``; a
        concurrent change of the provider is read back and retried.
        Returns False when the provider does not exist."""
        for _attempt in range(3):
            found = self.get_provider_aggregates(context, rp_uuid)
            if found is None:
                return False
            current, generation = found
            wanted = change(set(current))
            if wanted == current:
                return True
            resp = self._call(
                context, 'PUT', '/resource_providers/%s/aggregates' % rp_uuid,
                AGGREGATES_VERSION,
                body={'aggregates': sorted(wanted),
                      'resource_provider_generation': generation})
            if resp.status_code == 200:
                self._set_generation(
                    rp_uuid, resp.json()['resource_provider_generation'])
                return True
            code, detail = _error(resp)
            if resp.status_code != 409 or code != CONCURRENT_UPDATE:
                raise exception.ResourceProviderUpdateFailed(
                    url='/resource_providers/%s/aggregates' % rp_uuid,
                    error=detail)
        raise exception.ResourceProviderUpdateConflict(
            uuid=rp_uuid, generation=generation, error=detail)

    def aggregate_add_host(self, context, agg_uuid, rp_uuid):
        """Put the provider ``rp_uuid`` (a compute node) into placement's
        aggregate ``agg_uuid``; idempotent. Returns False when the
        provider does not exist. Raises ``ResourceProviderUpdateConflict``
        when concurrent changes keep winning, else
        ``ResourceProviderUpdateFailed``."""
        return self._change_provider_aggregates(
            context, rp_uuid, lambda current: current | {agg_uuid})

    def aggregate_remove_host(self, context, agg_uuid, rp_uuid):
        """Take the provider out of placement's aggregate ``agg_uuid``;
        idempotent, and raises as ``aggregate_add_host`` does."""
        return self._change_provider_aggregates(
            context, rp_uuid, lambda current: current - {agg_uuid})

    # -- usages ---------------------------------------------------------------

    def get_usages_for_provider(self, context, rp_uuid):
        """Return ``{rc: amount used}`` of the provider.

        Raises ``ResourceProviderRetrievalFailed`` (also when absent).
        """
        resp = self._call(context, 'GET',
                          '/resource_providers/%s/usages' % rp_uuid,
                          USAGES_VERSION)
        if resp.status_code != 200:
            raise exception.ResourceProviderRetrievalFailed(uuid=rp_uuid)
        return resp.json()['usages']

    get_provider_usages = get_usages_for_provider

    # -- scheduling -----------------------------------------------------------

    def get_allocation_candidates(self, context, resources, limit=1000,
                                  required_traits=None, forbidden_traits=None,
                                  member_of=None):
        """Ask placement which providers can satisfy ``resources``.

        ``resources`` maps resource class to amount, e.g.
        ``{'VCPU': 1, 'MEMORY_MB': 512, 'DISK_GB': 1}``; traits are trait
        names; ``member_of`` lists aggregate UUIDs (or lists of UUIDs meaning
        "any of"), each of which must match.

        Returns ``(allocation_requests, provider_summaries,
        allocation_request_version)``: the allocation requests to pass to
        ``claim_resources`` with that version. Returns ``(None, None,
        None)`` when placement refused the query or could not be reached;
        never raises for that.
        """
        url = '/allocation_candidates?' + candidates_query(
            resources, limit, required_traits, forbidden_traits, member_of)
        try:
            resp = self._call(context, 'GET', url, CANDIDATES_VERSION)
        except exception.PlacementAPIConnectFailure:
            return None, None, None
        if resp.status_code != 200:
            LOG.error('Getting allocation candidates failed (%s): %s %s',
                      url, resp.status_code, _error(resp)[1])
            return None, None, None
        body = resp.json()
        return (body['allocation_requests'], body['provider_summaries'],
                CANDIDATES_VERSION)

    def claim_resources(self, context, consumer_uuid, alloc_request,
                        project_id, user_id, allocation_request_version,
                        consumer_generation=None):
        """Write ``alloc_request`` as the allocations of ``consumer_uuid``.

        ``alloc_request`` is one of the allocation requests returned by
        ``get_allocation_candidates``; ``consumer_generation`` is None for a
        consumer without allocations, else the generation last read. Replaces
        whatever the consumer held. Returns True when claimed, False when
        placement refused it: a consumer generation conflict, not enough
        capacity, or a provider or inventory gone meanwhile (409/400). A
        provider generation that changed under the write is retried, up to
        ``CLAIM_ATTEMPTS`` attempts with a jittered exponential backoff.
        """
        version = max(_version_tuple(allocation_request_version),
                      _version_tuple(ALLOCATION_VERSION))
        body = {
            'allocations': {
                rp_uuid: {'resources': alloc['resources']}
                for rp_uuid, alloc in alloc_request['allocations'].items()},
            'project_id': project_id,
            'user_id': user_id,
            'consumer_generation': consumer_generation,
        }
        if alloc_request.get('mappings') and version >= (1, 34):
            body['mappings'] = alloc_request['mappings']
        url = '/allocations/%s' % consumer_uuid
        for attempt in range(1, CLAIM_ATTEMPTS + 1):
            resp = self._call(context, 'PUT', url, '%d.%d' % version,
                              body=body)
            if resp.status_code == 204:
                return True
            code, detail = _error(resp)
            retry = (resp.status_code == 409 and code == CONCURRENT_UPDATE
                     and 'consumer generation conflict' not in detail)
            if not retry or attempt == CLAIM_ATTEMPTS:
                LOG.info('Claim for consumer %s refused: %s %s %s',
                         consumer_uuid, resp.status_code, code, detail)
                return False
            pause = min(CLAIM_BACKOFF * 2 ** (attempt - 1),
                        CLAIM_BACKOFF_MAX)
            time.sleep(pause * random.uniform(0.5, 1.5))
        return False

    # -- allocations ----------------------------------------------------------

    def get_allocs_for_consumer(self, context, consumer):
        """Return placement's view of a consumer's allocations.

        ``{'allocations': {rp_uuid: {'resources': {...}, 'generation': n}},
        'consumer_generation': n or None, 'project_id', 'user_id'}`` (the
        last three only when it has allocations). Raises
        ``ConsumerAllocationRetrievalFailed`` on an error answer.
        """
        resp = self._call(context, 'GET', '/allocations/%s' % consumer,
                          ALLOCATION_VERSION)
        if resp.status_code != 200:
            raise exception.ConsumerAllocationRetrievalFailed(
                consumer_uuid=consumer, error=_error(resp)[1])
        return resp.json()

    def move_allocations(self, context, source_consumer, target_consumer):
        """Hand every allocation of ``source_consumer`` over to
        ``target_consumer`` in one transaction (POST /allocations): the
        source holds nothing afterwards, the target what the source held
        (replacing its own). A migration's UUID holds the source host's
        allocation this way while an instance moves.

        Returns True when done (also when the source held nothing), False
        when placement refused (a concurrent change of either consumer,
        retried once) or could not be reached.
        """
        for attempt in (1, 2):
            try:
                source = self.get_allocs_for_consumer(context,
                                                      source_consumer)
                target = self.get_allocs_for_consumer(context,
                                                      target_consumer)
            except exception.ConsumerAllocationRetrievalFailed as error:
                LOG.error('Cannot move allocations of %s: %s',
                          source_consumer, error)
                return False
            if not source['allocations']:
                return True
            body = {
                source_consumer: {
                    'allocations': {},
                    'project_id': source['project_id'],
                    'user_id': source['user_id'],
                    'consumer_generation': source['consumer_generation'],
                },
                target_consumer: {
                    'allocations': {
                        rp_uuid: {'resources': alloc['resources']}
                        for rp_uuid, alloc in source['allocations'].items()},
                    'project_id': source['project_id'],
                    'user_id': source['user_id'],
                    'consumer_generation': target.get('consumer_generation'),
                },
            }
            try:
                resp = self._call(context, 'POST', '/allocations',
                                  ALLOCATION_VERSION, body=body)
            except exception.PlacementAPIConnectFailure:
                return False
            if resp.status_code == 204:
                return True
            LOG.info('Moving allocations of %s to %s refused (attempt %d): '
                     '%s %s', source_consumer, target_consumer, attempt,
                     resp.status_code, _error(resp)[1])
        return False

    def get_allocations_for_consumer(self, context, consumer):
        """Return ``{rp_uuid: {'resources': {rc: amount}, ...}}``, possibly
        empty; raises ``ConsumerAllocationRetrievalFailed``.
        """
        return self.get_allocs_for_consumer(context, consumer)['allocations']

    def delete_allocation_for_instance(self, context, uuid):
        """Remove every allocation held by consumer ``uuid``.

        Idempotent: returns True when the consumer holds nothing afterwards
        (also when it held nothing), False when placement refused or could
        not be reached (logged; the caller may retry later).
        """
        try:
            resp = self._call(context, 'DELETE', '/allocations/%s' % uuid,
                              ALLOCATION_VERSION)
        except exception.PlacementAPIConnectFailure:
            return False
        if resp.status_code in (204, 404):
            return True
        LOG.error('Deleting allocations of %s failed: %s %s',
                  uuid, resp.status_code, _error(resp)[1])
        return False
