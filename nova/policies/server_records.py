"""Policy defaults of a server's metadata (/servers/{server_id}/metadata)
and tags (/servers/{server_id}/tags, 2.26)."""

from oslo_policy import policy

from nova.policies import base

METADATA = 'os_compute_api:server-metadata:%s'
METADATA_INDEX = METADATA % 'index'
METADATA_SHOW = METADATA % 'show'
METADATA_CREATE = METADATA % 'create'
METADATA_UPDATE_ALL = METADATA % 'update_all'
METADATA_UPDATE = METADATA % 'update'
METADATA_DELETE = METADATA % 'delete'

TAGS = 'os_compute_api:os-server-tags:%s'
TAGS_INDEX = TAGS % 'index'
TAGS_SHOW = TAGS % 'show'
TAGS_UPDATE = TAGS % 'update'
TAGS_UPDATE_ALL = TAGS % 'update_all'
TAGS_DELETE = TAGS % 'delete'
TAGS_DELETE_ALL = TAGS % 'delete_all'

_META_PATH = '/servers/{server_id}/metadata'
_META_KEY_PATH = '/servers/{server_id}/metadata/{key}'
_TAGS_PATH = '/servers/{server_id}/tags'
_TAG_PATH = '/servers/{server_id}/tags/{tag}'


def _rule(name, check_str, description, method, path):
    return policy.DocumentedRuleDefault(
        name=name, check_str=check_str, description=description,
        operations=[{'method': method, 'path': path}])


rules = [
    _rule(METADATA_INDEX, base.PROJECT_READER_OR_ADMIN,
          "List a server's metadata", 'GET', _META_PATH),
    _rule(METADATA_SHOW, base.PROJECT_READER_OR_ADMIN,
          "Show a server's metadata item", 'GET', _META_KEY_PATH),
    _rule(METADATA_CREATE, base.PROJECT_MEMBER_OR_ADMIN,
          "Add or change items of a server's metadata", 'POST', _META_PATH),
    _rule(METADATA_UPDATE_ALL, base.PROJECT_MEMBER_OR_ADMIN,
          "Replace a server's metadata", 'PUT', _META_PATH),
    _rule(METADATA_UPDATE, base.PROJECT_MEMBER_OR_ADMIN,
          "Set a server's metadata item", 'PUT', _META_KEY_PATH),
    _rule(METADATA_DELETE, base.PROJECT_MEMBER_OR_ADMIN,
          "Delete a server's metadata item", 'DELETE', _META_KEY_PATH),
    _rule(TAGS_INDEX, base.PROJECT_READER_OR_ADMIN,
          "List a server's tags", 'GET', _TAGS_PATH),
    _rule(TAGS_SHOW, base.PROJECT_READER_OR_ADMIN,
          'Check a tag of a server', 'GET', _TAG_PATH),
    _rule(TAGS_UPDATE, base.PROJECT_MEMBER_OR_ADMIN,
          'Add a tag to a server', 'PUT', _TAG_PATH),
    _rule(TAGS_UPDATE_ALL, base.PROJECT_MEMBER_OR_ADMIN,
          "Replace a server's tags", 'PUT', _TAGS_PATH),
    _rule(TAGS_DELETE, base.PROJECT_MEMBER_OR_ADMIN,
          'Remove a tag from a server', 'DELETE', _TAG_PATH),
    _rule(TAGS_DELETE_ALL, base.PROJECT_MEMBER_OR_ADMIN,
          "Remove every tag of a server", 'DELETE', _TAGS_PATH),
]


def list_rules():
    return rules
