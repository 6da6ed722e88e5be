"""Schemas of the /os-security-groups and /os-security-group-rules
proxies (until 2.35). As in Nova, request bodies and queries may carry
other keys (ignored), and rule ports, protocol and CIDR are checked by
the handler, not here."""

from nova.api.openstack.compute.schemas import security_groups as views
from nova.api.validation import parameter_types as types

_text = {'type': 'string', 'minLength': 0, 'maxLength': 255}

create = {
    'type': 'object',
    'properties': {
        'security_group': {
            'type': 'object',
            'properties': {'name': _text, 'description': _text},
            'required': ['name', 'description'],
            'additionalProperties': True,
        },
    },
    'required': ['security_group'],
    'additionalProperties': True,
}
update = create

create_rule = {
    'type': 'object',
    'properties': {
        'security_group_rule': {
            'type': 'object',
            'properties': {
                'parent_group_id': types.uuid,
                'group_id': {'type': ['string', 'null'], 'format': 'uuid'},
                'ip_protocol': {},
                'from_port': {},
                'to_port': {},
                'cidr': {},
            },
            'required': ['parent_group_id'],
            'additionalProperties': True,
        },
    },
    'required': ['security_group_rule'],
    'additionalProperties': True,
}

index_query = {
    'type': 'object',
    'properties': {
        'limit': types.multi_params(types.non_negative_integer),
        'offset': types.multi_params(types.non_negative_integer),
        'all_tenants': types.multi_params({'type': 'string'}),
    },
    'additionalProperties': True,
}
no_query = {'type': 'object', 'properties': {},
            'additionalProperties': True}

index_response = views.list_response
show_response = {
    'type': 'object',
    'properties': {'security_group': views.group},
    'required': ['security_group'],
    'additionalProperties': False,
}
create_rule_response = {
    'type': 'object',
    'properties': {'security_group_rule': views.rule},
    'required': ['security_group_rule'],
    'additionalProperties': False,
}
no_body_response = types.empty_response
