"""Schemas of /os-instance_usage_audit_log."""

no_query = {'type': 'object', 'properties': {}, 'additionalProperties': True}

_report = {
    'type': 'object',
    'properties': {
        'period_beginning': {'type': 'string'},
        'period_ending': {'type': 'string'},
        'num_hosts': {'type': 'integer'},
        'num_hosts_done': {'type': 'integer'},
        'num_hosts_running': {'type': 'integer'},
        'num_hosts_not_run': {'type': 'integer'},
        'hosts_not_run': {'type': 'array', 'items': {'type': 'string'}},
        'total_instances': {'type': 'integer'},
        'total_errors': {'type': 'integer'},
        'overall_status': {'type': 'string'},
        'log': {'type': 'object'},
    },
    'required': ['period_beginning', 'period_ending', 'num_hosts',
                 'num_hosts_done', 'num_hosts_running', 'num_hosts_not_run',
                 'hosts_not_run', 'total_instances', 'total_errors',
                 'overall_status', 'log'],
    'additionalProperties': False,
}


def _one(key):
    return {'type': 'object', 'properties': {key: _report},
            'required': [key], 'additionalProperties': False}


index_response = _one('instance_usage_audit_logs')
show_response = _one('instance_usage_audit_log')
