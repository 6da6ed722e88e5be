"""Structural test: every RPC client matches the manager that serves it.

For each ``rpcapi`` client class: every message it sends (found by reading
its source for ``.call(ctxt, 'name', kw=...)`` and ``.cast(...)``) names a
method of the serving endpoint that accepts exactly those keyword
arguments; the endpoint's ``Target`` has the client's ``VERSION`` and
namespace; the module docstring's version history lists that version; and
methods answered with ``call`` declare their expected exceptions.
"""

import ast
import inspect
import re
import sys
import textwrap

from oslo_messaging.rpc import dispatcher

from nova.compute import manager as compute_manager
from nova.compute import rpcapi as compute_rpcapi
from nova.conductor import manager as conductor_manager
from nova.conductor import rpcapi as conductor_rpcapi
from nova import manager as base_manager
from nova.scheduler import manager as scheduler_manager
from nova.scheduler import rpcapi as scheduler_rpcapi
from nova import test

# (client class, endpoint class, namespace)
PAIRS = [
    (conductor_rpcapi.ConductorAPI, conductor_manager.ConductorManager,
     None),
    (conductor_rpcapi.ComputeTaskAPI, conductor_manager.ComputeTaskManager,
     'compute_task'),
    (scheduler_rpcapi.SchedulerAPI, scheduler_manager.SchedulerManager,
     None),
    (compute_rpcapi.ComputeAPI, compute_manager.ComputeManager, None),
]

# Endpoint methods answered with ``call`` that do not yet declare their
# expected exceptions. Only ever shrinks: a test fails when an entry is
# fixed but still listed.
_MISSING_EXPECTED_EXCEPTIONS = set()

# Public names of an endpoint that are not RPC methods.
_NOT_RPC = set(dir(base_manager.Manager)) | {'compute_task_api'}


def sent_messages(client_cls):
    """{message name: set of keyword names} the client sends."""
    tree = ast.parse(textwrap.dedent(inspect.getsource(client_cls)))
    messages = {}
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and
                isinstance(node.func, ast.Attribute) and
                node.func.attr in ('call', 'cast') and len(node.args) >= 2 and
                isinstance(node.args[1], ast.Constant)):
            continue
        kwargs = {kw.arg for kw in node.keywords if kw.arg is not None}
        messages.setdefault(node.args[1].value, []).append(
            (node.func.attr, kwargs))
    return messages


def unwrap(method):
    """The function under oslo.messaging's ``expected_exceptions``
    decorator (which does not use functools.wraps)."""
    for cell in getattr(method, '__closure__', None) or ():
        inner = cell.cell_contents
        if inspect.isfunction(inner):
            return unwrap(inner)
    return method


def declares_expected_exceptions(method):
    return 'expected_exceptions' in getattr(method, '__qualname__', '')


def endpoint_methods(endpoint_cls):
    names = set()
    for name, value in inspect.getmembers(endpoint_cls, inspect.isfunction):
        if name.startswith('_') or name in _NOT_RPC:
            continue
        if getattr(value, '_periodic_task', False):
            continue
        names.add(name)
    return names


class TestRPCParity(test.TestCase):

    def test_pairs_cover_every_rpcapi_client(self):
        clients = set()
        for module in (compute_rpcapi, conductor_rpcapi, scheduler_rpcapi):
            for _, cls in inspect.getmembers(module, inspect.isclass):
                if cls.__module__ == module.__name__ and hasattr(
                        cls, 'VERSION'):
                    clients.add(cls)
        self.assertEqual(clients, {pair[0] for pair in PAIRS})

    def test_every_sent_message_is_served_with_compatible_arguments(self):
        for client_cls, endpoint_cls, _ in PAIRS:
            messages = sent_messages(client_cls)
            self.assertTrue(messages, client_cls)
            for name, sends in messages.items():
                where = '%s -> %s.%s' % (client_cls.__name__,
                                         endpoint_cls.__name__, name)
                method = getattr(endpoint_cls, name, None)
                self.assertIsNotNone(method, '%s: no such method' % where)
                params = inspect.signature(unwrap(method)).parameters
                names = list(params)
                self.assertEqual(['self', 'context'], names[:2], where)
                accepted = set(names[2:])
                required = {p.name for p in list(params.values())[2:]
                            if p.default is inspect.Parameter.empty}
                for kind, kwargs in sends:
                    self.assertFalse(
                        kwargs - accepted,
                        '%s: the endpoint does not accept %s'
                        % (where, sorted(kwargs - accepted)))
                    self.assertFalse(
                        required - kwargs,
                        '%s: the client never sends required %s'
                        % (where, sorted(required - kwargs)))
                    if kind == 'call' and '%s.%s' % (
                            endpoint_cls.__name__, name) not in \
                            _MISSING_EXPECTED_EXCEPTIONS:
                        self.assertTrue(
                            declares_expected_exceptions(method),
                            '%s is called synchronously: declare '
                            '@messaging.expected_exceptions' % where)

    def test_missing_expected_exceptions_list_is_current(self):
        for entry in _MISSING_EXPECTED_EXCEPTIONS:
            cls_name, _, name = entry.partition('.')
            endpoint_cls = {pair[1].__name__: pair[1] for pair in PAIRS}[
                cls_name]
            self.assertFalse(
                declares_expected_exceptions(getattr(endpoint_cls, name)),
                '%s now declares its exceptions: remove it from '
                '_MISSING_EXPECTED_EXCEPTIONS' % entry)

    def test_every_endpoint_method_has_a_client(self):
        for client_cls, endpoint_cls, _ in PAIRS:
            unused = endpoint_methods(endpoint_cls) - set(
                sent_messages(client_cls))
            self.assertEqual(set(), unused,
                             '%s serves methods no client sends'
                             % endpoint_cls.__name__)

    def test_client_methods_mirror_endpoint_names(self):
        # A client method sends the message of the same name.
        for client_cls, _, _ in PAIRS:
            for name, func in inspect.getmembers(client_cls,
                                                 inspect.isfunction):
                if name.startswith('_'):
                    continue
                sent = sent_messages(func)
                self.assertEqual([name], list(sent),
                                 '%s.%s' % (client_cls.__name__, name))

    def test_versions_and_namespaces_match(self):
        for client_cls, endpoint_cls, namespace in PAIRS:
            target = endpoint_cls.target
            where = '%s/%s' % (client_cls.__name__, endpoint_cls.__name__)
            self.assertEqual(client_cls.VERSION.split('.')[:2],
                             target.version.split('.')[:2], where)
            self.assertEqual(namespace, target.namespace, where)

    def test_prepared_versions_do_not_exceed_the_client_version(self):
        for client_cls, _, _ in PAIRS:
            source = inspect.getsource(client_cls)
            top = tuple(int(p) for p in client_cls.VERSION.split('.'))
            for version in re.findall(r"version='(\d+\.\d+)'", source):
                self.assertLessEqual(
                    tuple(int(p) for p in version.split('.')), top,
                    '%s prepares %s' % (client_cls.__name__, version))

    def test_version_history_lists_the_current_version(self):
        for client_cls, _, _ in PAIRS:
            doc = sys.modules[client_cls.__module__].__doc__ or ''
            history = re.findall(r'^\s*\* (\d+\.\d+) - ', doc, re.M)
            self.assertIn(client_cls.VERSION, history,
                          '%s: add "* %s - ..." to the version history in '
                          'the %s docstring' % (client_cls.__name__,
                                                client_cls.VERSION,
                                                client_cls.__module__))

    def test_release_aliases_never_exceed_the_version(self):
        for module, alias_map, client_cls in (
                (compute_rpcapi, 'VERSION_ALIASES', compute_rpcapi.ComputeAPI),
                (scheduler_rpcapi, 'VERSION_ALIASES',
                 scheduler_rpcapi.SchedulerAPI),
                (conductor_rpcapi, 'CONDUCTOR_VERSION_ALIASES',
                 conductor_rpcapi.ConductorAPI),
                (conductor_rpcapi, 'COMPUTE_TASK_VERSION_ALIASES',
                 conductor_rpcapi.ComputeTaskAPI)):
            top = tuple(int(p) for p in client_cls.VERSION.split('.'))
            for release, cap in getattr(module, alias_map).items():
                self.assertLessEqual(tuple(int(p) for p in cap.split('.')),
                                     top, '%s %s' % (alias_map, release))

    def test_expected_exception_unwrapping(self):
        # The helpers above rely on how oslo.messaging wraps endpoints.
        method = scheduler_manager.SchedulerManager.select_destinations
        self.assertTrue(declares_expected_exceptions(method))
        self.assertEqual('select_destinations', unwrap(method).__name__)
        self.assertTrue(issubclass(dispatcher.ExpectedException, Exception))
