"""Object indirection: a thread in the nova-compute role sends remotable
calls to the conductor and cannot touch a database; other threads are
unaffected.

``InProcessConductor`` stands in for ``ConductorAPI``: it carries each call
across a serializer round trip, as the RPC wire would, and runs the real
``ConductorManager`` endpoint in a thread of its own (the conductor's RPC
server thread, which has database access).
"""

import threading

import oslo_messaging as messaging
from oslo_utils import uuidutils

import nova.conf
from nova.conductor import manager as conductor_manager
from nova import context as nova_context
from nova.db.main import api as main_db
from nova import exception
from nova import objects
from nova.objects import base
from nova.objects import instance as instance_obj
from nova import rpc
from nova import service
from nova import test
from nova.tests.fixtures import database
from nova.tests.unit.objects import test_instance

CONF = nova.conf.CONF


def _in_new_thread(func, *args, **kwargs):
    """Run ``func`` in a fresh thread; return its result or re-raise."""
    outcome = {}

    def run():
        try:
            outcome['result'] = func(*args, **kwargs)
        except BaseException as exc:  # handed back to the caller
            outcome['error'] = exc

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(30)
    if 'error' in outcome:
        raise outcome['error']
    return outcome['result']


class InProcessConductor(object):
    """The object indirection API of a conductor living in this process."""

    def __init__(self, manager):
        self.manager = manager
        self.serializer = rpc.RequestContextSerializer()
        self.calls = []

    def _wire(self, context, value):
        # Serialize on one side, deserialize on the other.
        return self.serializer.deserialize_entity(
            context, self.serializer.serialize_entity(context, value))

    def _remote(self, context, method, **kwargs):
        self.calls.append((method, kwargs.get('objmethod')))
        server_ctxt = self.serializer.deserialize_context(
            self.serializer.serialize_context(context))
        server_kwargs = {k: self._wire(server_ctxt, v)
                         for k, v in kwargs.items()}
        try:
            result = _in_new_thread(getattr(self.manager, method),
                                    server_ctxt, **server_kwargs)
        except messaging.ExpectedException as wrapped:
            # The RPC dispatcher unwraps expected exceptions this way.
            raise wrapped.exc_info[1]
        return self._wire(context, result)

    def object_class_action_versions(self, context, objname, objmethod,
                                     object_versions, args, kwargs):
        return self._remote(context, 'object_class_action_versions',
                            objname=objname, objmethod=objmethod,
                            object_versions=object_versions, args=args,
                            kwargs=kwargs)

    def object_action(self, context, objinst, objmethod, args, kwargs):
        return self._remote(context, 'object_action', objinst=objinst,
                            objmethod=objmethod, args=args, kwargs=kwargs)


class IndirectionTestCase(test.TestCase):

    def setUp(self):
        super().setUp()
        self.useFixture(database.Database())
        self.flags(transport_url='fake://')
        # The conductor's workflow clients need a transport; fake:// is
        # in memory and nothing is sent in these tests.
        if not rpc.initialized():
            rpc.init(CONF)
            self.addCleanup(rpc.cleanup)
        self.conductor = InProcessConductor(
            conductor_manager.ConductorManager(host='conductor-host'))
        self.ctxt = nova_context.get_admin_context()
        self.instance = test_instance.make_instance(self.ctxt)

    def _as_compute(self, func):
        """Run ``func`` in a new thread that adopted the compute role."""
        def run():
            service.adopt_role((self.conductor, 'nova-compute'))
            try:
                return func()
            finally:
                service.adopt_role((None, None))
        return _in_new_thread(run)

    def test_remotable_classmethod_goes_through_the_conductor(self):
        def work():
            self.assertIs(self.conductor, base.NovaObject.indirection_api)
            return objects.Instance.get_by_uuid(self.ctxt,
                                                self.instance.uuid)

        got = self._as_compute(work)
        self.assertEqual(self.instance.id, got.id)
        self.assertEqual('m1.tiny', got.flavor.name)
        self.assertEqual([('object_class_action_versions', 'get_by_uuid')],
                         self.conductor.calls)

    def test_remotable_method_applies_the_conductors_updates(self):
        def work():
            inst = objects.Instance.get_by_uuid(self.ctxt,
                                                self.instance.uuid)
            inst.task_state = 'spawning'
            inst.save(expected_task_state='scheduling')
            return inst

        inst = self._as_compute(work)
        self.assertEqual(('object_action', 'save'), self.conductor.calls[-1])
        self.assertFalse(inst.obj_what_changed())
        self.assertIsNotNone(inst.updated_at)
        stored = objects.Instance.get_by_uuid(self.ctxt, self.instance.uuid)
        self.assertEqual('spawning', stored.task_state)

    def test_expected_errors_cross_back(self):
        missing = uuidutils.generate_uuid()

        def stale_save():
            inst = objects.Instance.get_by_uuid(self.ctxt,
                                                self.instance.uuid)
            inst.task_state = None
            inst.save(expected_task_state='deleting')

        self.assertRaises(
            exception.InstanceNotFound, self._as_compute,
            lambda: objects.Instance.get_by_uuid(self.ctxt, missing))
        self.assertRaises(exception.UnexpectedTaskStateError,
                          self._as_compute, stale_save)

    def test_direct_database_access_is_refused_in_the_compute_role(self):
        def direct_read():
            return instance_obj._get_by_uuid_from_db(
                self.ctxt, self.instance.uuid, set())

        error = self.assertRaises(exception.DBNotAllowed, self._as_compute,
                                  direct_read)
        self.assertIn('nova-compute', str(error))
        self.assertEqual([], self.conductor.calls)

    def test_other_threads_keep_database_access(self):
        in_role = threading.Event()
        release = threading.Event()

        def hold_role():
            in_role.set()
            release.wait(10)
            # Still refused after the other thread used the database.
            main_db.check_db_access()

        def compute():
            return self._as_compute(hold_role)

        holder = {}
        thread = threading.Thread(
            target=lambda: holder.setdefault('error', _capture(compute)))
        thread.start()
        self.assertTrue(in_role.wait(10))
        try:
            # This thread never adopted a role: straight to the database.
            self.assertIsNone(base.NovaObject.indirection_api)
            got = objects.Instance.get_by_uuid(self.ctxt, self.instance.uuid)
            self.assertEqual(self.instance.id, got.id)
            self.assertEqual([], self.conductor.calls)
        finally:
            release.set()
            thread.join(10)
        self.assertIsInstance(holder['error'], exception.DBNotAllowed)

    def test_acting_as_restores_the_previous_role(self):
        def work():
            with service.acting_as((self.conductor, 'nova-compute')):
                self.assertRaises(exception.DBNotAllowed,
                                  main_db.check_db_access)
            main_db.check_db_access()
            return base.current_thread_role()

        self.assertEqual((None, None), _in_new_thread(work))


def _capture(func):
    try:
        func()
    except Exception as exc:
        return exc
    return None
