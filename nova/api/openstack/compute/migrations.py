"""/os-migrations (admin): the moves of servers in every cell, newest
first; and /servers/{server_id}/migrations[/{migration_id}] (2.23): a
server's live migrations in progress, which an admin may force to
complete (``POST .../{migration_id}/action`` ``{"force_complete": null}``,
2.22) or abort (``DELETE .../{migration_id}``, 2.24; also while
``queued`` or ``preparing`` from 2.65).

Filters of /os-migrations: host (source or destination), status,
instance_uuid, source_compute, migration_type (2.23), hidden; paging by
migration UUID with limit/marker and changes-since from 2.59,
changes-before from 2.66, user_id/project_id from 2.80. The view grows
with the microversion: migration_type and links (2.23), uuid (2.59),
user_id and project_id (2.80).
"""

from oslo_utils import strutils
from oslo_utils import timeutils
import webob.exc

from nova.api.openstack import api_version_request as avr
from nova.api.openstack import common
from nova.api.openstack.compute import action_runner
from nova.api.openstack.compute.schemas import migrations as schemas
from nova.api.openstack.compute import servers
from nova.api.openstack import wsgi
from nova.api import validation
from nova.compute import api as compute_api
from nova import context as nova_context
from nova import exception
from nova.i18n import _
from nova import objects
from nova.policies import migrations as policies

_EXACT = ('status', 'instance_uuid', 'source_compute', 'host')
_LIVE_IN_PROGRESS = ('queued', 'preparing', 'running', 'post-migrating')


def _time(value):
    # Nova shows these naive, with microseconds.
    return value.strftime('%Y-%m-%dT%H:%M:%S.%f') if value else None


def _view(req, migration):
    view = {key: getattr(migration, key) for key in (
        'id', 'status', 'instance_uuid', 'source_node', 'source_compute',
        'dest_node', 'dest_compute', 'dest_host', 'old_instance_type_id',
        'new_instance_type_id')}
    view['created_at'] = _time(migration.created_at)
    view['updated_at'] = _time(migration.updated_at)
    if avr.is_supported(req, '2.23'):
        view['migration_type'] = migration.migration_type
        if (migration.migration_type == 'live-migration' and
                migration.status in _LIVE_IN_PROGRESS):
            view['links'] = common.resource_links(
                req, 'servers/%s/migrations' % migration.instance_uuid,
                migration.id)
    if avr.is_supported(req, '2.59'):
        view['uuid'] = migration.uuid
    if avr.is_supported(req, '2.80'):
        view['user_id'] = migration.user_id
        view['project_id'] = migration.project_id
    return view


def _time_filter(req, name):
    value = common.last_value(req, name)
    if value is None:
        return None
    try:
        return timeutils.normalize_time(timeutils.parse_isotime(value))
    except ValueError:
        raise webob.exc.HTTPBadRequest(
            explanation=_('Invalid %s value') % name)


def _filters(req):
    filters = {}
    for key in _EXACT:
        value = common.last_value(req, key)
        if value is not None:
            filters[key] = value
    if avr.is_supported(req, '2.23'):
        value = common.last_value(req, 'migration_type')
        if value is not None:
            filters['migration_type'] = value
    hidden = common.last_value(req, 'hidden')
    filters['hidden'] = strutils.bool_from_string(hidden) if hidden else (
        False)
    if avr.is_supported(req, '2.59'):
        filters['changes-since'] = _time_filter(req, 'changes-since')
    if avr.is_supported(req, '2.66'):
        filters['changes-before'] = _time_filter(req, 'changes-before')
        if (filters['changes-since'] and filters['changes-before'] and
                filters['changes-since'] > filters['changes-before']):
            raise webob.exc.HTTPBadRequest(explanation=_(
                'The value of changes-since must be less than or equal to '
                'changes-before.'))
    if avr.is_supported(req, '2.80'):
        for key in ('user_id', 'project_id'):
            value = common.last_value(req, key)
            if value is not None:
                filters[key] = value
    return filters


def _all_cells(ctx, filters, limit, marker):
    """Migrations of every cell, newest first, at most ``limit``."""
    found, marker_seen = [], marker is None
    for cell in compute_api.CELLS.all(ctx):
        with nova_context.target_cell(ctx, cell) as cctxt:
            try:
                found.extend(objects.MigrationList.get_by_filters(
                    cctxt, filters, limit=limit, marker=marker))
                marker_seen = True
            except exception.MarkerNotFound:
                continue
    if not marker_seen:
        raise webob.exc.HTTPBadRequest(explanation=exception.MarkerNotFound(
            marker=marker).format_message())
    found.sort(key=lambda m: (m.created_at, m.id), reverse=True)
    return found[:limit] if limit is not None else found


@wsgi.expected_errors(400)
@wsgi.policies(policies.INDEX)
@validation.query_schema(schemas.index_query, '2.1', '2.58')
@validation.query_schema(schemas.index_query_v259, '2.59', '2.65')
@validation.query_schema(schemas.index_query_v266, '2.66', '2.79')
@validation.query_schema(schemas.index_query_v280, '2.80')
@validation.response_body_schema(schemas.index_response)
def index(req):
    ctx = req.context
    ctx.can(policies.INDEX, target={})
    limit = marker = None
    if avr.is_supported(req, '2.59'):
        limit, marker = common.get_limit_and_marker(req)
    migrations = _all_cells(ctx, _filters(req), limit, marker)
    body = {'migrations': [_view(req, m) for m in migrations]}
    if limit and len(migrations) == limit:
        body['migrations_links'] = [common.next_link(
            req, 'os-migrations', migrations[-1].uuid)]
    return body


# -- /servers/{server_id}/migrations ----

def _server_view(req, migration):
    view = {key: getattr(migration, key) for key in (
        'id', 'status', 'source_node', 'source_compute', 'dest_node',
        'dest_compute', 'dest_host')}
    view['server_uuid'] = migration.instance_uuid
    view['created_at'] = _time(migration.created_at)
    view['updated_at'] = _time(migration.updated_at)
    for kind in ('memory', 'disk'):
        for part in ('total', 'processed', 'remaining'):
            view['%s_%s_bytes' % (kind, part)] = getattr(
                migration, '%s_%s' % (kind, part))
    if avr.is_supported(req, '2.59'):
        view['uuid'] = migration.uuid
    if avr.is_supported(req, '2.80'):
        view['user_id'] = migration.user_id
        view['project_id'] = migration.project_id
    return view


def _live_migrations(req, server_id, rule):
    ctx = req.context
    try:
        instance = compute_api.API().get(ctx, server_id)
        mapping = objects.InstanceMapping.get_by_instance_uuid(ctx,
                                                               server_id)
    except (exception.InstanceNotFound,
            exception.InstanceMappingNotFound) as exc:
        raise webob.exc.HTTPNotFound(explanation=exc.format_message())
    # NOTE: after the look-up, as in Nova: another project's server is
    # hidden (404) rather than refused.
    ctx.can(rule, target=action_runner.target(instance))
    if mapping.cell_mapping is None:
        return []
    with nova_context.target_cell(ctx, mapping.cell_mapping) as cctxt:
        return list(objects.MigrationList.get_by_filters(
            cctxt, {'instance_uuid': instance.uuid,
                    'migration_type': 'live-migration',
                    'status': list(_LIVE_IN_PROGRESS)}))


@wsgi.expected_errors(404)
@wsgi.api_version('2.23')
@wsgi.policies(policies.SERVER_INDEX)
@validation.query_schema(schemas.server_query)
@validation.response_body_schema(schemas.server_index_response)
def server_index(req, server_id):
    return {'migrations': [
        _server_view(req, m) for m in _live_migrations(
            req, server_id, policies.SERVER_INDEX)]}


@wsgi.expected_errors(404)
@wsgi.api_version('2.23')
@wsgi.policies(policies.SERVER_SHOW)
@validation.query_schema(schemas.server_query)
@validation.response_body_schema(schemas.server_show_response)
def server_show(req, server_id, migration_id):
    for migration in _live_migrations(req, server_id, policies.SERVER_SHOW):
        if str(migration.id) == migration_id:
            return {'migration': _server_view(req, migration)}
    raise webob.exc.HTTPNotFound(explanation=_(
        'In-progress live migration %(id)s is not found for server '
        '%(uuid)s.') % {'id': migration_id, 'uuid': server_id})


# -- force complete and abort ----

def _steer(req, server_id, rule, call):
    """Find the server, check ``rule`` and ``call(ctx, instance)``;
    None (202). 409: the server's state or lock; 404: no such server."""
    ctx = req.context
    instance = servers.get(ctx, server_id, None)
    ctx.can(rule, target=action_runner.target(instance))
    action_runner.start(ctx, instance, call)


@wsgi.response(202)
@wsgi.expected_errors((400, 404, 409))
@wsgi.api_version('2.22')
@wsgi.policies(policies.FORCE_COMPLETE)
@validation.schema(schemas.force_complete)
@validation.response_body_schema(schemas.no_body_response)
def force_complete(req, server_id, migration_id, body):
    """400 when the migration is not this server's running live
    migration (Nova answers 400 for both)."""
    try:
        _steer(req, server_id, policies.FORCE_COMPLETE,
               lambda ctx, instance:
               compute_api.API().live_migrate_force_complete(
                   ctx, instance, migration_id))
    except (exception.MigrationNotFoundForInstance,
            exception.InvalidMigrationState) as exc:
        raise webob.exc.HTTPBadRequest(explanation=exc.format_message())


@wsgi.response(202)
@wsgi.expected_errors((400, 404, 409))
@wsgi.api_version('2.24')
@wsgi.policies(policies.ABORT)
@validation.query_schema(schemas.server_query)
@validation.response_body_schema(schemas.no_body_response)
def abort(req, server_id, migration_id):
    """404 when the server has no such live migration, 400 when it is
    past (or, before 2.65, not yet at) the stage an abort can stop."""
    abort_queued = avr.is_supported(req, '2.65')
    try:
        _steer(req, server_id, policies.ABORT,
               lambda ctx, instance: compute_api.API().live_migrate_abort(
                   ctx, instance, migration_id, abort_queued))
    except exception.MigrationNotFoundForInstance as exc:
        raise webob.exc.HTTPNotFound(explanation=exc.format_message())
    except exception.InvalidMigrationState as exc:
        raise webob.exc.HTTPBadRequest(explanation=exc.format_message())
