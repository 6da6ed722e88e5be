"""An admin manages flavors over HTTP as Nova serves them: creates them
(ids, sizes, names, description), describes them (2.55), sets their
extra specs (validated from 2.86) and decides which projects may use a
private one; other users see and boot only what they may."""

from oslo_policy import policy as oslo_policy

from nova import policy
from nova.tests.fixtures import cloud as cloud_fixture

MISSING = 'no-such-flavor'
MAX_INT = 2147483647


class FlavorTestBase(cloud_fixture.SharedCloudTestCase):

    def setUp(self):
        super().setUp()
        self.admin = self.cloud.admin_api
        self.demo = self.cloud.api_for('demo', 'demo')
        self.alt = self.cloud.api_for('alt', 'alt')
        self.count = 0

    def _name(self):
        self.count += 1
        return '%s-%d' % (self.id().rsplit('.', 1)[-1], self.count)

    def create(self, microversion=None, expect=200, **flavor):
        body = dict({'name': self._name(), 'ram': 64, 'vcpus': 1,
                     'disk': 1}, **flavor)
        resp = self.admin.post('/flavors', {'flavor': body},
                               microversion=microversion)
        self.assertEqual(expect, resp.status_code, (flavor, resp.text))
        if resp.status_code != 200:
            return resp.json()
        created = resp.json()['flavor']
        self.addCleanup(self.admin.delete, '/flavors/%s' % created['id'])
        return created

    def assert_error(self, resp, status, message=None):
        self.assertEqual(status, resp.status_code, resp.text)
        fault = list(resp.json().values())[0]
        self.assertEqual(status, fault['code'])
        if message is not None:
            self.assertIn(message, fault['message'])

    def put(self, api, path, body, **kw):
        return api.request('PUT', path, body, **kw)

    def deny(self, rule):
        """Deny ``rule`` to everyone for the rest of the test."""
        policy.get_enforcer().set_rules(
            oslo_policy.Rules.from_dict({rule: '!'}), overwrite=False,
            use_conf=False)
        self.addCleanup(policy.reset)


class TestFlavorCreate(FlavorTestBase):

    def test_ids_as_nova_takes_them(self):
        self.assertEqual('f-1', self.create(id='f-1')['id'])
        self.assertEqual('4242', self.create(id=4242)['id'])
        # Absent, null or 0: a generated UUID.
        for flavor in (self.create(), self.create(id=None),
                       self.create(id=0)):
            self.assertEqual(36, len(flavor['id']), flavor)
        for bad in ('', ' x', 'a/b', 'x' * 256, ['1'], True):
            self.create(id=bad, expect=400)
        self.assert_error(self.admin.post('/flavors', {'flavor': {
            'name': self._name(), 'id': 'f-1', 'ram': 64, 'vcpus': 1,
            'disk': 1}}), 409, 'Flavor with ID f-1 already exists.')
        taken = self.create()['name']
        self.assert_error(self.admin.post('/flavors', {'flavor': {
            'name': taken, 'ram': 64, 'vcpus': 1, 'disk': 1}}), 409,
            'Flavor with name %s already exists.' % taken)

    def test_sizes_must_fit_the_database(self):
        flavor = self.create(ram=MAX_INT, vcpus=str(MAX_INT), disk='0',
                             swap=0, rxtx_factor='1.5',
                             **{'OS-FLV-EXT-DATA:ephemeral': MAX_INT})
        self.assertEqual((MAX_INT, MAX_INT, 0, 1.5), (
            flavor['ram'], flavor['vcpus'], flavor['disk'],
            flavor['rxtx_factor']))
        for field, value, message in (
                ('ram', MAX_INT + 1, None),
                ('ram', str(MAX_INT + 1), 'ram must be <= 2147483647'),
                ('ram', 0, None), ('ram', '0', 'ram must be >= 1'),
                ('vcpus', '0', 'vcpus must be >= 1'),
                ('disk', -1, None), ('disk', str(MAX_INT + 1), 'disk must'),
                ('swap', MAX_INT + 1, None),
                ('swap', str(MAX_INT + 1), 'swap must be <= 2147483647'),
                ('OS-FLV-EXT-DATA:ephemeral', str(MAX_INT + 1),
                 'ephemeral must be <= 2147483647'),
                ('ram', 1.5, None), ('ram', 'lots', None),
                ('rxtx_factor', 0, None),
                ('rxtx_factor', '0', "'rxtx_factor' argument must be a "
                                     "float between 0 and 3.40282e+38"),
                ('rxtx_factor', 3.5e38, None),
                ('rxtx_factor', '4' + '0' * 38, "'rxtx_factor' argument"),
                ('os-flavor-access:is_public', 'maybe', None)):
            resp = self.admin.post('/flavors', {'flavor': dict(
                {'name': self._name(), 'ram': 64, 'vcpus': 1, 'disk': 1},
                **{field: value})})
            self.assert_error(resp, 400, message)

    def test_name_rules(self):
        self.assertEqual('petit déjeuner', self.create(
            name='petit déjeuner')['name'])
        for bad in ('', ' lead', 'trail ', 'a\x00b', 'a\nb', 'x' * 256, 5):
            self.create(name=bad, expect=400)
        self.create(expect=400, unknown='field')

    def test_non_admins_cannot_manage_flavors(self):
        flavor = self.create()
        path = '/flavors/%s' % flavor['id']
        self.assert_error(self.demo.post('/flavors', {'flavor': {
            'name': self._name(), 'ram': 64, 'vcpus': 1, 'disk': 1}}), 403)
        self.assert_error(self.put(self.demo, path, {'flavor': {
            'description': 'x'}}), 403)
        self.assert_error(self.demo.delete(path), 403)
        self.assertEqual(200, self.demo.get(path).status_code)

    def test_description_from_2_55(self):
        self.create(microversion='2.54', description='x', expect=400)
        flavor = self.create(microversion='2.55', description='small one')
        self.assertEqual('small one', flavor['description'])
        path = '/flavors/%s' % flavor['id']
        self.assertNotIn('description', self.admin.get(
            path, microversion='2.54').json()['flavor'])
        self.create(microversion='2.55', description='a\nb', expect=400)
        self.create(microversion='2.55', description='x' * 65536,
                    expect=400)
        self.assertEqual('x' * 65535, self.create(
            microversion='2.55', description='x' * 65535)['description'])
        # PUT changes the description only, from 2.55.
        self.assert_error(self.put(self.admin, path, {'flavor': {
            'description': 'y'}}, microversion='2.54'), 404)
        resp = self.put(self.admin, path, {'flavor': {
            'description': 'bigger now'}}, microversion='2.55')
        self.assertEqual(200, resp.status_code, resp.text)
        self.assertEqual(('bigger now', 64), (
            resp.json()['flavor']['description'],
            resp.json()['flavor']['ram']))
        self.assertNotIn('extra_specs', resp.json()['flavor'])
        self.assertEqual({}, self.put(self.admin, path, {'flavor': {
            'description': None}}).json()['flavor']['extra_specs'])
        self.assertIsNone(self.admin.get(path).json()['flavor'][
            'description'])
        for body in ({'flavor': {'name': 'renamed'}}, {'flavor': {}},
                     {'flavor': {'description': 'x', 'ram': 1}},
                     {'description': 'x'}):
            self.assert_error(self.put(self.admin, path, body), 400)
        self.assert_error(self.put(self.admin, '/flavors/' + MISSING, {
            'flavor': {'description': 'x'}}), 404)


class TestFlavorExtraSpecs(FlavorTestBase):

    def setUp(self):
        super().setUp()
        self.flavor = self.create()
        self.path = '/flavors/%s/os-extra_specs' % self.flavor['id']

    def test_set_list_show_update_delete(self):
        self.assertEqual({'extra_specs': {}},
                         self.demo.get(self.path).json())
        body = {'extra_specs': {'hw:cpu_policy': 'shared',
                                'hw:numa_nodes': 1}}
        resp = self.admin.post(self.path, body)
        self.assertEqual((200, body), (resp.status_code, resp.json()))
        specs = {'hw:cpu_policy': 'shared', 'hw:numa_nodes': '1'}
        self.assertEqual({'extra_specs': specs},
                         self.demo.get(self.path).json())
        self.assertEqual({'hw:numa_nodes': '1'}, self.demo.get(
            self.path + '/hw:numa_nodes').json())
        resp = self.put(self.admin, self.path + '/hw:numa_nodes',
                        {'hw:numa_nodes': '2'})
        self.assertEqual((200, {'hw:numa_nodes': '2'}),
                         (resp.status_code, resp.json()))
        self.admin.post(self.path, {'extra_specs': {'foo:bar': 'baz'}})
        specs.update({'hw:numa_nodes': '2', 'foo:bar': 'baz'})
        self.assertEqual(specs, self.admin.get(self.path).json()[
            'extra_specs'])
        resp = self.admin.delete(self.path + '/hw:numa_nodes')
        self.assertEqual((200, b''), (resp.status_code, resp.content))
        del specs['hw:numa_nodes']
        self.assertEqual(specs, self.admin.get(self.path).json()[
            'extra_specs'])
        # The flavor views embed them from 2.61.
        flavor_path = '/flavors/%s' % self.flavor['id']
        self.assertEqual(specs, self.demo.get(flavor_path).json()[
            'flavor']['extra_specs'])
        self.assertNotIn('extra_specs', self.demo.get(
            flavor_path, microversion='2.60').json()['flavor'])
        listed = {f['id']: f for f in self.demo.get(
            '/flavors/detail').json()['flavors']}
        self.assertEqual(specs, listed[self.flavor['id']]['extra_specs'])

    def test_missing_flavor_or_key_is_404(self):
        self.assert_error(self.demo.get(self.path + '/hw:cpu_policy'), 404,
                          'Flavor %s has no extra specs with key '
                          'hw:cpu_policy.' % self.flavor['id'])
        self.assert_error(self.admin.delete(self.path + '/hw:cpu_policy'),
                          404)
        gone = '/flavors/%s/os-extra_specs' % MISSING
        for resp in (self.demo.get(gone), self.demo.get(gone + '/a'),
                     self.admin.post(gone, {'extra_specs': {'a': 'b'}}),
                     self.put(self.admin, gone + '/a', {'a': 'b'}),
                     self.admin.delete(gone + '/a')):
            self.assert_error(resp, 404)

    def test_bad_bodies_are_400(self):
        key = self.path + '/hw:cpu_policy'
        self.assert_error(self.put(self.admin, key, {'hw:numa_nodes': '1'}),
                          400, 'Request body and URI mismatch')
        self.assert_error(self.put(self.admin, key, {
            'hw:cpu_policy': 'shared', 'hw:numa_nodes': '1'}), 400)
        self.assert_error(self.put(self.admin, key, {}), 400)
        for specs in ({'bad/key': 'x'}, {'': 'x'}, {'k' * 256: 'x'},
                      {'a': 'v' * 256}, {'a': 10 ** 300}, {'a': None},
                      {'a': True}, {'a': {'b': 'c'}}):
            self.assert_error(self.admin.post(
                self.path, {'extra_specs': specs}), 400)
        for body in ({}, {'extra_specs': 'x'}, {'specs': {}}):
            self.assert_error(self.admin.post(self.path, body), 400)
        self.assertEqual({}, self.admin.get(self.path).json()['extra_specs'])

    def test_known_namespaces_are_validated_from_2_86(self):
        for specs in ({'hw:cpu_policy': 'sometimes'},
                      {'hw:no_such_key': '1'}, {'hw:numa_nodes': '0'},
                      {'hw:mem_page_size': 'huge'},
                      {'resources:VCPU': 'two'}, {'resources1:NOPE': '1'},
                      {'trait:CUSTOM_GPU': 'maybe'},
                      {'quota:disk_read_bytes_sec': '-1'},
                      {'hw_rng:allowed': 'perhaps'},
                      {'group_policy': 'spread'}):
            self.assert_error(self.admin.post(
                self.path, {'extra_specs': specs}, microversion='2.86'),
                400, 'Validation failed')
            self.assertEqual(200, self.admin.post(
                self.path, {'extra_specs': specs},
                microversion='2.85').status_code)
        good = {'hw:cpu_policy': 'dedicated', 'hw:numa_cpus.0': '0-1,^1',
                'hw:mem_page_size': '2MB', 'resources:VCPU': '2',
                'resources_gpu:CUSTOM_GPU': 1, 'trait:CUSTOM_X': 'required',
                'trait1:HW_CPU_X86_AVX': 'forbidden',
                'capabilities:cpu_info:arch': 'x86_64',
                'aggregate_instance_extra_specs:ssd': 'true',
                'foo:bar': 'anything', 'plain': 'anything'}
        resp = self.admin.post(self.path, {'extra_specs': good},
                               microversion='2.86')
        self.assertEqual(200, resp.status_code, resp.text)
        self.assert_error(self.put(
            self.admin, self.path + '/hw:cpu_policy',
            {'hw:cpu_policy': 'x'}, microversion='2.86'), 400)

    def test_policies(self):
        self.admin.post(self.path, {'extra_specs': {'a': 'b'}})
        self.assert_error(self.demo.post(
            self.path, {'extra_specs': {'a': 'c'}}), 403)
        self.assert_error(self.put(self.demo, self.path + '/a', {'a': 'c'}),
                          403)
        self.assert_error(self.demo.delete(self.path + '/a'), 403)
        self.assertEqual({'a': 'b'}, self.demo.get(self.path + '/a').json())
        # Without the index rule the views leave the extra specs out.
        self.deny('os_compute_api:os-flavor-extra-specs:index')
        flavor_path = '/flavors/%s' % self.flavor['id']
        self.assert_error(self.demo.get(self.path), 403)
        self.assertNotIn('extra_specs', self.demo.get(
            flavor_path).json()['flavor'])
        self.assertNotIn('extra_specs', self.demo.get(
            '/flavors/detail').json()['flavors'][0])
        self.assertEqual({'a': 'b'}, self.demo.get(self.path + '/a').json())


class TestFlavorAccess(FlavorTestBase):

    def action(self, flavor_id, name, tenant, api=None, **kw):
        return (api or self.admin).post(
            '/flavors/%s/action' % flavor_id, {name: {'tenant': tenant}},
            **kw)

    def listed(self, api, flavor_id, query=''):
        brief = [f['id'] for f in api.get('/flavors' + query).json()[
            'flavors']]
        detailed = [f['id'] for f in api.get(
            '/flavors/detail' + query).json()['flavors']]
        self.assertEqual(brief, detailed)
        return flavor_id in brief

    def visible(self, api, flavor_id):
        """Listed and shown (or neither) to a non-admin."""
        shown = api.get('/flavors/%s' % flavor_id).status_code
        self.assertIn(shown, (200, 404))
        self.assertEqual(self.listed(api, flavor_id), shown == 200)
        return shown == 200

    def test_projects_on_the_list_see_and_boot_a_private_flavor(self):
        flavor_id = self.create(**{'os-flavor-access:is_public': False})[
            'id']
        path = '/flavors/%s/os-flavor-access' % flavor_id
        # As in Nova, creating it gives no project access.
        self.assertEqual({'flavor_access': []}, self.admin.get(path).json())
        self.assertFalse(self.visible(self.demo, flavor_id))
        # Admins list it when they ask for private flavors (or all).
        self.assertFalse(self.listed(self.admin, flavor_id))
        self.assertTrue(self.listed(self.admin, flavor_id,
                                    '?is_public=false'))
        self.assertTrue(self.listed(self.admin, flavor_id,
                                    '?is_public=none'))
        self.assertEqual(200, self.admin.get(
            '/flavors/%s' % flavor_id).status_code)
        resp = self.action(flavor_id, 'addTenantAccess', 'demo')
        entry = {'flavor_id': flavor_id, 'tenant_id': 'demo'}
        self.assertEqual((200, {'flavor_access': [entry]}),
                         (resp.status_code, resp.json()))
        self.assert_error(self.action(flavor_id, 'addTenantAccess', 'demo'),
                          409, 'Flavor access already exists')
        self.assertEqual({'flavor_access': [entry]},
                         self.admin.get(path).json())
        self.assertTrue(self.visible(self.demo, flavor_id))
        self.assertFalse(self.visible(self.alt, flavor_id))
        server = self.demo.create_server(flavor=flavor_id)['server']
        self.demo.wait_for_status(server['id'], 'ACTIVE')
        self.assert_error(self.alt.post('/servers', {'server': {
            'name': 'no', 'imageRef': '155d900f-4e14-4e4c-a73d-069cbf4541e6',
            'flavorRef': flavor_id, 'networks': 'none'}}), 400,
            'Flavor %s could not be found.' % flavor_id)
        resp = self.action(flavor_id, 'removeTenantAccess', 'demo')
        self.assertEqual((200, {'flavor_access': []}),
                         (resp.status_code, resp.json()))
        self.assert_error(
            self.action(flavor_id, 'removeTenantAccess', 'demo'), 404,
            'Flavor access not found for %s / demo combination.'
            % flavor_id)
        self.assertFalse(self.visible(self.demo, flavor_id))

    def test_public_flavors_and_errors(self):
        public_id = self.create()['id']
        self.assert_error(self.admin.get(
            '/flavors/%s/os-flavor-access' % public_id), 404,
            'Access list not available for public flavors.')
        self.assert_error(self.action(public_id, 'addTenantAccess', 'demo'),
                          409, 'Can not add access to a public flavor.')
        resp = self.action(public_id, 'addTenantAccess', 'demo',
                           microversion='2.6')
        self.assertEqual(200, resp.status_code, resp.text)
        private_id = self.create(**{'os-flavor-access:is_public': 'no'})[
            'id']
        self.assert_error(self.admin.get(
            '/flavors/%s/os-flavor-access' % MISSING), 404)
        for name in ('addTenantAccess', 'removeTenantAccess'):
            self.assert_error(self.action(MISSING, name, 'demo'), 404)
            for body in ({name: {}}, {name: {'tenant': ''}},
                         {name: {'tenant': 'demo', 'x': 1}}, {name: 'demo'}):
                self.assert_error(self.admin.post(
                    '/flavors/%s/action' % private_id, body), 400)
        self.assert_error(self.action(private_id, 'fly', 'demo'), 400,
                          'There is no such action: fly')
        self.assert_error(self.admin.post(
            '/flavors/%s/action' % private_id, {'a': {}, 'b': {}}), 400)

    def test_only_admins_manage_access(self):
        flavor_id = self.create(**{'os-flavor-access:is_public': False})[
            'id']
        self.action(flavor_id, 'addTenantAccess', 'demo')
        self.assert_error(self.demo.get(
            '/flavors/%s/os-flavor-access' % flavor_id), 403)
        for name in ('addTenantAccess', 'removeTenantAccess'):
            self.assert_error(self.action(flavor_id, name, 'alt',
                                          api=self.demo), 403)
        self.assertEqual(1, len(self.admin.get(
            '/flavors/%s/os-flavor-access' % flavor_id).json()[
                'flavor_access']))
