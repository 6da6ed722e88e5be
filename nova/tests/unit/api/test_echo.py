"""Error messages quote at most a short prefix of the refused input."""

import jsonschema

from nova.api import echo
from nova.api.validation import validators
from nova import exception
from nova import test

SCHEMA = {'type': 'object',
          'properties': {'name': {'type': 'string', 'maxLength': 5}}}


class TestEcho(test.TestCase):

    def test_clip(self):
        self.assertEqual('abc', echo.clip('abc'))
        self.assertEqual('x' * 100, echo.clip('x' * 100))
        self.assertEqual('x' * 100 + '...', echo.clip('x' * 101))
        self.assertEqual('12...', echo.clip(12345, limit=2))

    def test_schema_message(self):
        error = next(jsonschema.Draft4Validator(SCHEMA).iter_errors(
            {'name': 'n' * 10000}))
        message = echo.schema_message(error)
        self.assertIn('is too long', message)
        self.assertNotIn('n' * 101, message)
        short = next(jsonschema.Draft4Validator(SCHEMA).iter_errors(
            {'name': 'toolong'}))
        self.assertEqual(short.message, echo.schema_message(short))

    def test_validation_errors_clip_the_value(self):
        error = self.assertRaises(
            exception.ValidationError, validators.validate_body, SCHEMA,
            {'name': 'n' * 10000})
        message = str(error)
        self.assertIn('Invalid input for field/attribute name. Value: '
                      + 'n' * 100 + '...', message)
        self.assertLess(len(message), 400)
        query_schema = {'type': 'object', 'properties': {
            'q': {'type': 'array', 'items': {'type': 'string',
                                             'maxLength': 5}}}}
        error = self.assertRaises(
            exception.ValidationError, validators.validate_query,
            query_schema, {'q': ['q' * 10000]})
        self.assertNotIn('q' * 101, str(error))
        self.assertLess(len(str(error)), 400)
