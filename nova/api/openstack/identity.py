"""Checking project IDs with the identity service, as Nova does before it
sets a project's quotas or gives a project access to a flavor.

``verify_project_id`` asks ``GET /v3/projects/{id}`` with the caller's
token: 404 means the project does not exist (400 to the caller). When
the identity service cannot say (no endpoint known, not reachable, the
caller may not read projects) the ID is taken as it is, as in Nova: an
operator without Keystone access can still set quotas.
"""

from oslo_log import log as logging
import webob.exc

import nova.conf
from nova.i18n import _
from nova import ksa

CONF = nova.conf.CONF
LOG = logging.getLogger(__name__)

SERVICE_TYPE = 'identity'

_ADAPTER = ksa.SharedAdapter('keystone')
reset = _ADAPTER.reset


def _endpoint(adapter, auth):
    """The identity v3 URL, or None when no endpoint is known."""
    url = CONF.keystone.endpoint_override or auth.get_endpoint(
        None, service_type=SERVICE_TYPE,
        interface=CONF.keystone.valid_interfaces)
    if not url:
        return None
    url = url.rstrip('/')
    return url if url.endswith('/v3') else url + '/v3'


def project_exists(context, project_id):
    """True when the project exists or the identity service cannot say,
    False when it answered that there is no such project."""
    adapter = _ADAPTER.get()
    auth = ksa.UserTokenAuth(context.auth_token,
                             getattr(context, 'service_catalog', None))
    base = _endpoint(adapter, auth)
    if base is None or not context.auth_token:
        LOG.debug('No identity endpoint to verify project %s', project_id)
        return True
    try:
        response = adapter.request(base + '/projects/%s' % project_id,
                                   'GET', auth=auth, raise_exc=False)
    except ksa.REQUEST_ERRORS as exc:
        LOG.info('Unable to contact the identity service to verify '
                 'project %s: %s', project_id, exc)
        return True
    if response.status_code == 404:
        return False
    if response.status_code >= 300:
        LOG.info('Could not verify project %s with the identity service: '
                 '%s', project_id, response.status_code)
    return True


def verify_project_id(context, project_id):
    """Raise HTTPBadRequest when the identity service says there is no
    project ``project_id``."""
    if not project_exists(context, project_id):
        raise webob.exc.HTTPBadRequest(explanation=_(
            'Project ID %s is not a valid project.') % project_id)
