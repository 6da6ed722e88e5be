"""Nova's image client against the built-in image service over HTTP."""

import hashlib
import os
import socket

from nova import context as nova_context
from nova import exception
from nova.image import glance
from nova import test
from nova.tests.fixtures import image as image_fixture

DATA = b'image bits ' * 10000


def _context(user='alice', project='p1', token=None, catalog=None):
    if token is None:
        token = '%s:%s' % (user, project)
    return nova_context.RequestContext(
        user_id=user, project_id=project, is_admin=user == 'admin',
        auth_token=token or None, service_catalog=catalog)


def _closed_port():
    with socket.socket() as sock:
        sock.bind(('127.0.0.1', 0))
        return sock.getsockname()[1]


class ImageClientTestCase(test.TestCase):

    def setUp(self):
        super().setUp()
        self.images = self.useFixture(image_fixture.ImageService())
        self.api = glance.API()
        self.ctxt = _context()

    def _create(self, ctxt=None, data=DATA, **meta):
        meta.setdefault('name', 'img')
        meta.setdefault('disk_format', 'qcow2')
        meta.setdefault('container_format', 'bare')
        return self.api.create(ctxt or self.ctxt, meta, data=data)

    def test_create_get_list_update_download_delete(self):
        image = self._create(name='cirros', properties={'os_distro': 'c'})
        self.assertEqual('active', image['status'])
        self.assertEqual(len(DATA), image['size'])
        self.assertEqual('c', image['os_distro'])
        self.assertEqual(image, self.api.get(self.ctxt, image['id']))

        listed = self.api.get_all(self.ctxt, filters={'name': 'cirros'})
        self.assertEqual([image['id']], [i['id'] for i in listed])

        updated = self.api.update(self.ctxt, image['id'],
                                  {'min_ram': 128, 'hw_vif_model': 'virtio'},
                                  remove=['os_distro'])
        self.assertEqual(128, updated['min_ram'])
        self.assertEqual('virtio', updated['hw_vif_model'])
        self.assertNotIn('os_distro', updated)

        dest = os.path.join(self.state_dir, 'downloaded')
        self.assertIsNone(self.api.download(self.ctxt, image['id'], dest))
        with open(dest, 'rb') as handle:
            self.assertEqual(image['checksum'],
                             hashlib.md5(handle.read()).hexdigest())
        chunks = self.api.download(self.ctxt, image['id'])
        self.assertEqual(DATA, b''.join(chunks))

        self.api.delete(self.ctxt, image['id'])
        self.assertRaises(exception.ImageNotFound,
                          self.api.get, self.ctxt, image['id'])
        self.assertRaises(exception.ImageNotFound,
                          self.api.delete, self.ctxt, image['id'])

    def test_read_only_fields_of_a_copied_image_are_dropped(self):
        image = self._create()
        copy = dict(image)
        del copy['id']
        second = self.api.create(self.ctxt, copy)
        self.assertEqual('queued', second['status'])
        self.assertNotEqual(image['id'], second['id'])

    def test_get_all_follows_pages(self):
        for n in range(5):
            self._create(name='img-%d' % n, data=None)
        images = self.api.get_all(self.ctxt, filters={'limit': 2})
        self.assertEqual(5, len({i['id'] for i in images}))
        self.assertEqual(3, len(self.api.get_all(self.ctxt, limit=3)))
        names = [i['name'] for i in self.api.detail(
            self.ctxt, sort_key='name', sort_dir='asc')]
        self.assertEqual(sorted(names), names)

    def test_bad_and_unknown_ids_are_not_found(self):
        for image_id in ('not-a-uuid', '', None,
                         '0b8f7c59-2b7f-4a0e-9b4e-7d8a8e6e1f00'):
            self.assertRaises(exception.ImageNotFound,
                              self.api.get, self.ctxt, image_id)

    def test_other_projects_images(self):
        private = self._create(name='private')
        other = _context('bob', 'p2')
        self.assertRaises(exception.ImageNotFound,
                          self.api.get, other, private['id'])
        public = self._create(ctxt=_context('admin', 'admin'), name='pub',
                              visibility='public')
        self.assertEqual('pub', self.api.get(other, public['id'])['name'])
        self.assertRaises(exception.ImageNotAuthorized, self.api.delete,
                          other, public['id'])
        self.assertRaises(exception.ImageNotAuthorized, self.api.create,
                          other, {'name': 'x', 'visibility': 'public'})

    def test_missing_token_is_not_authorized(self):
        image = self._create()
        self.assertRaises(exception.ImageNotAuthorized, self.api.get,
                          _context(token=''), image['id'])

    def test_conflicts_and_inactive_images(self):
        image = self._create()
        self.assertRaises(exception.ImageConflict, self.api.upload,
                          self.ctxt, image['id'], b'again')
        queued = self._create(data=None)
        self.assertRaises(exception.ImageNotActive, self.api.download,
                          self.ctxt, queued['id'])
        self.assertRaises(exception.ImageBadRequest, self.api.create,
                          self.ctxt, {'disk_format': 'floppy'})

    def test_upload_from_a_file_object(self):
        path = os.path.join(self.state_dir, 'source')
        with open(path, 'wb') as handle:
            handle.write(DATA)
        with open(path, 'rb') as handle:
            image = self._create(data=handle)
        self.assertEqual(hashlib.md5(DATA).hexdigest(), image['checksum'])

    def test_unreachable_service(self):
        self.flags(endpoint_override='http://127.0.0.1:%d' % _closed_port(),
                   num_retries=0, group='glance')
        self.assertRaises(exception.ImageServiceUnavailable, self.api.get,
                          self.ctxt, '0b8f7c59-2b7f-4a0e-9b4e-7d8a8e6e1f00')

    def test_endpoint_from_the_users_catalog(self):
        image = self._create()
        self.flags(endpoint_override=None, group='glance')
        catalog = [{'type': 'image', 'name': 'glance', 'endpoints': [
            {'interface': 'public', 'region': 'RegionOne',
             'url': self.images.url}]}]
        ctxt = _context(catalog=catalog)
        self.assertEqual(image['id'], self.api.get(ctxt, image['id'])['id'])
        self.assertRaises(exception.ImageServiceUnavailable, self.api.get,
                          _context(catalog=[]), image['id'])

    def test_adapter_is_built_once(self):
        image = self._create()
        first = glance._get_adapter()
        self.api.get(self.ctxt, image['id'])
        self.assertIs(first, glance._get_adapter())
