"""JSON Schema (draft 4, as the API schemas are written) -> the Schema
Object of OpenAPI 3.0, which is a narrower dialect.

What OpenAPI 3.0 lacks and how it is written instead:

- ``type`` as a list: ``null`` becomes ``nullable: true``; several other
  types become an ``anyOf`` with one branch per type (each branch keeps
  the keywords, as JSON Schema ignores keywords of other types, and the
  ``enum`` values of its type only).
- ``patternProperties``: the properties' names cannot be constrained, so
  the value schemas become ``additionalProperties`` (one of them, or an
  ``anyOf``) and the patterns are kept in ``x-patternProperties`` for
  readers. The document is thus a little looser than the API.
- ``const``: a one-value ``enum``.
- ``required: []`` and an array without ``items`` are not allowed.
- Draft 6's numeric ``exclusiveMinimum``/``exclusiveMaximum``: draft 4's
  boolean form.
"""

import copy

_PY_TYPES = {
    'string': (str,),
    'integer': (int,),
    'number': (int, float),
    'boolean': (bool,),
    'object': (dict,),
    'array': (list,),
}
_NESTED_ONE = ('items', 'not', 'additionalItems')
_NESTED_MANY = ('oneOf', 'anyOf', 'allOf')
# Keywords that mean nothing in OpenAPI 3.0 (draft 4 only).
_DROPPED = ('$schema', 'id', 'definitions', 'dependencies',
            'additionalItems')


def _of_type(value, type_name):
    if type_name != 'boolean' and isinstance(value, bool):
        return False
    return isinstance(value, _PY_TYPES.get(type_name, (object,)))


def _exclusive(out, key, bound):
    value = out.get(key)
    if isinstance(value, bool) or value is None:
        return
    out[bound] = value
    out[key] = True


def _pattern_properties(out):
    patterns = out.pop('patternProperties')
    out['x-patternProperties'] = sorted(patterns)
    values = [convert(schema) for schema in patterns.values()]
    extra = out.get('additionalProperties', True)
    if extra not in (True, False):
        values.append(extra)
    elif extra is True:
        return
    out['additionalProperties'] = (
        values[0] if len(values) == 1 else {'anyOf': values})


def _split_types(out):
    types = out.pop('type')
    if 'null' in types:
        out['nullable'] = True
        types = [t for t in types if t != 'null']
    if not types:
        out.setdefault('enum', [None])
        return out
    if len(types) == 1:
        out['type'] = types[0]
        if 'enum' in out:
            out['enum'] = [v for v in out['enum']
                           if v is None or _of_type(v, types[0])]
        return out
    branches = []
    for type_name in types:
        branch = {k: v for k, v in out.items() if k != 'nullable'}
        branch['type'] = type_name
        if 'enum' in branch:
            branch['enum'] = [v for v in branch['enum']
                              if _of_type(v, type_name)]
            if not branch['enum']:
                continue
        branches.append(_finish(branch))
    result = {'anyOf': branches}
    if out.get('nullable'):
        result['nullable'] = True
    for key in ('description', 'title', 'default'):
        if key in out:
            result[key] = out[key]
    return result


def _finish(out):
    if out.get('type') == 'array' and 'items' not in out:
        out['items'] = {}
    if out.get('required') == []:
        del out['required']
    if out.get('enum') == []:
        del out['enum']
    return out


def convert(schema):
    """An OpenAPI 3.0 Schema Object equivalent to (or, for
    ``patternProperties``, a little looser than) the JSON schema
    ``schema`` (a dict, or a boolean as draft 6 allows). ``schema`` is not
    changed."""
    if schema is True:
        return {}
    if schema is False:
        return {'not': {}}
    out = {k: copy.deepcopy(v) for k, v in schema.items()
           if k not in _DROPPED}
    if 'properties' in out:
        out['properties'] = {name: convert(sub) for name, sub
                             in out['properties'].items()}
    for key in _NESTED_ONE:
        if isinstance(out.get(key), dict):
            out[key] = convert(out[key])
        elif isinstance(out.get(key), list):
            # Tuple form: OpenAPI 3.0 has one schema for every item.
            out[key] = {'anyOf': [convert(s) for s in out[key]]}
    for key in _NESTED_MANY:
        if key in out:
            out[key] = [convert(sub) for sub in out[key]]
    if isinstance(out.get('additionalProperties'), dict):
        out['additionalProperties'] = convert(out['additionalProperties'])
    if 'patternProperties' in out:
        _pattern_properties(out)
    if 'const' in out:
        out['enum'] = [out.pop('const')]
    _exclusive(out, 'exclusiveMinimum', 'minimum')
    _exclusive(out, 'exclusiveMaximum', 'maximum')
    if isinstance(out.get('type'), list):
        return _split_types(out)
    if out.get('type') == 'null':
        del out['type']
        out['nullable'] = True
        out['enum'] = [None]
    return _finish(out)
