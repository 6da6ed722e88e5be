"""Structural test: policy rules and the API handlers agree.

Every registered API rule is checked by some ``context.can()`` call in
``nova/api``; every ``can()`` there names a registered rule; the building
block rules of ``nova.policies.base`` are used by other rules; each rule's
documented operations are real routes whose handlers declare the rule.
"""

import ast
import importlib
import os
import pkgutil

from oslo_policy import policy as oslo_policy

import nova.api
from nova.api.openstack.compute import routes
from nova.api.openstack import handler
from nova import context as nova_context
from nova import exception
from nova import policies
from nova import test

# (method, path) -> rules whose checks are made in a shared helper of the
# handler (the view builder) and are not yet listed in the handler's
# ``@wsgi.policies``. Only ever shrinks.
_UNDECLARED = {}


def _rules():
    return list(policies.list_rules())


def _api_modules():
    for info in pkgutil.walk_packages(nova.api.__path__, 'nova.api.'):
        module = importlib.import_module(info.name)
        if getattr(module, '__file__', '').endswith('.py'):
            yield module


class _CanCalls(ast.NodeVisitor):
    """Collect the first argument of every ``<x>.can(...)`` call."""

    def __init__(self):
        self.stack = []
        self.found = []

    def visit_FunctionDef(self, node):
        self.stack.append(node)
        self.generic_visit(node)
        self.stack.pop()

    def visit_Call(self, node):
        if (isinstance(node.func, ast.Attribute) and node.func.attr == 'can'
                and node.args):
            self.found.append((node.args[0], self.stack[-1] if self.stack
                               else None, node.lineno))
        self.generic_visit(node)


def _resolve_value(module, arg):
    """A rule name from a constant or a ``policies.X`` attribute."""
    if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
        return arg.value
    if isinstance(arg, ast.Attribute) and isinstance(arg.value, ast.Name):
        owner = getattr(module, arg.value.id, None)
        value = getattr(owner, arg.attr, None)
        if isinstance(value, str):
            return value
    return None


def _passed_to(tree, function, param):
    """Arguments given for ``param`` at every call of ``function``."""
    names = [a.arg for a in function.args.args]
    index = names.index(param)
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                and node.func.id == function.name):
            continue
        if index < len(node.args):
            yield node.args[index], node.lineno
        for keyword in node.keywords:
            if keyword.arg == param:
                yield keyword.value, node.lineno


def _resolve(module, tree, arg, function, line):
    """[(line, rule name)] an argument of ``can()`` stands for; a
    parameter is followed to the module's calls of its function."""
    value = _resolve_value(module, arg)
    if value is not None:
        return [(line, value)]
    if (isinstance(arg, ast.Name) and function is not None and
            arg.id in [a.arg for a in function.args.args]):
        found = []
        for passed, call_line in _passed_to(tree, function, arg.id):
            found.extend(_resolve(module, tree, passed, None, call_line))
        if found:
            return found
    raise AssertionError('%s:%d: cannot tell which rule %s is'
                         % (module.__name__, line, ast.dump(arg)))


def can_calls():
    """[(module name, line, rule name)] for every ``can()`` in nova/api,
    following rule parameters of helpers to their callers."""
    calls = []
    for module in _api_modules():
        with open(module.__file__) as source:
            tree = ast.parse(source.read())
        visitor = _CanCalls()
        visitor.visit(tree)
        for arg, function, line in visitor.found:
            for where, rule in _resolve(module, tree, arg, function, line):
                calls.append((module.__name__, where, rule))
    return calls


class TestPolicyCoverage(test.TestCase):

    def test_rule_names_are_unique(self):
        names = [r.name for r in _rules()]
        self.assertEqual(len(names), len(set(names)))

    def test_every_can_call_names_a_registered_rule(self):
        registered = {r.name for r in _rules()}
        calls = can_calls()
        self.assertTrue(calls)
        for module, line, rule in calls:
            self.assertIn(rule, registered,
                          '%s:%d checks unregistered rule %r'
                          % (module, line, rule))

    def test_every_api_rule_is_checked_by_a_handler(self):
        used = {rule for _, _, rule in can_calls()}
        for rule in _rules():
            if not isinstance(rule, oslo_policy.DocumentedRuleDefault):
                continue
            self.assertIn(rule.name, used,
                          'rule %s is registered but no handler in '
                          'nova/api checks it' % rule.name)

    def test_building_block_rules_are_referenced(self):
        rules = _rules()
        check_strs = ' '.join(r.check_str for r in rules)
        for rule in rules:
            if isinstance(rule, oslo_policy.DocumentedRuleDefault):
                continue
            self.assertIn('rule:%s' % rule.name, check_strs,
                          'base rule %s is used by no other rule'
                          % rule.name)

    def test_documented_operations_are_routes_that_declare_the_rule(self):
        table = {(method, path): func for path, methods in routes.ROUTE_TABLE
                 for method, func in methods.items()}
        for rule in _rules():
            if not isinstance(rule, oslo_policy.DocumentedRuleDefault):
                continue
            for op in rule.operations:
                key = (op['method'], op['path'])
                self.assertIn(key, table, '%s documents %s %s, which is '
                              'not a route' % ((rule.name,) + key))
                declared = set(handler.spec_of(table[key]).policies or ())
                declared |= _UNDECLARED.get(key, set())
                self.assertIn(rule.name, declared,
                              'the handler of %s %s does not list %s in '
                              '@wsgi.policies' % (key + (rule.name,)))

    def test_handlers_declare_registered_rules_for_their_route(self):
        rules = {r.name: r for r in _rules()}
        for path, methods in routes.ROUTE_TABLE:
            for method, func in methods.items():
                declared = handler.spec_of(func).policies
                self.assertTrue(declared, '%s %s declares no policy'
                                % (method, path))
                for name in declared:
                    self.assertIn(name, rules)
                    ops = {(o['method'], o['path'])
                           for o in rules[name].operations}
                    self.assertIn((method, path), ops,
                                  '%s does not document %s %s'
                                  % (name, method, path))

    def test_undeclared_list_is_current(self):
        table = {(method, path): func for path, methods in routes.ROUTE_TABLE
                 for method, func in methods.items()}
        for key, names in _UNDECLARED.items():
            declared = set(handler.spec_of(table[key]).policies or ())
            self.assertFalse(names & declared,
                             'now declared, remove from _UNDECLARED: %s'
                             % sorted(names & declared))

    def test_api_source_tree_was_scanned(self):
        scanned = {m.__name__ for m in _api_modules()}
        for name in ('servers', 'flavors', 'hypervisors', 'services'):
            self.assertIn('nova.api.openstack.compute.%s' % name, scanned)
        self.assertTrue(os.path.isdir(os.path.dirname(nova.api.__file__)))


class TestDefaultRoles(test.TestCase):
    """The defaults as the three personas see them."""

    def _ctx(self, roles, project_id='p1'):
        return nova_context.RequestContext(user_id='u', project_id=project_id,
                                           roles=roles)

    def test_decisions(self):
        own = {'project_id': 'p1', 'user_id': 'u'}
        other = {'project_id': 'p2', 'user_id': 'x'}
        admin = self._ctx(['admin', 'member', 'reader'])
        member = self._ctx(['member', 'reader'])
        reader = self._ctx(['reader'])
        cases = [
            # (context, rule, target, allowed)
            (admin, 'os_compute_api:servers:index:get_all_tenants', {}, True),
            (member, 'os_compute_api:servers:index:get_all_tenants', {},
             False),
            (member, 'os_compute_api:servers:create', own, True),
            (member, 'os_compute_api:servers:create', other, False),
            (reader, 'os_compute_api:servers:create', own, False),
            (reader, 'os_compute_api:servers:show', own, True),
            (reader, 'os_compute_api:servers:show', other, False),
            (admin, 'os_compute_api:servers:delete', other, True),
            (reader, 'os_compute_api:flavors:index', own, True),
            (member, 'os_compute_api:os-flavor-manage:create', {}, False),
            (admin, 'os_compute_api:os-flavor-manage:create', {}, True),
            (member, 'os_compute_api:os-hypervisors:list', {}, False),
            (admin, 'os_compute_api:os-services:list', {}, True),
        ]
        for ctxt, rule, target, allowed in cases:
            self.assertEqual(allowed, ctxt.can(rule, target, fatal=False),
                             '%s %s %s' % (ctxt.roles, rule, target))

    def test_denied_raises_and_unknown_rule_is_a_bug(self):
        reader = self._ctx(['reader'])
        self.assertRaises(exception.PolicyNotAuthorized, reader.can,
                          'os_compute_api:servers:create')
        self.assertRaises(oslo_policy.PolicyNotRegistered, reader.can,
                          'os_compute_api:no-such-rule')
