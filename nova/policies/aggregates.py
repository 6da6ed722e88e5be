"""Policy defaults of /os-aggregates: host aggregates are for admins."""

from oslo_policy import policy

from nova.policies import base

AGGREGATES = 'os_compute_api:os-aggregates:%s'
INDEX = AGGREGATES % 'index'
CREATE = AGGREGATES % 'create'
SHOW = AGGREGATES % 'show'
UPDATE = AGGREGATES % 'update'
DELETE = AGGREGATES % 'delete'
ADD_HOST = AGGREGATES % 'add_host'
REMOVE_HOST = AGGREGATES % 'remove_host'
SET_METADATA = AGGREGATES % 'set_metadata'
# NOTE: Nova names the rule of the image pre-cache API (2.81) this way.
IMAGES = 'compute:aggregates:images'

_ONE = '/os-aggregates/{aggregate_id}'
_ACTION = _ONE + '/action'


def _rule(name, description, method, path):
    return policy.DocumentedRuleDefault(
        name=name, check_str=base.ADMIN, description=description,
        operations=[{'method': method, 'path': path}])


rules = [
    _rule(INDEX, 'List all aggregates', 'GET', '/os-aggregates'),
    _rule(CREATE, 'Create an aggregate', 'POST', '/os-aggregates'),
    _rule(SHOW, 'Show details for an aggregate', 'GET', _ONE),
    _rule(UPDATE, 'Update name and/or availability zone for an aggregate',
          'PUT', _ONE),
    _rule(DELETE, 'Delete an aggregate', 'DELETE', _ONE),
    _rule(ADD_HOST, 'Add a host to an aggregate (add_host)', 'POST',
          _ACTION),
    _rule(REMOVE_HOST, 'Remove a host from an aggregate (remove_host)',
          'POST', _ACTION),
    _rule(SET_METADATA, 'Create or replace metadata for an aggregate '
          '(set_metadata)', 'POST', _ACTION),
    _rule(IMAGES, 'Request image caching for an aggregate', 'POST',
          _ONE + '/images'),
]


def list_rules():
    return rules
