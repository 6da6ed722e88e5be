"""HTTP client of the network service (Neutron v2.0 API) for Nova: the
base of ``nova.network.neutron.API``.

Requests go through one keystoneauth1 adapter built from the
``[neutron]`` options and shared by all threads. Requests made for a user
carry the user's token (``context.auth_token``) and find the endpoint in
the user's catalog unless ``endpoint_override`` is set. Admin requests
(binding ports to hosts, looking at every project's ports) use the
``[neutron]`` auth plugin (service credentials) or, without one,
``[neutron] admin_token`` (the development no-auth mode).

Networking is *configured* when ``[neutron] endpoint_override`` is set or
the caller's catalog has a ``network`` endpoint.

Errors become Nova exceptions: ``NetworkNotFound``/``PortNotFound`` (404),
``NetworkNotAuthorized`` (401/403), ``FixedIpAlreadyInUse`` (an address
taken), ``NetworkConflict`` (another 409, a ``NetworkBadRequest``),
``NetworkBadRequest`` (other 4xx) and ``NetworkServiceUnavailable`` (5xx
or no connection).
"""

import nova.conf
from nova import exception
from nova import ksa

CONF = nova.conf.CONF

SERVICE_TYPE = 'network'


_ADAPTER = ksa.SharedAdapter('neutron')
_get_adapter = _ADAPTER.get
reset = _ADAPTER.reset


def is_configured(context):
    """Whether Nova can reach a network service for this caller."""
    if CONF.neutron.endpoint_override:
        return True
    catalog = getattr(context, 'service_catalog', None) or []
    return any(entry.get('type') == SERVICE_TYPE for entry in catalog)


def _error(response):
    """(type, message) of a Neutron error document."""
    try:
        body = response.json()
    except ValueError:
        return None, response.text[:500]
    if isinstance(body, dict) and isinstance(body.get('NeutronError'), dict):
        error = body['NeutronError']
        return error.get('type'), str(error.get('message', ''))[:500]
    return None, str(body)[:500]


def _translate(response, not_found=None, conflict=None, errors=None):
    """Raise the Nova exception matching an error response.

    ``not_found``/``conflict``: callables returning the exception for a
    404 / a 409 about an address in use. ``errors``: {(status, Neutron
    error type, or None for any): callable(message) returning the
    exception}, looked at first.
    """
    code = response.status_code
    if code < 400:
        return
    kind, message = _error(response)
    for key in ((code, kind), (code, None)):
        if errors and key in errors:
            raise errors[key](message)
    if code == 404 and not_found is not None:
        raise not_found()
    if code in (401, 403):
        raise exception.NetworkNotAuthorized(reason=message)
    if code == 409 and conflict is not None and kind in (
            'IpAddressAlreadyAllocated', 'IpAddressInUse'):
        raise conflict()
    if code == 409:
        raise exception.NetworkConflict(reason=message)
    if code >= 500:
        raise exception.NetworkServiceUnavailable(reason=message)
    raise exception.NetworkBadRequest(reason=message)


class Client(object):
    """Requests to the network service as a context's caller (or as
    Nova, ``admin=True``)."""

    def _auth(self, adapter, context, admin):
        if admin:
            if adapter.auth is not None:
                return adapter.auth
            return ksa.UserTokenAuth(
                CONF.neutron.admin_token,
                getattr(context, 'service_catalog', None))
        if context is not None and context.auth_token:
            return ksa.UserTokenAuth(
                context.auth_token, getattr(context, 'service_catalog', None),
                fallback=adapter.auth)
        return self._auth(adapter, context, True)

    def _request(self, context, method, path, admin=False, not_found=None,
                 conflict=None, errors=None, **kwargs):
        adapter = _get_adapter()
        headers = kwargs.pop('headers', {})
        if getattr(context, 'global_request_id', None):
            headers['X-OpenStack-Request-ID'] = context.global_request_id
        try:
            response = adapter.request(
                path, method, auth=self._auth(adapter, context, admin),
                headers=headers, raise_exc=False,
                connect_retries=CONF.neutron.http_retries, **kwargs)
        except ksa.REQUEST_ERRORS as e:
            raise exception.NetworkServiceUnavailable(reason=str(e))
        _translate(response, not_found, conflict, errors)
        return response

    def _list(self, context, collection, admin=False, **filters):
        return self._request(context, 'GET', '/v2.0/%s' % collection,
                             admin=admin, params=filters).json()[collection]
