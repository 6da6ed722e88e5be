"""Structural test: every write of an instance's vm_state or task_state in
the service code takes its value from the transition table
(``nova.compute.states``), never a literal or a constant of its own.

A write is an assignment to ``<x>.vm_state`` / ``<x>.task_state`` (alone
or in a tuple) or a ``vm_state=`` / ``task_state=`` keyword. Its value
must come from ``states.<something>``: a call (``states.outcome(...)``,
``states.check(...)``) or an attribute (``states.INITIAL``). A driver's
``update_task_state(task_state=...)`` reports a snapshot step, which the
compute host maps through ``states.advance``.
"""

import ast
import os

from nova import test

NOVA = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__)))))
FIELDS = ('vm_state', 'task_state')
# The table itself, and the database layer that stores a delete's
# outcome when it soft-deletes the row.
EXEMPT = {os.path.join('compute', 'states.py'),
          os.path.join('objects', 'instance.py')}


def _from_table(node):
    """Whether ``node`` is ``states.X``, ``states.X(...)`` or an item of
    one (``states.INITIAL[0]``)."""
    while isinstance(node, (ast.Call, ast.Subscript)):
        node = node.func if isinstance(node, ast.Call) else node.value
    return (isinstance(node, ast.Attribute) and
            isinstance(node.value, ast.Name) and node.value.id == 'states')


def _writes(tree):
    """(line, field, value node) of each state write in ``tree``."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign):
            for target in node.targets:
                targets = (target.elts if isinstance(target, ast.Tuple)
                           else [target])
                for item in targets:
                    if isinstance(item, ast.Attribute) and \
                            item.attr in FIELDS:
                        yield node.lineno, item.attr, node.value
        elif isinstance(node, ast.Call) and _name(node.func) != (
                'update_task_state'):
            for keyword in node.keywords:
                if keyword.arg in FIELDS:
                    yield keyword.value.lineno, keyword.arg, keyword.value


def _name(func):
    return getattr(func, 'attr', None) or getattr(func, 'id', None)


def _service_modules():
    for root, dirs, files in os.walk(NOVA):
        dirs[:] = [d for d in dirs if d not in ('tests', '__pycache__')]
        for name in files:
            if name.endswith('.py'):
                path = os.path.join(root, name)
                if os.path.relpath(path, NOVA) not in EXEMPT:
                    yield path


class TestStateWrites(test.TestCase):

    def test_every_state_write_comes_from_the_table(self):
        offenders, writes = [], 0
        for path in _service_modules():
            with open(path) as handle:
                tree = ast.parse(handle.read(), path)
            for line, field, value in _writes(tree):
                writes += 1
                if not _from_table(value):
                    offenders.append('%s:%d %s = %s' % (
                        os.path.relpath(path, NOVA), line, field,
                        ast.unparse(value)))
        self.assertEqual([], offenders)
        # The scan sees the writes it is meant to police.
        self.assertGreater(writes, 20)

    def test_the_scan_catches_a_direct_write(self):
        tree = ast.parse('instance.vm_state = "active"\n'
                         'instance.vm_state, instance.task_state = '
                         'vm_states.ERROR, None\n'
                         'objects.Instance(task_state=None)\n'
                         'instance.task_state = states.check(i, "stop")\n')
        flagged = [line for line, _field, value in _writes(tree)
                   if not _from_table(value)]
        self.assertEqual([1, 2, 2, 3], flagged)
