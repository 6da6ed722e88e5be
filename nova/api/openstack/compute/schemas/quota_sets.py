"""Schemas of /os-quota-sets, /os-quota-class-sets and /limits, and which
resources each microversion shows."""

from nova.api.validation import parameter_types as types
from nova import quota

_NOVA_NETWORK = ('fixed_ips', 'floating_ips', 'security_groups',
                 'security_group_rules')
_PERSONALITY = ('injected_files', 'injected_file_content_bytes',
                'injected_file_path_bytes')
_GROUPS = ('server_groups', 'server_group_members')


def _without(names, removed):
    return tuple(n for n in names if n not in removed)


ALL = tuple(quota.RESOURCES)
# (resources shown, lowest microversion, highest) of the quota sets...
SET_VERSIONS = (
    (ALL, '2.1', '2.35'),
    (_without(ALL, _NOVA_NETWORK), '2.36', '2.56'),
    (_without(ALL, _NOVA_NETWORK + _PERSONALITY), '2.57', None),
)
# ... and of the quota class sets (server groups only from 2.50).
CLASS_VERSIONS = (
    (_without(ALL, _GROUPS), '2.1', '2.49'),
    (_without(ALL, _NOVA_NETWORK), '2.50', '2.56'),
    (_without(ALL, _NOVA_NETWORK + _PERSONALITY), '2.57', None),
)


def shown(versions, req):
    """The resources ``versions`` shows at ``req``'s microversion."""
    for names, low, high in versions:
        if req.api_version_request.matches(low, high):
            return names
    return ()


# -- requests ----

# Bounds of a limit; the schema holds JSON numbers to them, the handlers
# numeric strings (JSON Schema's minimum/maximum skip strings).
MIN_LIMIT = -1
MAX_LIMIT = 0x7FFFFFFF
_limit = {'type': ['integer', 'string'], 'pattern': '^-?[0-9]+$',
          'minimum': MIN_LIMIT, 'maximum': MAX_LIMIT}


def _update(key, names, force=True):
    properties = {name: _limit for name in names}
    if force:
        properties['force'] = types.boolean
    return {
        'type': 'object',
        'properties': {key: {'type': 'object', 'properties': properties,
                             'additionalProperties': False}},
        'required': [key],
        'additionalProperties': False,
    }


set_updates = [(_update('quota_set', names), low, high)
               for names, low, high in SET_VERSIONS]
class_updates = [(_update('quota_class_set', names, force=False), low,
                  high) for names, low, high in CLASS_VERSIONS]

user_query = {
    'type': 'object',
    'properties': {'user_id': types.multi_params({'type': 'string'})},
    'additionalProperties': True,
}
# From 2.75 unknown query parameters are refused.
user_query_v275 = dict(user_query, additionalProperties=False)
no_query = {'type': 'object', 'properties': {}, 'additionalProperties': True}
limits_query = {
    'type': 'object',
    'properties': {'tenant_id': types.multi_params({'type': 'string'})},
    'additionalProperties': True,
}
limits_query_v275 = dict(limits_query, additionalProperties=False)

# -- responses ----

_integer = {'type': 'integer', 'minimum': -1}
_detail = {
    'type': 'object',
    'properties': {'limit': _integer, 'in_use': {'type': 'integer'},
                   'reserved': {'type': 'integer'}},
    'required': ['limit', 'in_use', 'reserved'],
    'additionalProperties': False,
}


def _response(key, names, with_id, item=_integer):
    properties = {name: item for name in names}
    required = list(names)
    if with_id:
        properties['id'] = {'type': 'string'}
        required.append('id')
    return {
        'type': 'object',
        'properties': {key: {'type': 'object', 'properties': properties,
                             'required': required,
                             'additionalProperties': False}},
        'required': [key],
        'additionalProperties': False,
    }


def _per_version(versions, key, with_id, item=_integer):
    return [(_response(key, names, with_id, item), low, high)
            for names, low, high in versions]


show_responses = _per_version(SET_VERSIONS, 'quota_set', True)
update_responses = _per_version(SET_VERSIONS, 'quota_set', False)
detail_responses = _per_version(SET_VERSIONS, 'quota_set', True, _detail)
class_show_responses = _per_version(CLASS_VERSIONS, 'quota_class_set',
                                    True)
class_update_responses = _per_version(CLASS_VERSIONS, 'quota_class_set',
                                      False)
no_body_response = types.empty_response

limits_response = {
    'type': 'object',
    'properties': {'limits': {
        'type': 'object',
        'properties': {
            'rate': {'type': 'array', 'maxItems': 0},
            'absolute': {'type': 'object',
                         'additionalProperties': {'type': 'integer'}},
        },
        'required': ['rate', 'absolute'],
        'additionalProperties': False,
    }},
    'required': ['limits'],
    'additionalProperties': False,
}
