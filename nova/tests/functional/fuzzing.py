"""Fuzzing helpers for ``test_fuzz``: schemathesis over an OpenAPI
document, and hypothesis strategies for malformed requests, both with
fixed seeds (``derandomize``) and no example database.

A ``Tally`` counts the requests sent and keeps every answer of 500 or
more and every connection error (which is how a crashed handler shows
when nothing turns it into a response); the tests assert it holds none.
501 is Nova's documented answer for what this cloud does not implement,
so it is counted apart, not as a failure.
"""

import collections
import json
import urllib.parse

import hypothesis
from hypothesis import strategies as st
import requests
import schemathesis

from nova.api import openapi_builtin

NOT_IMPLEMENTED = 501

# The image service's PATCH bodies are JSON under Glance's media type.
schemathesis.serializer.alias(openapi_builtin.JSON_PATCH_TYPE,
                              'application/json')


def settings(examples):
    """Hypothesis settings of a bounded, reproducible run."""
    return hypothesis.settings(
        max_examples=examples, derandomize=True, database=None,
        deadline=None, print_blob=False,
        phases=(hypothesis.Phase.explicit, hypothesis.Phase.generate),
        suppress_health_check=list(hypothesis.HealthCheck))


class Tally:
    """Requests sent, and the ones that failed (5xx or no answer)."""

    def __init__(self):
        self.requests = 0
        self.not_implemented = 0
        self.failures = []
        # Status class ('2xx', '4xx', ...) -> count, to show what ran.
        self.classes = collections.Counter()

    def record(self, service, method, url, kind, response=None,
               error=None):
        self.requests += 1
        self.classes['%dxx' % (response.status_code // 100)
                     if response is not None else 'no answer'] += 1
        if error is not None:
            self.failures.append('%s %s %s (%s): no answer: %r' % (
                service, method, url, kind, error))
        elif response.status_code == NOT_IMPLEMENTED:
            self.not_implemented += 1
        elif response.status_code >= 500:
            self.failures.append('%s %s %s (%s): %d %s' % (
                service, method, url, kind, response.status_code,
                response.text[:300]))

    @property
    def five_xx(self):
        return len(self.failures)

    def summary(self):
        return 'fuzz: %d requests, %d 5xx (%s; 501s are what is not ' \
               'implemented)' % (self.requests, self.five_xx, ', '.join(
                   '%s %d' % item for item in sorted(self.classes.items())))


def operations(document):
    """The schemathesis operations of an OpenAPI ``document`` (a dict)."""
    schema = schemathesis.openapi.from_dict(document)
    return [result.ok() for result in schema.get_all_operations()]


def fuzz_operation(tally, service, operation, base_url, headers, examples,
                   path_parameters=None):
    """Send ``examples`` positive and as many negative requests made by
    schemathesis for ``operation`` to ``base_url``."""
    with requests.Session() as session:
        for mode in (schemathesis.GenerationMode.POSITIVE,
                     schemathesis.GenerationMode.NEGATIVE):
            known = {name: value for name, value
                     in (path_parameters or {}).items()
                     if '{%s}' % name in operation.path}
            strategy = operation.as_strategy(generation_mode=mode,
                                             path_parameters=known or None)

            @settings(examples)
            @hypothesis.given(case=strategy)
            def run(case):
                kind = 'schemathesis %s' % mode.value
                url = base_url + case.formatted_path
                try:
                    response = case.call(base_url=base_url, session=session,
                                         headers=headers, timeout=60)
                except requests.RequestException as e:
                    tally.record(service, case.method, url, kind, error=e)
                    return
                tally.record(service, case.method, response.request.url, kind,
                             response=response)

            try:
                run()
            except hypothesis.errors.Unsatisfiable:
                # NOTE: nothing negative can be made of an operation
                # without parameters or body; its positive run covered it.
                pass


def split_actions(document):
    """``[(path, action name, document)]``: for each ``.../action``
    dispatcher (an operation with ``x-actions``) of ``document``, one
    document per action whose body is that action's alone (schemathesis
    then gives every action its examples, not a share of a ``oneOf``)."""
    found = []
    for path, item in document['paths'].items():
        op = item.get('post')
        if not op or 'x-actions' not in op or 'requestBody' not in op:
            continue
        content = op['requestBody']['content']['application/json']
        for body in content['schema']['oneOf']:
            name = next(iter(body.get('properties') or {'?': None}))
            single = dict(op, operationId='%s.%s' % (op['operationId'],
                                                     name),
                          requestBody={'required': True, 'content': {
                              'application/json': {'schema': body}}})
            found.append((path, name, dict(document, paths={
                path: {'post': single}})))
    return found


# -- malformed requests, by kind --------------------------------------

def _quoted_bytes():
    invalid = st.sampled_from([b'\xff', b'\xfe', b'\xc3', b'\xed\xa0\x80',
                               b'\xc0\xaf', b'\x80'])
    return st.tuples(st.binary(max_size=8), invalid,
                     st.binary(max_size=8)).map(
        lambda parts: urllib.parse.quote_from_bytes(b''.join(parts)))


def invalid_utf8():
    """A path segment or query value: percent-encoded bytes that are not
    UTF-8 (stray continuation bytes, overlong forms, encoded
    surrogates)."""
    return _quoted_bytes()


def deeply_nested(key):
    """A JSON body whose ``key`` value is nested 50 to 100,000 deep."""
    return st.tuples(st.integers(min_value=50, max_value=100000),
                     st.sampled_from(['[', '{"a":'])).map(
        lambda depth_open: _nest(key, *depth_open))


def _nest(key, depth, opener):
    if opener == '[':
        inner = '[' * depth + ']' * depth
    else:
        inner = opener * depth + '1' + '}' * depth
    return '{"%s": %s}' % (key, inner)


def lone_surrogates(body_with):
    """A JSON body (text) whose strings carry a lone UTF-16 surrogate
    escape, made by ``body_with(text)`` from a string value."""
    surrogate = st.integers(min_value=0xd800, max_value=0xdfff).map(
        lambda code: '\\u%04x' % code)
    return st.tuples(st.text(alphabet='abc', max_size=3), surrogate).map(
        lambda parts: body_with(parts[0] + parts[1]))


def huge_integers():
    """Integers far outside 64 bits, either sign."""
    return st.integers(min_value=64, max_value=4000).flatmap(
        lambda bits: st.sampled_from([2 ** bits, -(2 ** bits)]))


def truncated(body):
    """``body`` (a JSON-able value) cut short at any point."""
    text = json.dumps(body)
    return st.integers(min_value=0, max_value=len(text) - 1).map(
        lambda end: text[:end])
