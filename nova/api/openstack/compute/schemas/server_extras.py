"""Schemas of /servers/{server_id}/diagnostics and
/servers/{server_id}/os-server-password."""

from nova.api.validation import parameter_types as types

no_query = {'type': 'object', 'properties': {},
            'additionalProperties': True}

# Before 2.48 the driver's own keys and values.
diagnostics_response = {'type': 'object'}

_int_or_null = {'type': ['integer', 'null']}
diagnostics_response_v248 = {
    'type': 'object',
    'properties': {
        'state': {'enum': ['pending', 'running', 'paused', 'shutdown',
                           'crashed', 'suspended']},
        'driver': {'type': 'string'},
        'hypervisor': {'type': ['string', 'null']},
        'hypervisor_os': {'type': ['string', 'null']},
        'uptime': _int_or_null,
        'config_drive': {'type': 'boolean'},
        'num_cpus': {'type': 'integer'},
        'num_nics': {'type': 'integer'},
        'num_disks': {'type': 'integer'},
        'memory_details': {
            'type': 'object',
            'properties': {'maximum': _int_or_null, 'used': _int_or_null},
            'required': ['maximum', 'used'],
            'additionalProperties': False,
        },
        'cpu_details': {'type': 'array', 'items': {'type': 'object'}},
        'nic_details': {'type': 'array', 'items': {'type': 'object'}},
        'disk_details': {'type': 'array', 'items': {'type': 'object'}},
    },
    'required': ['state', 'driver', 'hypervisor', 'hypervisor_os', 'uptime',
                 'config_drive', 'num_cpus', 'num_nics', 'num_disks',
                 'memory_details', 'cpu_details', 'nic_details',
                 'disk_details'],
    'additionalProperties': False,
}

password_response = {
    'type': 'object',
    'properties': {'password': {'type': 'string'}},
    'required': ['password'],
    'additionalProperties': False,
}
no_body_response = types.empty_response

topology_response = {
    'type': 'object',
    'properties': {
        'nodes': {'type': 'array', 'items': {'type': 'object'}},
        'pagesize_kb': {'type': ['integer', 'null']},
    },
    'required': ['nodes', 'pagesize_kb'],
    'additionalProperties': False,
}
