"""Policy defaults of the image proxy (/images, /images/{image_id}/metadata,
microversions 2.1-2.35 and 2.1-2.38). The image service applies its own
rules on top: these only decide who may use the proxy at all."""

from oslo_policy import policy

from nova.policies import base

PREFIX = 'os_compute_api:image-proxy:%s'
INDEX = PREFIX % 'index'
DETAIL = PREFIX % 'detail'
SHOW = PREFIX % 'show'
DELETE = PREFIX % 'delete'
METADATA_SHOW = PREFIX % 'metadata:show'
METADATA_UPDATE = PREFIX % 'metadata:update'


def _rule(name, check_str, description, method, path, *more):
    """``more``: further (method, path) pairs the rule guards."""
    return policy.DocumentedRuleDefault(
        name=name, check_str=check_str, description=description,
        operations=[{'method': m, 'path': p}
                    for m, p in ((method, path),) + more])


rules = [
    _rule(INDEX, base.PROJECT_READER_OR_ADMIN, 'List images',
          'GET', '/images'),
    _rule(DETAIL, base.PROJECT_READER_OR_ADMIN, 'List images with details',
          'GET', '/images/detail'),
    _rule(SHOW, base.PROJECT_READER_OR_ADMIN, 'Show an image',
          'GET', '/images/{image_id}'),
    _rule(DELETE, base.PROJECT_MEMBER_OR_ADMIN, 'Delete an image',
          'DELETE', '/images/{image_id}'),
    _rule(METADATA_SHOW, base.PROJECT_READER_OR_ADMIN,
          "Show an image's metadata", 'GET', '/images/{image_id}/metadata',
          ('GET', '/images/{image_id}/metadata/{key}')),
    _rule(METADATA_UPDATE, base.PROJECT_MEMBER_OR_ADMIN,
          "Change an image's metadata", 'POST',
          '/images/{image_id}/metadata',
          ('PUT', '/images/{image_id}/metadata'),
          ('PUT', '/images/{image_id}/metadata/{key}'),
          ('DELETE', '/images/{image_id}/metadata/{key}')),
]


def list_rules():
    return rules
