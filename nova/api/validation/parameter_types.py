"""JSON-schema building blocks shared by the Compute API schemas."""

import copy

from oslo_utils import netutils

from nova.api.validation import validators


@validators._FORMAT_CHECKER.checks('ipv4')
def _is_ipv4(value):
    return not isinstance(value, str) or netutils.is_valid_ipv4(value)


@validators._FORMAT_CHECKER.checks('ipv6')
def _is_ipv6(value):
    return not isinstance(value, str) or netutils.is_valid_ipv6(value)


def multi_params(schema):
    """A query parameter that may repeat; each value must fit ``schema``."""
    return {'type': 'array', 'items': copy.deepcopy(schema)}


def single_param(schema):
    """A query parameter whose (last) value must fit ``schema``."""
    return {'type': 'array', 'items': copy.deepcopy(schema), 'minItems': 1}


boolean = {
    'type': ['boolean', 'string'],
    'enum': [True, 'True', 'TRUE', 'true', '1', 'ON', 'On', 'on',
             'YES', 'Yes', 'yes', 'y', 't',
             False, 'False', 'FALSE', 'false', '0', 'OFF', 'Off', 'off',
             'NO', 'No', 'no', 'n', 'f'],
}

# Query-string form of a boolean: any string, interpreted leniently.
query_boolean = {'type': 'string'}

non_negative_integer = {
    'type': ['integer', 'string'],
    'pattern': '^[0-9]+$',
    'minimum': 0,
    'minLength': 1,
}

positive_integer = {
    'type': ['integer', 'string'],
    'pattern': '^[0-9]*$',
    'minimum': 1,
    'minLength': 1,
}

uuid = {'type': 'string', 'format': 'uuid'}

# A name: 1-255 characters, no leading or trailing whitespace.
name = {
    'type': 'string', 'minLength': 1, 'maxLength': 255,
    'pattern': r'^\S(.*\S)?$',
}

# A name by Nova's rule: printable characters, no leading or trailing
# whitespace.
printable_name = dict(name, format='printable-name')

description = {
    'type': ['string', 'null'], 'minLength': 0, 'maxLength': 255,
    'pattern': r'^[^\x00-\x1f\x7f]*$',
}

metadata = {
    'type': 'object',
    'patternProperties': {
        '^[a-zA-Z0-9-_:. ]{1,255}$': {'type': 'string', 'maxLength': 255},
    },
    'additionalProperties': False,
}

flavor_ref = {'type': ['string', 'integer'], 'minLength': 1}

image_ref = {'type': 'string', 'maxLength': 255}

ipv4 = {'type': 'string', 'format': 'ipv4'}
ipv6 = {'type': 'string', 'format': 'ipv6'}
ip_address = {'type': 'string', 'oneOf': [{'format': 'ipv4'},
                                          {'format': 'ipv6'}]}

availability_zone = {
    'type': 'string', 'minLength': 1, 'maxLength': 255,
    'pattern': r'^[^\x00-\x1f\x7f:]*$',
}

key_name = {'type': 'string', 'minLength': 1, 'maxLength': 255}

admin_password = {'type': 'string'}

# NOTE: clients (Tempest among them) send integer ids; numbers are stored
# as their decimal string.
flavor_id = {
    'type': ['string', 'number', 'null'], 'minLength': 1, 'maxLength': 255,
    'pattern': r'^(?! )[a-zA-Z0-9. _-]+(?<! )$',
}

# The sizes of a flavor: what fits the database's INT columns.
DB_MAX_INT = 0x7FFFFFFF
flavor_size_positive = dict(positive_integer, maximum=DB_MAX_INT)
flavor_size_non_negative = dict(non_negative_integer, maximum=DB_MAX_INT)

# Sort direction values accepted by list APIs.
sort_dir = {'type': 'string', 'enum': ['asc', 'desc']}

limit_param = single_param(non_negative_integer)
marker_param = single_param({'type': 'string'})

# -- response building blocks ----------------------------------------------

link = {
    'type': 'object',
    'properties': {
        'rel': {'type': 'string'},
        'href': {'type': 'string'},
        'type': {'type': 'string'},
    },
    'required': ['rel', 'href'],
    'additionalProperties': False,
}

links = {'type': 'array', 'items': link}

collection_links = {
    'type': 'array',
    'items': {
        'type': 'object',
        'properties': {
            'rel': {'enum': ['next']},
            'href': {'type': 'string'},
        },
        'required': ['rel', 'href'],
        'additionalProperties': False,
    },
    'maxItems': 1,
}

datetime_or_null = {'type': ['string', 'null'], 'format': 'date-time'}
empty_response = {'type': 'null'}

# A server tag (2.26): no commas or slashes, which list filters and URLs
# use as separators.
tag = {'type': 'string', 'minLength': 1, 'maxLength': 60,
       'pattern': '^[^,/]*$'}

# A DNS label: the guest hostname of microversions 2.90-2.93.
hostname = {'type': 'string', 'minLength': 1, 'maxLength': 63,
            'pattern': '^[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?$'}

# A fully qualified (or single-label) host name: hosts and nodes (2.74),
# guest hostnames from 2.94 on.
fqdn = {'type': 'string', 'minLength': 1, 'maxLength': 255,
        'pattern': r'^[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?'
                   r'(\.[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*\.?$'}
