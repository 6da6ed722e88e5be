"""Project-specific flake8 checks, codes N3xx.

flake8 loads this module as a local plugin (``[flake8:local-plugins]`` in
tox.ini, with ``paths = ./nova/hacking``), so it must import nothing from
the nova package: the linter may run where nova's dependencies are absent.

Every check is a plain function over one logical line. flake8 passes the
arguments by name: ``logical_line`` has comments removed and string
contents masked, ``filename`` is the path of the file being checked.
Each check yields ``(offset, "Nxxx message")`` for each problem it finds.
HACKING.rst states the reason behind each rule.
"""

import os
import re

N307 = "N307 nova.db must not be imported under nova/virt; compute " \
       "hosts reach the database only through the conductor"
N310 = "N310 datetime.utcnow() is not allowed; use nova.utils.utcnow()"
N311 = "N311 eventlet must not be imported; nova runs on native threads"
N312 = "N312 config options must be defined in nova/conf/"

# ``import a, b as c`` and ``from x import (a, b as c)`` split into names.
_IMPORT_RE = re.compile(r"^\s*import\s+(?P<names>.+)$")
_FROM_RE = re.compile(r"^\s*from\s+(?P<module>[\w.]+)\s+import\s+"
                      r"(?P<names>.+)$")
_UTCNOW_RE = re.compile(r"(?<![\w.])datetime\.(?:datetime\.)?utcnow\(")
# Any oslo.config option class: StrOpt, IntOpt, ListOpt, Opt, ...
_CFG_OPT_RE = re.compile(r"(?<![\w.])cfg\.(?P<cls>[A-Za-z]*Opt)\(")
# NOTE: a SubCommandOpt is a command-line parser for nova-manage style
# tools, not a configuration option, so it may live next to its command.
_CFG_OPT_ALLOWED = frozenset(['SubCommandOpt'])


def _norm(filename):
    """Return ``filename`` with forward slashes, for path tests."""
    return filename.replace(os.sep, '/') if filename else ''


def _in_dir(filename, directory):
    """True if ``filename`` lies under ``directory`` (e.g. 'nova/virt')."""
    path = '/' + _norm(filename).lstrip('./')
    return '/%s/' % directory in path


def _imported_modules(logical_line):
    """Return the dotted modules a logical import line brings in.

    ``from a.b import c, d`` gives ``['a.b.c', 'a.b.d']`` because ``c``
    may itself be a module; ``import a.b as x, c`` gives ``['a.b', 'c']``.
    Lines that are not imports give an empty list.
    """
    match = _FROM_RE.match(logical_line)
    if match:
        module = match.group('module')
        names = match.group('names').strip('() ')
        return [module] + ['%s.%s' % (module, name.split()[0])
                           for name in names.split(',') if name.strip()]
    match = _IMPORT_RE.match(logical_line)
    if match:
        return [name.split()[0] for name in match.group('names').split(',')
                if name.strip()]
    return []


def _is_or_under(module, package):
    """True if ``module`` is ``package`` or one of its submodules."""
    return module == package or module.startswith(package + '.')


def no_db_in_virt(logical_line, filename):
    """N307: nova/virt must not import nova.db."""
    if not _in_dir(filename, 'nova/virt'):
        return
    if any(_is_or_under(m, 'nova.db') for m in
           _imported_modules(logical_line)):
        yield 0, N307


def no_datetime_utcnow(logical_line):
    """N310: use nova.utils.utcnow() rather than datetime.utcnow()."""
    match = _UTCNOW_RE.search(logical_line)
    if match:
        yield match.start(), N310


def no_eventlet_import(logical_line):
    """N311: nothing in nova imports eventlet."""
    if any(_is_or_under(m, 'eventlet') for m in
           _imported_modules(logical_line)):
        yield 0, N311


def config_option_in_conf(logical_line, filename):
    """N312: config options are declared only under nova/conf/."""
    if _in_dir(filename, 'nova/conf') or _in_dir(filename, 'nova/tests'):
        return
    for match in _CFG_OPT_RE.finditer(logical_line):
        if match.group('cls') not in _CFG_OPT_ALLOWED:
            yield match.start(), N312
