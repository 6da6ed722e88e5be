"""Handlers of the ``/v3`` resources: projects, users, roles, role
assignments, domains, services and endpoints.

Listing and creating need the admin role; a user may also show itself and
the projects it has a role on. Services and endpoints are read-only views
of the catalog the app was made with.
"""

from nova.builtin.identity import catalog as service_catalog
from nova.builtin.identity import credentials
from nova.builtin.identity import errors
from nova.builtin.identity import rest
from nova.builtin.identity import store as identity_store
from nova.builtin.identity import views


def _require_admin(caller, action):
    if not caller.is_admin:
        raise errors.forbidden('identity:' + action)


def _load(loader, ident):
    try:
        return loader(ident)
    except identity_store.NotFound as e:
        raise errors.not_found(str(e))


def _in_default_domain(req):
    domain_id = req.GET.get('domain_id')
    return domain_id in (None, credentials.DEFAULT_DOMAIN_ID)


def _entity(req, key, allowed):
    """The ``{key: {...}}`` object of a create request, checked by type.

    ``allowed`` maps each accepted field to its type; a ``name`` is
    required. Other fields are ignored, as Keystone keeps them as extras.
    """
    entity = rest.json_body(req).get(key)
    if not isinstance(entity, dict):
        raise errors.bad_request(
            "Invalid input for field '%s': expected an object." % key)
    values = {}
    for field, kind in allowed.items():
        if field not in entity:
            continue
        value = entity[field]
        if not isinstance(value, kind) or (kind is str and not value and
                                           field != 'description'):
            raise errors.bad_request(
                "Invalid input for field '%s.%s'." % (key, field))
        values[field] = value
    if 'name' not in values or len(values['name']) > 255:
        raise errors.bad_request(
            "Invalid input for field '%s.name': a name of 1 to 255 "
            "characters is required." % key)
    if entity.get('domain_id', credentials.DEFAULT_DOMAIN_ID) != \
            credentials.DEFAULT_DOMAIN_ID:
        raise errors.bad_request('Only the default domain exists.')
    return values


def _created(doc):
    return rest.json_response(doc, status=201)


# -- projects --------------------------------------------------------------

def list_projects(app, req, caller):
    _require_admin(caller, 'list_projects')
    base = app.base_url(req)
    records = (app.store.list_projects(name=req.GET.get('name'))
               if _in_default_domain(req) else [])
    return rest.json_response(views.collection(
        base, '/v3/projects', 'projects',
        [views.project(base, record) for record in records]))


def show_project(app, req, caller, project_id):
    record = _load(app.store.get_project, project_id)
    if not caller.is_admin and not app.store.roles_on(caller.user_id,
                                                      project_id):
        raise errors.forbidden('identity:get_project')
    return rest.json_response(
        {'project': views.project(app.base_url(req), record)})


def create_project(app, req, caller):
    _require_admin(caller, 'create_project')
    values = _entity(req, 'project', {'name': str, 'description': str,
                                      'enabled': bool})
    try:
        record = app.store.create_project(**values)
    except identity_store.Conflict as e:
        raise errors.conflict(str(e))
    return _created({'project': views.project(app.base_url(req), record)})


# -- users -----------------------------------------------------------------

def list_users(app, req, caller):
    _require_admin(caller, 'list_users')
    base = app.base_url(req)
    records = (app.store.list_users(name=req.GET.get('name'))
               if _in_default_domain(req) else [])
    return rest.json_response(views.collection(
        base, '/v3/users', 'users',
        [views.user(base, record) for record in records]))


def show_user(app, req, caller, user_id):
    if not caller.is_admin and caller.user_id != user_id:
        raise errors.forbidden('identity:get_user')
    record = _load(app.store.get_user, user_id)
    return rest.json_response({'user': views.user(app.base_url(req),
                                                  record)})


def create_user(app, req, caller):
    _require_admin(caller, 'create_user')
    values = _entity(req, 'user', {
        'name': str, 'password': str, 'enabled': bool,
        'default_project_id': str, 'description': str, 'email': str})
    if 'default_project_id' in values:
        try:
            app.store.get_project(values['default_project_id'])
        except identity_store.NotFound as e:
            raise errors.bad_request(str(e))
    try:
        record = app.store.create_user(**values)
    except identity_store.Conflict as e:
        raise errors.conflict(str(e))
    return _created({'user': views.user(app.base_url(req), record)})


# -- roles and assignments -------------------------------------------------

def list_roles(app, req, caller):
    _require_admin(caller, 'list_roles')
    base = app.base_url(req)
    records = app.store.list_roles(name=req.GET.get('name'))
    return rest.json_response(views.collection(
        base, '/v3/roles', 'roles',
        [views.role(base, record) for record in records]))


def show_role(app, req, caller, role_id):
    _require_admin(caller, 'get_role')
    record = _load(app.store.get_role, role_id)
    return rest.json_response({'role': views.role(app.base_url(req),
                                                  record)})


def grant_role(app, req, caller, project_id, user_id, role_id):
    _require_admin(caller, 'create_grant')
    try:
        app.store.add_assignment(user_id, project_id, role_id)
    except identity_store.NotFound as e:
        raise errors.not_found(str(e))
    return rest.empty_response()


def list_role_assignments(app, req, caller):
    _require_admin(caller, 'list_role_assignments')
    base = app.base_url(req)
    records = app.store.list_assignments(
        user_id=req.GET.get('user.id'),
        project_id=req.GET.get('scope.project.id'),
        role_id=req.GET.get('role.id'))
    return rest.json_response(views.collection(
        base, '/v3/role_assignments', 'role_assignments',
        [views.role_assignment(base, record) for record in records]))


# -- domains, services, endpoints ------------------------------------------

def list_domains(app, req, caller):
    _require_admin(caller, 'list_domains')
    base = app.base_url(req)
    name = req.GET.get('name')
    domains = [views.default_domain(base)]
    if name is not None and name != credentials.DEFAULT_DOMAIN_NAME:
        domains = []
    return rest.json_response(
        views.collection(base, '/v3/domains', 'domains', domains))


def show_domain(app, req, caller, domain_id):
    if domain_id != credentials.DEFAULT_DOMAIN_ID:
        raise errors.not_found('Could not find domain: %s.' % domain_id)
    return rest.json_response(
        {'domain': views.default_domain(app.base_url(req))})


def list_services(app, req, caller):
    _require_admin(caller, 'list_services')
    base = app.base_url(req)
    records = service_catalog.services(app.endpoints(req))
    kind = req.GET.get('type')
    return rest.json_response(views.collection(
        base, '/v3/services', 'services',
        [views.service(base, record) for record in records
         if kind is None or record['type'] == kind]))


def list_endpoints(app, req, caller):
    _require_admin(caller, 'list_endpoints')
    base = app.base_url(req)
    records = service_catalog.endpoint_list(app.endpoints(req))
    wanted = {key: req.GET[key] for key in ('interface', 'service_id')
              if key in req.GET}
    return rest.json_response(views.collection(
        base, '/v3/endpoints', 'endpoints',
        [views.endpoint(base, record) for record in records
         if all(record[k] == v for k, v in wanted.items())]))
