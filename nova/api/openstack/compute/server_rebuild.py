"""The rebuild action of POST /servers/{server_id}/action: the server's
guest spawned again from an image, with new attributes.

202 with the server's view (and ``adminPass`` unless
``[api] enable_instance_password`` is off). 400: bad body, unknown or
inactive image, an image the flavor cannot hold, an unknown key pair;
403: too many metadata items; 404: no such server; 409: its state does
not allow a rebuild (ACTIVE, SHUTOFF or ERROR with no task), or it is
locked and the caller is not an admin.
"""

import webob.exc

from nova.api.openstack import api_version_request as avr
from nova.api.openstack.compute.schemas import server_rebuild as schemas
from nova.api.openstack.compute.schemas import servers as server_schemas
from nova.api.openstack.compute import servers
from nova.api.openstack.compute.views import servers as views
from nova.api.openstack import wsgi
from nova.api import validation
from nova.compute import api as compute_api
from nova.compute import disk_config
import nova.conf
from nova import exception
from nova.i18n import _
from nova.policies import servers as policies
from nova import utils

CONF = nova.conf.CONF

# Request field -> instance field.
_FIELDS = {'name': 'display_name', 'metadata': 'metadata',
           'accessIPv4': 'access_ip_v4', 'accessIPv6': 'access_ip_v6',
           'description': 'display_description', 'user_data': 'user_data',
           'hostname': 'hostname', 'key_name': 'key_name'}


def _changes(args):
    changes = {_FIELDS[key]: value for key, value in args.items()
               if key in _FIELDS}
    if 'OS-DCF:diskConfig' in args:
        changes['auto_disk_config'] = disk_config.from_api(
            args['OS-DCF:diskConfig'])
    return changes


@wsgi.response(202)
@wsgi.expected_errors((400, 403, 404, 409))
@wsgi.policies(policies.REBUILD, policies.SHOW_HOST_STATUS,
               policies.SHOW_FLAVOR_EXTRA_SPECS, policies.EXTENDED_ATTRIBUTES)
@validation.schema(schemas.rebuild, '2.1', '2.18')
@validation.schema(schemas.rebuild_v219, '2.19', '2.53')
@validation.schema(schemas.rebuild_v254, '2.54', '2.56')
@validation.schema(schemas.rebuild_v257, '2.57', '2.62')
@validation.schema(schemas.rebuild_v263, '2.63', '2.89')
@validation.schema(schemas.rebuild_v290, '2.90', '2.93')
@validation.schema(schemas.rebuild_v294, '2.94')
@servers.server_response_schemas(server_schemas.rebuild_response)
def rebuild(req, server_id, body):
    ctx = req.context
    args = body['rebuild']
    instance = servers.get(ctx, server_id, None)
    ctx.can(policies.REBUILD, target={'project_id': instance.project_id,
                                      'user_id': instance.user_id})
    password = args.get('adminPass') or utils.generate_password()
    image_href = args['imageRef'].rstrip('/').rsplit('/', 1)[-1]
    try:
        compute_api.API().rebuild(ctx, instance, image_href, password,
                                  _changes(args))
    except exception.InstanceNotFound as exc:
        raise webob.exc.HTTPNotFound(explanation=exc.format_message())
    except exception.MetadataLimitExceeded as exc:
        raise webob.exc.HTTPForbidden(explanation=exc.format_message())
    except exception.KeypairNotFound:
        raise webob.exc.HTTPBadRequest(
            explanation=_('Invalid key_name provided.'))
    except (exception.InstanceInvalidState, exception.InstanceIsLocked,
            exception.InstanceNotReady,
            exception.ComputeServiceTooOld) as exc:
        raise webob.exc.HTTPConflict(explanation=exc.format_message())
    except (exception.ImageNotFound, exception.ImageNotActive,
            exception.ImageBadRequest,
            exception.AutoDiskConfigDisabledByImage,
            exception.FlavorDiskSmallerThanImage,
            exception.FlavorMemoryTooSmall) as exc:
        raise webob.exc.HTTPBadRequest(explanation=exc.format_message())
    instance = servers.get(ctx, server_id, servers.SHOW_ATTRS)
    view = views.show_changed(
        req, instance, servers.view_options(req, [instance], show=True))
    if CONF.api.enable_instance_password:
        view['adminPass'] = password
    # The rebuild view shows what a rebuild may change: the key pair
    # (2.54) and the user data (2.57).
    if avr.is_supported(req, '2.54'):
        view['key_name'] = instance.key_name
    if avr.is_supported(req, '2.57'):
        view['user_data'] = instance.user_data
        # Nova shows it once, at the top level, not also as an extended
        # attribute (tempest's v2_75 rebuild schema refuses the latter).
        view.pop('OS-EXT-SRV-ATTR:user_data', None)
    return {'server': view}
