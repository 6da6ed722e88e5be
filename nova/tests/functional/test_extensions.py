"""/extensions: the fixed list of v2 extensions, and one by alias."""

from nova.tests.fixtures import cloud as cloud_fixture


class TestExtensions(cloud_fixture.SharedCloudTestCase):

    def test_list_and_show(self):
        api = self.cloud.api_for('demo', 'demo')
        extensions = api.get('/extensions').json()['extensions']
        names = {e['name'] for e in extensions}
        self.assertIn('Hosts', names)
        self.assertEqual(len(extensions), len({e['alias']
                                               for e in extensions}))
        shown = api.get('/extensions/os-consoles').json()['extension']
        self.assertEqual('os-consoles', shown['alias'])
        resp = api.get('/extensions/no-such-thing')
        self.assertEqual(404, resp.status_code)
        self.assertIn('itemNotFound', resp.json())
