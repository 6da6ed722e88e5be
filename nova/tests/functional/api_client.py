"""A small HTTP client for the Compute API, as a user's client sends it
(no-auth development tokens ``user:project``)."""

import time

import requests

DEFAULT_IMAGE = '155d900f-4e14-4e4c-a73d-069cbf4541e6'


class Client(object):

    def __init__(self, url, user, project, microversion='2.100',
                 token=None):
        self.url = url.rstrip('/')
        self.session = requests.Session()
        self.session.headers.update({
            'X-Auth-Token': token or '%s:%s' % (user, project),
            'Accept': 'application/json',
        })
        self.microversion = microversion

    def request(self, method, path, body=None, microversion=None,
                headers=None, raw_body=None):
        all_headers = {}
        version = microversion or self.microversion
        if version:
            all_headers['OpenStack-API-Version'] = 'compute %s' % version
        if body is not None or raw_body is not None:
            all_headers['Content-Type'] = 'application/json'
        all_headers.update(headers or {})
        return self.session.request(
            method, self.url + path, json=body, data=raw_body,
            headers=all_headers, timeout=60)

    def get(self, path, **kw):
        return self.request('GET', path, **kw)

    def post(self, path, body=None, **kw):
        return self.request('POST', path, body=body, **kw)

    def delete(self, path, **kw):
        return self.request('DELETE', path, **kw)

    # -- servers --------------------------------------------------------

    def create_server(self, name='server', flavor='1', image=DEFAULT_IMAGE,
                      networks='none', **extra):
        body = {'name': name, 'imageRef': image, 'flavorRef': flavor,
                'networks': networks}
        body.update(extra)
        resp = self.post('/servers', {'server': body})
        assert resp.status_code == 202, (resp.status_code, resp.text)
        return resp.json()

    def get_server(self, server_id):
        resp = self.get('/servers/%s' % server_id)
        assert resp.status_code == 200, (resp.status_code, resp.text)
        return resp.json()['server']

    def wait_for_status(self, server_id, statuses, timeout=30):
        statuses = [statuses] if isinstance(statuses, str) else statuses
        deadline = time.time() + timeout
        while True:
            server = self.get_server(server_id)
            if server['status'] in statuses:
                return server
            if time.time() > deadline:
                raise AssertionError('server %s is %s, not %s' % (
                    server_id, server['status'], statuses))
            time.sleep(0.05)

    def wait_until_gone(self, server_id, timeout=30):
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.get('/servers/%s' % server_id).status_code == 404:
                return
            time.sleep(0.05)
        raise AssertionError('server %s was not deleted' % server_id)
