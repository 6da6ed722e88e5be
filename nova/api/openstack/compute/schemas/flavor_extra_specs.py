"""Schemas of /flavors/{flavor_id}/os-extra_specs."""

import copy

from nova.api.validation import parameter_types as types

# Values may be sent as numbers; they are kept as their string.
_specs = copy.deepcopy(types.metadata)
for _value in _specs['patternProperties'].values():
    _value['type'] = ['string', 'number']

create = {
    'type': 'object',
    'properties': {'extra_specs': _specs},
    'required': ['extra_specs'],
    'additionalProperties': False,
}

# PUT .../os-extra_specs/{key}: exactly the one key of the URL.
update = dict(copy.deepcopy(_specs), minProperties=1, maxProperties=1)

no_query = {'type': 'object', 'properties': {},
            'additionalProperties': True}

index_response = {
    'type': 'object',
    'properties': {'extra_specs': types.metadata},
    'required': ['extra_specs'],
    'additionalProperties': False,
}
# Create and update answer the request body as it was sent.
create_response = create
update_response = update
show_response = types.metadata
delete_response = types.empty_response
