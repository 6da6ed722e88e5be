"""The OpenAPI documents made from the route tables are valid OpenAPI 3.0,
load in schemathesis and hold every route."""

import contextlib
import importlib.util
import io
import json
import os

import openapi_spec_validator
import schemathesis

from nova.api import openapi
from nova.api import openapi_builtin
from nova.api import openapi_schema
from nova.api.openstack.compute import routes
from nova.api.openstack import handler
from nova import test

TOOLS = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                     *(['..'] * 4 + ['tools']))


def _operations(doc):
    return {(path, method.upper()) for path, item in doc['paths'].items()
            for method in item}


class ComputeDocumentTest(test.TestCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.docs = {version: openapi.document(version)
                    for version in openapi.versions_covering()}

    def test_documents_are_valid_openapi_3_0(self):
        for version, doc in self.docs.items():
            openapi_spec_validator.validate(doc)
            self.assertEqual('3.0.3', doc['openapi'])
            self.assertEqual(version, doc['info']['version'])

    def test_schemathesis_loads_every_operation(self):
        doc = self.docs['2.100']
        loaded = schemathesis.openapi.from_dict(doc)
        operations = [result.ok() for result in loaded.get_all_operations()]
        self.assertEqual(len(_operations(doc)), len(operations))

    def test_every_route_and_action_is_in_a_document(self):
        documented = set()
        actions = set()
        for doc in self.docs.values():
            documented |= _operations(doc)
            for item in doc['paths'].values():
                for op in item.values():
                    actions |= {(op['operationId'], name)
                                for name in op.get('x-actions', ())}
        for path, methods in routes.ROUTE_TABLE:
            for method, func in methods.items():
                self.assertIn((path, method), documented)
                for name in openapi.actions_of(func) or ():
                    self.assertIn((openapi.operation_id(func), name),
                                  actions)

    def test_one_microversion_per_document(self):
        latest = self.docs['2.100']
        old = self.docs['2.35']
        # /os-networks is served up to 2.35 only.
        self.assertNotIn('/os-networks', latest['paths'])
        self.assertIn('get', old['paths']['/os-networks'])
        header = latest['components']['parameters']['Microversion']
        self.assertEqual(('OpenStack-API-Version', ['compute 2.100']),
                         (header['name'], header['schema']['enum']))
        self.assertEqual(['compute 2.35'], old['components']['parameters'][
            'Microversion']['schema']['enum'])

    def test_operation_details(self):
        ops = self.docs['2.100']['paths']
        create = ops['/servers']['post']
        self.assertEqual('servers.create', create['operationId'])
        self.assertIn('202', create['responses'])
        self.assertIn('400', create['responses'])
        self.assertIn('server', create['requestBody']['content'][
            'application/json']['schema']['properties'])
        names = [p.get('name') for p in ops['/servers']['get']['parameters']]
        self.assertIn('limit', names)
        self.assertIn('changes-since', names)
        show = ops['/servers/{server_id}']['get']
        self.assertEqual({'name': 'server_id', 'in': 'path',
                          'required': True, 'schema': {'type': 'string'}},
                         show['parameters'][0])
        action = ops['/servers/{server_id}/action']['post']
        bodies = action['requestBody']['content']['application/json'][
            'schema']['oneOf']
        self.assertEqual(len(action['x-actions']), len(bodies))
        self.assertIn('lock', action['x-actions'])
        # addFixedIp was removed at 2.44.
        self.assertNotIn('addFixedIp', action['x-actions'])
        self.assertIn('addFixedIp', self.docs['2.43']['paths'][
            '/servers/{server_id}/action']['post']['x-actions'])

    def test_bad_microversion(self):
        self.assertRaises(ValueError, openapi.document, '3.0')
        self.assertRaises(ValueError, openapi.document, 'latest')


class SchemaConversionTest(test.TestCase):

    def test_nullable_and_several_types(self):
        self.assertEqual({'type': 'string', 'nullable': True,
                          'maxLength': 3},
                         openapi_schema.convert({'type': ['string', 'null'],
                                                 'maxLength': 3}))
        converted = openapi_schema.convert(
            {'type': ['boolean', 'string'], 'enum': [True, 'yes', False]})
        self.assertEqual({'anyOf': [
            {'type': 'boolean', 'enum': [True, False]},
            {'type': 'string', 'enum': ['yes']}]}, converted)

    def test_pattern_properties_const_and_empty_required(self):
        converted = openapi_schema.convert({
            'type': 'object', 'required': [],
            'patternProperties': {'^[a-z]+$': {'const': 'x'}},
            'additionalProperties': False,
            'properties': {'n': {'type': 'array'}}})
        self.assertEqual({
            'type': 'object', 'x-patternProperties': ['^[a-z]+$'],
            'additionalProperties': {'enum': ['x']},
            'properties': {'n': {'type': 'array', 'items': {}}}},
            converted)

    def test_draft6_exclusive_minimum(self):
        self.assertEqual({'type': 'integer', 'minimum': 0,
                          'exclusiveMinimum': True},
                         openapi_schema.convert({'type': 'integer',
                                                 'exclusiveMinimum': 0}))

    def test_every_compute_schema_converts_to_valid_openapi(self):
        # Each schema converted alone, inside a minimal document.
        for path, methods in routes.ROUTE_TABLE:
            for method, func in methods.items():
                spec = handler.spec_of(func)
                for kind in ('body_schemas', 'query_schemas',
                             'response_schemas'):
                    for schema, _low, _high in getattr(spec, kind):
                        doc = {'openapi': '3.0.3',
                               'info': {'title': 't', 'version': '1'},
                               'paths': {},
                               'components': {'schemas': {
                                   'S': openapi_schema.convert(schema)}}}
                        openapi_spec_validator.validate(doc)


class BuiltinDocumentTest(test.TestCase):

    def test_every_service_document_is_valid_and_complete(self):
        from nova.builtin.identity import app as identity_app
        from nova.builtin.image import app as image_app
        from nova.builtin.network import app as network_app
        tables = {'network': network_app.ROUTES, 'image': image_app.ROUTES,
                  'identity': identity_app.ROUTES}
        for service in openapi_builtin.SERVICES:
            doc = openapi_builtin.document(service)
            openapi_spec_validator.validate(doc)
            ids = [op['operationId'] for item in doc['paths'].values()
                   for op in item.values()]
            self.assertEqual(len(ids), len(set(ids)), service)
            if service in tables:
                expected = {(path, method)
                            for path, methods in tables[service].items()
                            for method in methods}
                self.assertEqual(expected, _operations(doc), service)
        self.assertRaises(ValueError, openapi_builtin.document, 'nope')

    def test_network_bodies_follow_the_attribute_tables(self):
        doc = openapi_builtin.document('network')
        create = doc['paths']['/v2.0/ports']['post']['requestBody'][
            'content']['application/json']['schema']
        update = doc['paths']['/v2.0/ports/{port_id}']['put'][
            'requestBody']['content']['application/json']['schema']
        self.assertIn('network_id', create['properties']['port'][
            'properties'])
        self.assertNotIn('network_id', update['properties']['port'][
            'properties'])

    def test_placement_has_its_paths_and_version_header(self):
        doc = openapi_builtin.document('placement')
        op = doc['paths']['/resource_providers/{uuid}']['get']
        self.assertEqual(['placement latest'],
                         op['parameters'][-1]['schema']['enum'])


class ToolTest(test.TestCase):

    def _run(self, *argv):
        spec = importlib.util.spec_from_file_location(
            'openapi_tool', os.path.join(TOOLS, 'openapi.py'))
        tool = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(tool)
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            self.assertEqual(0, tool.main(list(argv)))
        return out.getvalue()

    def test_prints_json_yaml_and_versions(self):
        doc = json.loads(self._run('--microversion', '2.35'))
        self.assertEqual('2.35', doc['info']['version'])
        self.assertIn('openapi: 3.0.3', self._run('--service', 'image',
                                                  '--format', 'yaml'))
        self.assertEqual(openapi.versions_covering(),
                         self._run('--list-microversions').split())
