"""ConsoleAuthToken against a real cell database: only the token's hash is
stored, tokens expire, expired rows go lazily and every row of a server
goes with it."""

import hashlib

from oslo_utils import fixture as utils_fixture
from oslo_utils import timeutils
from oslo_utils import uuidutils
import sqlalchemy as sa

from nova import context as nova_context
from nova.db.main import api as main_db_api
from nova.db.main import models
from nova import exception
from nova import objects
from nova.objects import console_auth_token as cat_obj
from nova import test
from nova.tests.fixtures import database

INSTANCE = '6f4ac0b5-7a5f-4d5e-9b23-7b1a0c8e2d11'


@main_db_api.pick_context_manager_reader
def _rows(context):
    return [dict(row._mapping) for row in context.session.execute(
        sa.select(models.ConsoleAuthToken.__table__))]


class ConsoleAuthTokenTestCase(test.TestCase):

    def setUp(self):
        super().setUp()
        self.useFixture(database.Database())
        self.ctxt = nova_context.get_admin_context()
        self.time = self.useFixture(utils_fixture.TimeFixture())

    def authorize(self, console_type='novnc', ttl=600,
                  instance_uuid=INSTANCE,
                  base='http://127.0.0.1:6080/vnc_auto.html'):
        console = objects.ConsoleAuthToken(
            context=self.ctxt, console_type=console_type, host='h1',
            port=5900, internal_access_path=None,
            instance_uuid=instance_uuid, access_url_base=base)
        return console, console.authorize(ttl)

    def test_only_the_hash_of_the_token_is_stored(self):
        console, token = self.authorize()
        self.assertTrue(uuidutils.is_uuid_like(token))
        self.assertEqual(token, console.token)
        (row,) = _rows(self.ctxt)
        self.assertEqual(hashlib.sha256(token.encode()).hexdigest(),
                         row['token_hash'])
        self.assertNotIn(token, [str(v) for v in row.values()])
        self.assertEqual(timeutils.utcnow_ts() + 600, row['expires'])
        self.assertEqual(row['id'], console.id)

    def test_validate_finds_the_console_until_it_expires(self):
        _console, token = self.authorize(ttl=10)
        found = objects.ConsoleAuthToken.validate(self.ctxt, token)
        self.assertEqual(('novnc', 'h1', 5900, INSTANCE, token),
                         (found.console_type, found.host, found.port,
                          found.instance_uuid, found.token))
        self.time.advance_time_seconds(10)
        self.assertRaises(exception.InvalidToken,
                          objects.ConsoleAuthToken.validate, self.ctxt,
                          token)
        self.assertRaises(exception.InvalidToken,
                          objects.ConsoleAuthToken.validate, self.ctxt,
                          uuidutils.generate_uuid())

    def test_expired_rows_go_when_a_token_is_stored(self):
        short, _token = self.authorize(ttl=5)
        kept, _token = self.authorize(ttl=60)
        self.time.advance_time_seconds(5)
        self.assertEqual(2, len(_rows(self.ctxt)))
        new, _token = self.authorize(ttl=60)
        self.assertEqual({kept.id, new.id},
                         {row['id'] for row in _rows(self.ctxt)})
        objects.ConsoleAuthToken.clean_expired_console_auths(self.ctxt)
        self.assertEqual(2, len(_rows(self.ctxt)))
        self.time.advance_time_seconds(65)
        objects.ConsoleAuthToken.clean_expired_console_auths(self.ctxt)
        self.assertEqual([], _rows(self.ctxt))

    def test_clean_for_instance_keeps_other_instances(self):
        other = uuidutils.generate_uuid()
        self.authorize()
        _console, kept = self.authorize(instance_uuid=other)
        objects.ConsoleAuthToken.clean_console_auths_for_instance(
            self.ctxt, INSTANCE)
        self.assertEqual([other],
                         [row['instance_uuid'] for row in _rows(self.ctxt)])
        self.assertEqual(other, objects.ConsoleAuthToken.validate(
            self.ctxt, kept).instance_uuid)

    def test_authorize_twice_is_refused(self):
        console, _token = self.authorize()
        self.assertRaises(exception.ObjectActionError, console.authorize,
                          600)

    def test_access_urls(self):
        cases = [
            ('novnc', 'http://127.0.0.1:6080/vnc_auto.html',
             'http://127.0.0.1:6080/vnc_auto.html?path=%3Ftoken%3Dt1'),
            # noVNC behind a proxy that needs its own path prefix.
            ('novnc', 'https://h/vnc_lite.html?path=ws&scale=1',
             'https://h/vnc_lite.html?path=ws%3Ftoken%3Dt1&scale=1'),
            ('spice-html5', 'http://127.0.0.1:6082/spice_auto.html',
             'http://127.0.0.1:6082/spice_auto.html?token=t1'),
            ('serial', 'ws://127.0.0.1:6083/',
             'ws://127.0.0.1:6083/?token=t1'),
        ]
        for console_type, base, expected in cases:
            self.assertEqual(expected,
                             cat_obj.access_url(console_type, base, 't1'))
        self.assertIsNone(objects.ConsoleAuthToken(
            console_type='novnc', access_url_base='http://h/').access_url)
