"""A JSON loader for request bodies that fails only with ``BadJSON``.

Every listener (the Compute API and the built-in services) parses request
bodies with ``loads()``; each turns ``BadJSON`` into its own 400. Beyond
malformed JSON it refuses what the standard loader takes but later code
chokes on (a RecursionError or a UnicodeEncodeError is a 500):

* bytes that are not UTF-8;
* arrays and objects nested deeper than ``MAX_DEPTH``;
* lone surrogates (``"\\ud800"``), as keys or values: they cannot be
  encoded, stored or logged;
* ``NaN``, ``Infinity`` and numbers too large for a float, which are not
  JSON (RFC 8259) and break comparisons and storage.
"""

import json
import re

# Deeper than any document of an OpenStack API; far below the interpreter's
# recursion limit, so the parser and the validators stay clear of it.
MAX_DEPTH = 64

# A JSON string (quotes included); removed before counting brackets.
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_BRACKET = re.compile(r'[\[\]{}]')


class BadJSON(ValueError):
    """The body is not acceptable JSON; ``str()`` is safe to show (it never
    quotes the body)."""


def _reject_constant(name):
    raise BadJSON('%s is not a valid JSON value.' % name)


def _parse_float(text):
    value = float(text)
    if value in (float('inf'), float('-inf')):
        raise BadJSON('A number in the body is out of range.')
    return value


def _depth(text):
    depth = deepest = 0
    for match in _BRACKET.finditer(_STRING.sub('', text)):
        if match.group() in '[{':
            depth += 1
            deepest = max(deepest, depth)
        else:
            depth -= 1
    return deepest


def loads(raw):
    """The value of the JSON document ``raw`` (bytes or str).

    Raises ``BadJSON`` when ``raw`` is not UTF-8, not JSON, nested deeper
    than ``MAX_DEPTH``, or holds a lone surrogate, NaN or an infinite
    number.
    """
    if isinstance(raw, (bytes, bytearray)):
        try:
            text = bytes(raw).decode('utf-8')
        except UnicodeDecodeError:
            raise BadJSON('The body is not valid UTF-8.')
    else:
        text = raw
    if _depth(text) > MAX_DEPTH:
        raise BadJSON('The body is nested deeper than %d levels.'
                      % MAX_DEPTH)
    try:
        value = json.loads(text, parse_constant=_reject_constant,
                           parse_float=_parse_float)
    except BadJSON:
        raise
    except (ValueError, RecursionError):
        # ValueError also covers integers of more digits than Python
        # converts (sys.get_int_max_str_digits).
        raise BadJSON('The body is not valid JSON.')
    try:
        # Encoding fails exactly when a string holds a lone surrogate.
        json.dumps(value, ensure_ascii=False).encode('utf-8')
    except UnicodeEncodeError:
        raise BadJSON('The body holds a lone UTF-16 surrogate.')
    return value
