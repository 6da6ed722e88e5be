"""keystoneauth adapters for the services Nova calls over HTTP.

Each service client keeps one ``SharedAdapter`` built from its
configuration group: sessions are reused (connection pools, keep-alive)
across requests, and the adapter is rebuilt only when the group's
``endpoint_override`` changes (tests point it at new servers).
``UserTokenAuth`` lets a request act with the caller's own token.
``REQUEST_ERRORS`` is what a request raises when it gets no response.
"""

import threading

from keystoneauth1 import exceptions as ks_exc
from keystoneauth1 import loading as ks_loading
from keystoneauth1 import plugin as ks_plugin

import nova.conf

CONF = nova.conf.CONF

# What a keystoneauth request raises before any response: no connection,
# a timeout, no endpoint in the catalog, or an identity service refusing
# the credentials a token is asked with. Every one of them means the
# service cannot be used right now.
REQUEST_ERRORS = (ks_exc.ClientException,)


class UserTokenAuth(ks_plugin.BaseAuthPlugin):
    """Auth plugin carrying an existing user token and service catalog."""

    def __init__(self, token, catalog, fallback=None):
        super().__init__()
        self._token = token
        self._catalog = catalog or []
        self._fallback = fallback

    def get_token(self, session, **kwargs):
        return self._token

    def get_endpoint(self, session, service_type=None, interface=None,
                     region_name=None, **kwargs):
        if isinstance(interface, str):
            interface = [interface]
        for entry in self._catalog:
            if entry.get('type') != service_type:
                continue
            for candidate in interface or ['public']:
                for endpoint in entry.get('endpoints', []):
                    if endpoint.get('interface') != candidate:
                        continue
                    if region_name and endpoint.get('region') not in (
                            None, region_name):
                        continue
                    return endpoint.get('url')
        if self._fallback is not None:
            return self._fallback.get_endpoint(
                session, service_type=service_type, interface=interface,
                region_name=region_name, **kwargs)
        return None


class SharedAdapter(object):
    """The adapter of one configuration group, built once."""

    def __init__(self, group):
        self.group = group
        self._lock = threading.Lock()
        # (endpoint_override it was built for, adapter); replaced whole.
        self._built = (None, None)

    def _build(self):
        auth = ks_loading.load_auth_from_conf_options(CONF, self.group)
        session = ks_loading.load_session_from_conf_options(
            CONF, self.group, auth=auth)
        return ks_loading.load_adapter_from_conf_options(
            CONF, self.group, session=session, auth=auth)

    def get(self):
        override = getattr(CONF, self.group).endpoint_override
        built_for, adapter = self._built
        if adapter is not None and built_for == override:
            return adapter
        with self._lock:
            built_for, adapter = self._built
            if adapter is None or built_for != override:
                adapter = self._build()
                self._built = (override, adapter)
            return adapter

    def reset(self):
        """Forget the adapter; the next request builds a new one."""
        with self._lock:
            self._built = (None, None)
