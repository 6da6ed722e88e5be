"""Schemas of /os-hosts."""

from nova.api.validation import parameter_types as types

_switch = {'type': 'string',
           'enum': ['enable', 'disable', 'Enable', 'Disable', 'ENABLE',
                    'DISABLE']}

update = {
    'type': 'object',
    'properties': {'status': _switch, 'maintenance_mode': _switch},
    'anyOf': [{'required': ['status']}, {'required': ['maintenance_mode']}],
    'additionalProperties': False,
}

index_query = {
    'type': 'object',
    'properties': {'zone': types.multi_params({'type': 'string'})},
    'additionalProperties': True,
}
no_query = {'type': 'object', 'properties': {}, 'additionalProperties': True}

index_response = {
    'type': 'object',
    'properties': {'hosts': {'type': 'array', 'items': {
        'type': 'object',
        'properties': {'host_name': {'type': 'string'},
                       'service': {'type': 'string'},
                       'zone': {'type': 'string'}},
        'required': ['host_name', 'service', 'zone'],
        'additionalProperties': False,
    }}},
    'required': ['hosts'],
    'additionalProperties': False,
}

_resource = {
    'type': 'object',
    'properties': {'resource': {
        'type': 'object',
        'properties': {'host': {'type': 'string'},
                       'project': {'type': 'string'},
                       'cpu': {'type': 'integer'},
                       'memory_mb': {'type': 'integer'},
                       'disk_gb': {'type': 'integer'}},
        'required': ['host', 'project', 'cpu', 'memory_mb', 'disk_gb'],
        'additionalProperties': False,
    }},
    'required': ['resource'],
    'additionalProperties': False,
}
show_response = {
    'type': 'object',
    'properties': {'host': {'type': 'array', 'items': _resource}},
    'required': ['host'],
    'additionalProperties': False,
}

update_response = {
    'type': 'object',
    'properties': {
        'host': {'type': 'string'},
        'status': {'enum': ['enabled', 'disabled']},
        'maintenance_mode': {'enum': ['on_maintenance', 'off_maintenance']},
    },
    'required': ['host'],
    'additionalProperties': False,
}

power_response = {
    'type': 'object',
    'properties': {'host': {'type': 'string'},
                   'power_action': {'type': 'string'}},
    'required': ['host', 'power_action'],
    'additionalProperties': False,
}
