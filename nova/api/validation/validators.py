"""jsonschema validation with Nova's 400 messages.

Request bodies give "Invalid input for field/attribute <path>. Value:
<value>. <reason>"; query strings "Invalid input for query parameters
<name>. Value: <value>. <reason>".
"""

import base64
import binascii
import unicodedata

import jsonschema
from jsonschema import exceptions as js_exceptions
from oslo_utils import timeutils
from oslo_utils import uuidutils

from nova.api import echo
from nova import exception
from nova.i18n import _

_FORMAT_CHECKER = jsonschema.FormatChecker(())


@_FORMAT_CHECKER.checks('uuid')
def _is_uuid(value):
    if not isinstance(value, str):
        return True
    return uuidutils.is_uuid_like(value)


@_FORMAT_CHECKER.checks('date-time')
def _is_datetime(value):
    if not isinstance(value, str):
        return True
    try:
        timeutils.parse_isotime(value)
    except ValueError:
        return False
    return True


def _is_printable_char(char):
    """Letters, marks, numbers, punctuation, symbols and plain spaces; not
    control, format or unassigned characters, nor line breaks."""
    category = unicodedata.category(char)
    return category[0] != 'C' and category not in ('Zl', 'Zp')


@_FORMAT_CHECKER.checks('printable')
def _is_printable(value):
    if not isinstance(value, str):
        return True
    return all(_is_printable_char(char) for char in value)


@_FORMAT_CHECKER.checks('printable-name')
def _is_printable_name(value):
    """Printable, and neither starting nor ending with a space (Nova's
    rule for the names of flavors)."""
    if not isinstance(value, str) or not value:
        return True
    return _is_printable(value) and 'Zs' not in (
        unicodedata.category(value[0]), unicodedata.category(value[-1]))


# Schemas are module-level constants: one validator each, built on first
# use (id -> (schema, validator); the schema is kept so its id stays
# unique).
_VALIDATORS = {}


def _validator(schema):
    cached = _VALIDATORS.get(id(schema))
    if cached is None or cached[0] is not schema:
        cached = (schema, jsonschema.Draft4Validator(
            schema, format_checker=_FORMAT_CHECKER))
        _VALIDATORS[id(schema)] = cached
    return cached[1]


def _first_error(schema, instance):
    errors = list(_validator(schema).iter_errors(instance))
    if not errors:
        return None
    return js_exceptions.best_match(errors)


def _path(error):
    return '/'.join(str(p) for p in error.absolute_path)


def validate_body(schema, body):
    """Raise ``ValidationError`` (400) unless ``body`` fits ``schema``."""
    error = _first_error(schema, body)
    if error is None:
        return
    if body is None:
        detail = _('The request body is missing or empty.')
    elif error.absolute_path:
        detail = _('Invalid input for field/attribute %(path)s. Value: '
                   '%(value)s. %(message)s') % {
            'path': _path(error), 'value': echo.clip(error.instance),
            'message': echo.schema_message(error)}
    else:
        detail = echo.schema_message(error)
    raise exception.ValidationError(detail=detail)


def validate_query(schema, query):
    """Raise ``ValidationError`` unless the query dict fits ``schema``.

    ``query`` maps each parameter name to the list of its values.
    """
    error = _first_error(schema, query)
    if error is None:
        return
    if error.absolute_path:
        name = error.absolute_path[0]
        detail = _('Invalid input for query parameters %(name)s. Value: '
                   '%(value)s. %(message)s') % {
            'name': echo.clip(name),
            'value': echo.clip(_shown_value(error, query, name)),
            'message': echo.schema_message(error)}
    else:
        detail = echo.schema_message(error)
    raise exception.ValidationError(detail=detail)


def _shown_value(error, query, name):
    values = query.get(name)
    if isinstance(values, list) and len(values) == 1:
        return values[0]
    return error.instance


def check_response(schema, body):
    """Return None when ``body`` fits ``schema``, else the error text."""
    error = _first_error(schema, body)
    if error is None:
        return None
    return '%s at %s' % (error.message, _path(error) or '<root>')


@_FORMAT_CHECKER.checks('base64')
def _is_base64(value):
    if not isinstance(value, str):
        return True
    try:
        base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        return False
    return True
