"""Schemas of the rebuild server action, by microversion."""

import copy

from nova.api.validation import parameter_types as types

_rebuild_v21 = {
    'type': 'object',
    'properties': {
        'imageRef': {'type': 'string', 'minLength': 1, 'maxLength': 255},
        'name': types.name,
        'adminPass': types.admin_password,
        'metadata': types.metadata,
        'preserve_ephemeral': types.boolean,
        'OS-DCF:diskConfig': {'type': 'string', 'enum': ['AUTO', 'MANUAL']},
        'accessIPv4': types.ipv4,
        'accessIPv6': types.ipv6,
    },
    'required': ['imageRef'],
    'additionalProperties': False,
}


def _schema(rebuild):
    return {
        'type': 'object',
        'properties': {'rebuild': rebuild},
        'required': ['rebuild'],
        'additionalProperties': False,
    }


rebuild = _schema(_rebuild_v21)

_rebuild_v219 = copy.deepcopy(_rebuild_v21)
_rebuild_v219['properties']['description'] = types.description
rebuild_v219 = _schema(_rebuild_v219)

# 2.54: key_name (null unsets it).
_rebuild_v254 = copy.deepcopy(_rebuild_v219)
_rebuild_v254['properties']['key_name'] = {
    'type': ['string', 'null'], 'minLength': 1, 'maxLength': 255}
rebuild_v254 = _schema(_rebuild_v254)

# 2.57: user_data (null unsets it). Personality files (before 2.57) are
# not supported here, as at create.
_rebuild_v257 = copy.deepcopy(_rebuild_v254)
_rebuild_v257['properties']['user_data'] = {
    'type': ['string', 'null'], 'format': 'base64', 'maxLength': 65535}
rebuild_v257 = _schema(_rebuild_v257)

# 2.63: trusted image certificates (null unsets them).
_rebuild_v263 = copy.deepcopy(_rebuild_v257)
_rebuild_v263['properties']['trusted_image_certificates'] = {
    'type': ['array', 'null'], 'minItems': 1, 'maxItems': 50,
    'uniqueItems': True, 'items': {'type': 'string', 'minLength': 1}}
rebuild_v263 = _schema(_rebuild_v263)

# 2.90: the guest's hostname; 2.94: or a FQDN.
_rebuild_v290 = copy.deepcopy(_rebuild_v263)
_rebuild_v290['properties']['hostname'] = types.hostname
rebuild_v290 = _schema(_rebuild_v290)
_rebuild_v294 = copy.deepcopy(_rebuild_v290)
_rebuild_v294['properties']['hostname'] = types.fqdn
rebuild_v294 = _schema(_rebuild_v294)
