"""Schemas of /os-hypervisors."""

import copy

from nova.api.validation import parameter_types as types

index_query = {'type': 'object', 'properties': {},
               'additionalProperties': True}
index_query_v233 = {
    'type': 'object',
    'properties': {'limit': types.limit_param,
                   'marker': types.marker_param},
    'additionalProperties': True,
}
index_query_v253 = copy.deepcopy(index_query_v233)
index_query_v253['properties'].update({
    'hypervisor_hostname_pattern': types.single_param(
        {'type': 'string', 'minLength': 1}),
    'with_servers': types.single_param(types.boolean),
})
index_query_v275 = dict(index_query_v253, additionalProperties=False)

_basic = {
    'type': 'object',
    'properties': {
        'id': {'type': ['integer', 'string']},
        'hypervisor_hostname': {'type': 'string'},
        'state': {'enum': ['up', 'down']},
        'status': {'enum': ['enabled', 'disabled']},
        'servers': {'type': 'array'},
    },
    'required': ['id', 'hypervisor_hostname', 'state', 'status'],
    'additionalProperties': False,
}
_STATS = ('vcpus', 'memory_mb', 'local_gb', 'vcpus_used', 'memory_mb_used',
          'local_gb_used', 'free_ram_mb', 'free_disk_gb', 'current_workload',
          'running_vms', 'disk_available_least')
_detail = copy.deepcopy(_basic)
_detail['properties'].update({
    'hypervisor_type': {'type': 'string'},
    'hypervisor_version': {'type': 'integer'},
    'host_ip': {'type': ['string', 'null']},
    'service': {'type': 'object'},
    'cpu_info': {'type': ['string', 'object']},
})
_detail['properties'].update({s: {'type': ['integer', 'null']}
                              for s in _STATS})
_detail['required'] += ['hypervisor_type', 'hypervisor_version', 'host_ip',
                        'service', 'cpu_info'] + list(_STATS)
_detail_v288 = copy.deepcopy(_basic)
_detail_v288['properties'].update({
    'hypervisor_type': {'type': 'string'},
    'hypervisor_version': {'type': 'integer'},
    'host_ip': {'type': ['string', 'null']},
    'service': {'type': 'object'},
    'uptime': {'type': ['string', 'null']},
})
_detail_v288['required'] += ['hypervisor_type', 'hypervisor_version',
                             'host_ip', 'service', 'uptime']


def _list(item):
    return {
        'type': 'object',
        'properties': {'hypervisors': {'type': 'array', 'items': item},
                       'hypervisors_links': types.collection_links},
        'required': ['hypervisors'],
        'additionalProperties': False,
    }


index_response = _list(_basic)
detail_response = _list(_detail)
detail_response_v288 = _list(_detail_v288)


def _one(item, key='hypervisor'):
    return {'type': 'object', 'properties': {key: item}, 'required': [key],
            'additionalProperties': False}


show_query = {'type': 'object', 'properties': {},
              'additionalProperties': True}
show_query_v253 = {
    'type': 'object',
    'properties': {'with_servers': types.single_param(types.boolean)},
    'additionalProperties': True,
}
show_query_v275 = dict(show_query_v253, additionalProperties=False)
show_response = _one(_detail)
show_response_v288 = _one(_detail_v288)

_uptime = copy.deepcopy(_basic)
_uptime['properties']['uptime'] = {'type': 'string'}
_uptime['required'].append('uptime')
uptime_response = _one(_uptime)

statistics_response = _one({
    'type': 'object',
    'properties': dict({s: {'type': 'integer'} for s in _STATS},
                       count={'type': 'integer'}),
    'required': ['count'] + list(_STATS),
    'additionalProperties': False,
}, key='hypervisor_statistics')
search_response = _list(_basic)
