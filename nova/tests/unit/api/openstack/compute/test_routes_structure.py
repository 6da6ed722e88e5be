"""Structural checks over the route table.

Every route's handler must declare: a policy rule that is registered, a
query schema (GET, DELETE) or body schema (POST, PUT) and a response
schema, each covering every microversion from 2.1 to the maximum exactly
once, and every schema must itself be valid.
"""

import jsonschema

from nova.api.openstack import api_version_request as avr
from nova.api.openstack.compute import routes
from nova.api.openstack import handler
from nova import policies
from nova import test


def _all_versions():
    top = avr.max_api_version().ver_minor
    return [avr.APIVersionRequest('2.%d' % minor)
            for minor in range(1, top + 1)]


def _handlers():
    for path, methods in routes.ROUTE_TABLE:
        for method, func in methods.items():
            yield path, method, func


class RouteStructureTest(test.TestCase):

    def _check_cover(self, where, schemas, spec):
        self.assertTrue(schemas, '%s declares no schema' % where)
        for version in _all_versions():
            if not version.matches(spec.min_version, spec.max_version):
                continue
            hits = [s for s, low, high in schemas
                    if version.matches(low, high)]
            self.assertEqual(1, len(hits), '%s: %d schemas at %s' % (
                where, len(hits), version))

    def test_every_route_is_fully_described(self):
        registered = {rule.name for rule in policies.list_rules()}
        for path, method, func in _handlers():
            where = '%s %s (%s)' % (method, path, func.__qualname__)
            spec = handler.spec_of(func)
            self.assertTrue(spec.policies, '%s has no policy' % where)
            for rule in spec.policies:
                self.assertIn(rule, registered, where)
            if method in ('POST', 'PUT'):
                self._check_cover(where + ' body', spec.body_schemas, spec)
            else:
                self._check_cover(where + ' query', spec.query_schemas,
                                  spec)
            self._check_cover(where + ' response', spec.response_schemas,
                              spec)

    def test_schemas_are_valid(self):
        for path, method, func in _handlers():
            spec = handler.spec_of(func)
            for kind in ('body_schemas', 'query_schemas',
                         'response_schemas'):
                for schema, _low, _high in getattr(spec, kind):
                    jsonschema.Draft4Validator.check_schema(schema)

    def test_no_regex_in_path_parameters(self):
        for path, _methods in routes.ROUTE_TABLE:
            for segment in path.strip('/').split('/'):
                if segment.startswith('{'):
                    self.assertRegex(segment, r'^\{[a-z_]+\}$', path)

    def test_latest_is_2_100(self):
        self.assertEqual('2.100', avr.MAX_API_VERSION)
        self.assertEqual('2.1', avr.MIN_API_VERSION)
