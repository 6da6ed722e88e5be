"""RequestContext: serialisation, elevation, policy decisions."""

import datetime

from nova import context as nova_context
from nova import exception
from nova import objects
from nova import test
from nova.tests.fixtures import database


class TestRequestContext(test.TestCase):

    def test_to_dict_from_dict_round_trip(self):
        when = datetime.datetime(2024, 2, 3, 4, 5, 6)
        ctxt = nova_context.RequestContext(
            user_id='u1', project_id='p1', roles=['member', 'reader'],
            read_deleted='yes', remote_address='192.0.2.1', timestamp=when,
            service_catalog=[{'type': 'image'}], request_id='req-abc')
        values = ctxt.to_dict()
        self.assertEqual('2024-02-03T04:05:06', values['timestamp'])
        back = nova_context.RequestContext.from_dict(values)
        for attr in ('user_id', 'project_id', 'roles', 'read_deleted',
                     'remote_address', 'service_catalog', 'request_id',
                     'is_admin'):
            self.assertEqual(getattr(ctxt, attr), getattr(back, attr), attr)
        self.assertEqual(when, back.timestamp)
        self.assertFalse(back.is_admin)

    def test_admin_decided_by_policy_unless_given(self):
        cases = [
            (['admin'], None, True),
            (['member'], None, False),
            (['member'], True, True),
            (['admin'], False, False),
        ]
        for roles, is_admin, expected in cases:
            ctxt = nova_context.RequestContext(user_id='u', project_id='p',
                                               roles=roles,
                                               is_admin=is_admin)
            self.assertEqual(expected, ctxt.is_admin, (roles, is_admin))

    def test_elevated_copies(self):
        ctxt = nova_context.RequestContext(user_id='u', project_id='p',
                                           roles=['member'])
        admin = ctxt.elevated(read_deleted='yes')
        self.assertTrue(admin.is_admin)
        self.assertIn('admin', admin.roles)
        self.assertEqual('yes', admin.read_deleted)
        self.assertFalse(ctxt.is_admin)
        self.assertEqual(['member'], ctxt.roles)
        self.assertEqual('no', ctxt.read_deleted)

    def test_can_defaults_target_to_own_project(self):
        reader = nova_context.RequestContext(user_id='u', project_id='p',
                                             roles=['reader'])
        member = nova_context.RequestContext(user_id='u', project_id='p',
                                             roles=['member'])
        admin = nova_context.RequestContext(user_id='a', project_id='x',
                                            roles=['admin'])
        cases = [
            (reader, 'os_compute_api:servers:show', None, True),
            (reader, 'os_compute_api:servers:delete', None, False),
            (member, 'os_compute_api:servers:delete', None, True),
            (member, 'os_compute_api:servers:delete',
             {'project_id': 'other'}, False),
            (admin, 'os_compute_api:servers:delete',
             {'project_id': 'other'}, True),
            (member, 'os_compute_api:os-services:list', {}, False),
            (admin, 'os_compute_api:os-services:list', {}, True),
        ]
        for ctxt, rule, target, expected in cases:
            self.assertEqual(expected, ctxt.can(rule, target, fatal=False),
                             (ctxt.roles, rule, target))
        self.assertRaises(exception.PolicyNotAuthorized, reader.can,
                          'os_compute_api:servers:delete')

    def test_require_context(self):
        nova_context.require_context(nova_context.get_admin_context())
        nova_context.require_context(nova_context.RequestContext(
            user_id='u', project_id='p'))
        self.assertRaises(exception.Forbidden, nova_context.require_context,
                          nova_context.get_context())

    def test_target_cell_leaves_the_original_alone(self):
        self.useFixture(database.Database())
        ctxt = nova_context.get_admin_context()
        cell = objects.CellMapping(uuid='6f4ac0b5-7a5f-4d5e-9b23-7b1a0c8e2d11',
                                   database_connection='sqlite://')
        with nova_context.target_cell(ctxt, cell) as cctxt:
            self.assertEqual(cell.uuid, cctxt.cell_uuid)
            self.assertIsNotNone(cctxt.db_connection)
            with nova_context.target_cell(ctxt, cell) as again:
                self.assertIs(cctxt.db_connection, again.db_connection)
        self.assertIsNone(ctxt.cell_uuid)
        self.assertIsNone(ctxt.db_connection)
        nova_context.set_target_cell(cctxt, None)
        self.assertIsNone(cctxt.db_connection)
