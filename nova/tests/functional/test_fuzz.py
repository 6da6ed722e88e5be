"""Fuzzing every route of every service of the running cloud: no request,
however made, gets a 5xx (other than 501 for what is not implemented) or
no answer.

schemathesis makes requests, fitting and not fitting the schemas, for
every operation of the OpenAPI documents ``tools/openapi.py`` prints
(the Compute API's at each microversion needed to reach every route and
action, each action on its own; the built-in network, image and identity
services; placement), and hypothesis makes malformed requests of each
kind (invalid UTF-8 in path and query, deeply nested JSON, lone
surrogates, huge integers, truncated bodies) for a few routes of each
service. Seeds are fixed (``derandomize``), so a run is reproducible.
Each test prints ``fuzz: N requests, M 5xx`` (``pytest -rP`` shows it).
"""

import hypothesis
import requests

from nova.api import openapi
from nova.api import openapi_builtin
from nova.tests.fixtures import cloud as cloud_fixture
from nova.tests.fixtures import identity as identity_fixture
from nova.tests.functional import api_client
from nova.tests.functional import fuzzing

# Examples per operation and generation mode (positive, negative).
EXAMPLES = 10
# Examples per route and kind of malformed request.
MALFORMED_EXAMPLES = 6
ADMIN = 'admin:admin'


class TestFuzz(cloud_fixture.SharedCloudTestCase):

    cloud_options = {'network': True}

    def setUp(self):
        super().setUp()
        self.tally = fuzzing.Tally()
        self.urls = dict(self.cloud.cloud.urls)
        self.urls['network'] = self.cloud.network.url
        self.headers = {name: {'X-Auth-Token': ADMIN} for name in (
            'compute', 'network', 'image')}
        self.headers['placement'] = {'X-Auth-Token': 'admin'}

    def _serve_identity(self):
        identity = self.useFixture(identity_fixture.IdentityService())
        self.urls['identity'] = identity.url
        self.headers['identity'] = {
            'X-Auth-Token': identity.session('admin').get_token()}

    def _finish(self, what):
        print('%s (%s)' % (self.tally.summary(), what))
        if self.tally.failures:
            lines = [self.tally.summary()] + self.tally.failures
            self.fail('\n'.join(lines))

    def _fuzz_document(self, service, document, examples, known=None,
                       done=None):
        """Fuzz the operations of ``document`` not in ``done`` (a set of
        (path, METHOD), updated), action dispatchers apart."""
        done = set() if done is None else done
        dispatchers = {path for path, _name, _doc
                       in fuzzing.split_actions(document)}
        for op in fuzzing.operations(document):
            key = (op.path, op.method.upper())
            if key in done or op.path in dispatchers:
                continue
            done.add(key)
            pinned = known if op.method.upper() != 'DELETE' else None
            fuzzing.fuzz_operation(self.tally, service, op,
                                   self.urls[service],
                                   self.headers[service], examples,
                                   path_parameters=pinned)
        return done

    def _known_compute_ids(self):
        """Path parameters of things that exist, so that requests reach
        past the look-up (DELETEs get none: they would remove them)."""
        admin = self.cloud.admin_api
        server = admin.create_server(name='fuzzed')['server']
        admin.wait_for_status(server['id'], 'ACTIVE')
        return {'server_id': server['id'], 'flavor_id': '1',
                'image_id': api_client.DEFAULT_IMAGE,
                'tenant_id': 'admin', 'quota_class': 'default',
                'host_name': self.cloud.computes[0].host}

    def test_compute_api_every_route_and_action(self):
        known = self._known_compute_ids()
        done = set()
        actions_done = set()
        for version in reversed(openapi.versions_covering()):
            document = openapi.document(version, server_url='/')
            self._fuzz_document('compute', document, EXAMPLES, known, done)
            for path, name, single in fuzzing.split_actions(document):
                if (path, name) in actions_done:
                    continue
                actions_done.add((path, name))
                for op in fuzzing.operations(single):
                    fuzzing.fuzz_operation(
                        self.tally, 'compute', op, self.urls['compute'],
                        self.headers['compute'], EXAMPLES,
                        path_parameters=known)
        self.assertGreater(len(actions_done), 40)
        self._finish('Compute API, schemathesis')

    def test_builtin_services_every_route(self):
        self._serve_identity()
        for service in openapi_builtin.SERVICES:
            self._fuzz_document(service, openapi_builtin.document(service),
                                EXAMPLES)
        self._finish('network, image, identity, placement, schemathesis')

    # -- malformed requests ---------------------------------------------

    def _send(self, service, method, path, kind, data=None):
        url = self.urls[service] + path
        headers = dict(self.headers[service])
        if data is not None:
            headers['Content-Type'] = 'application/json'
        if service == 'compute':
            headers['OpenStack-API-Version'] = 'compute 2.100'
        if service == 'placement':
            headers['OpenStack-API-Version'] = 'placement latest'
        if isinstance(data, str):
            # NOTE: lone surrogates are not encodable; the escapes stay
            # text and the bytes are plain ASCII.
            data = data.encode('utf-8')
        try:
            response = requests.request(method, url, data=data,
                                        headers=headers, timeout=60)
        except requests.RequestException as e:
            self.tally.record(service, method, url, kind, error=e)
            return
        self.tally.record(service, method, url, kind, response=response)

    def _each(self, strategy, send):
        @fuzzing.settings(MALFORMED_EXAMPLES)
        @hypothesis.given(value=strategy)
        def run(value):
            send(value)
        run()

    def test_malformed_requests_on_every_service(self):
        self._serve_identity()
        for service, target in MALFORMED.items():
            self._malformed(service, target)
        self._finish('malformed requests, hypothesis')

    def _malformed(self, service, target):
        method, path, make_body = target['create']
        self._each(fuzzing.invalid_utf8(), lambda v: self._send(
            service, 'GET', target['item'] % v, 'invalid UTF-8 in path'))
        self._each(fuzzing.invalid_utf8(), lambda v: self._send(
            service, 'GET', target['query'] % v, 'invalid UTF-8 in query'))
        self._each(fuzzing.deeply_nested(target['nest']), lambda v: (
            self._send(service, method, path, 'deeply nested JSON', v)))
        self._each(fuzzing.lone_surrogates(make_body), lambda v: self._send(
            service, method, path, 'lone surrogate', v))
        huge_method, huge_path, huge_body = target['huge']
        self._each(fuzzing.huge_integers(), lambda v: self._send(
            service, huge_method, huge_path if huge_body else huge_path % v,
            'huge integer', huge_body(v) if huge_body else None))
        self._each(fuzzing.truncated(target['valid']), lambda v: (
            self._send(service, method, path, 'truncated body', v)))


def _text_body(template):
    """A JSON text body made from ``template`` with the (already escaped)
    string value in place of ``%s``."""
    return lambda escaped: template % escaped


# Per service: a route for one item (%s = path segment), a list with a
# query (%s = value), a create (method, path, body of an escaped string),
# the key nested deep, a route taking an integer (%s or body of it) and a
# valid create body to cut short.
MALFORMED = {
    'compute': {
        'item': '/servers/%s', 'query': '/servers/detail?name=%s',
        'create': ('POST', '/os-keypairs',
                   _text_body('{"keypair": {"name": "%s"}}')),
        'nest': 'keypair',
        'huge': ('POST', '/flavors', lambda n: (
            '{"flavor": {"name": "f", "ram": %d, "vcpus": 1, "disk": 1}}'
            % n)),
        'valid': {'keypair': {'name': 'k', 'type': 'ssh'}},
    },
    'network': {
        'item': '/v2.0/ports/%s', 'query': '/v2.0/ports?name=%s',
        'create': ('POST', '/v2.0/networks',
                   _text_body('{"network": {"name": "%s"}}')),
        'nest': 'network',
        'huge': ('POST', '/v2.0/networks', lambda n: (
            '{"network": {"name": "n", "mtu": %d}}' % n)),
        'valid': {'network': {'name': 'n', 'admin_state_up': True}},
    },
    'image': {
        'item': '/v2/images/%s', 'query': '/v2/images?name=%s',
        'create': ('POST', '/v2/images', _text_body('{"name": "%s"}')),
        'nest': 'name',
        'huge': ('POST', '/v2/images', lambda n: (
            '{"name": "i", "min_ram": %d}' % n)),
        'valid': {'name': 'i', 'disk_format': 'raw',
                  'container_format': 'bare'},
    },
    'identity': {
        'item': '/v3/users/%s', 'query': '/v3/users?name=%s',
        'create': ('POST', '/v3/projects',
                   _text_body('{"project": {"name": "%s"}}')),
        'nest': 'project',
        'huge': ('GET', '/v3/projects?limit=%d', None),
        'valid': {'project': {'name': 'p', 'domain_id': 'default'}},
    },
    'placement': {
        'item': '/resource_providers/%s',
        'query': '/resource_providers?name=%s',
        'create': ('POST', '/resource_providers',
                   _text_body('{"name": "%s"}')),
        'nest': 'name',
        'huge': ('GET', '/allocation_candidates?resources=VCPU:%d&limit=1',
                 None),
        'valid': {'name': 'rp'},
    },
}
