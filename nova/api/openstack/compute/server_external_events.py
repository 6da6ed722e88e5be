"""/os-server-external-events: other services tell Nova about servers.

The network service posts ``network-vif-plugged`` when it has bound a
port of a server; each event goes to the compute host of its server. The
answer lists every event with its own ``code``: 200 accepted, 404 no such
server, 422 the server has no host yet. The response is 200 when all were
accepted, 207 when only some were, 404 when none was.
"""

import webob.exc

from nova.api.openstack.compute.schemas import server_external_events \
    as schemas
from nova.api.openstack import wsgi
from nova.api import validation
from nova.compute import api as compute_api
from nova import exception
from nova.i18n import _
from nova import objects
from nova.policies import server_external_events as policies


def _find(ctx, api, server_uuid, cache):
    """The instance (or None when it does not exist), looked up once."""
    if server_uuid not in cache:
        try:
            cache[server_uuid] = api.get(ctx, server_uuid)
        except exception.InstanceNotFound:
            cache[server_uuid] = None
    return cache[server_uuid]


def _triage(ctx, api, requested):
    """(results for the response, accepted instances, accepted events)."""
    cache, instances, events, results = {}, {}, [], []
    for item in requested:
        result = dict(item)
        result.setdefault('status', 'completed')
        instance = _find(ctx, api, item['server_uuid'], cache)
        if instance is None:
            result.update(status='failed', code=404)
        elif not instance.host:
            result.update(status='failed', code=422)
        else:
            result['code'] = 200
            instances[instance.uuid] = instance
            events.append(objects.InstanceExternalEvent(
                instance_uuid=instance.uuid, name=item['name'],
                status=result['status'], tag=item.get('tag')))
        results.append(result)
    return results, list(instances.values()), events


@wsgi.response(200)
@wsgi.expected_errors(404)
@wsgi.policies(policies.CREATE)
@validation.schema(schemas.create, '2.1', '2.50')
@validation.schema(schemas.create_v251, '2.51', '2.75')
@validation.schema(schemas.create_v276, '2.76', '2.81')
@validation.schema(schemas.create_v282, '2.82', '2.92')
@validation.schema(schemas.create_v293, '2.93')
@validation.response_body_schema(schemas.create_response)
def create(req, body):
    ctx = req.context
    ctx.can(policies.CREATE, target={})
    api = compute_api.API()
    results, instances, events = _triage(ctx, api, body['events'])
    if not events:
        raise webob.exc.HTTPNotFound(
            explanation=_('No instances found for any event'))
    api.external_instance_event(ctx, instances, events)
    code = 200 if all(r['code'] == 200 for r in results) else 207
    return wsgi.ResponseObject({'events': results}, code=code)
