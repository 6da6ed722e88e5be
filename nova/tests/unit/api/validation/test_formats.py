"""The ``printable`` and ``printable-name`` formats: Nova's rules for
flavor names and descriptions."""

from nova.api.validation import parameter_types as types
from nova.api.validation import validators
from nova import exception
from nova import test

NAME = {'type': 'object', 'properties': {'name': types.printable_name}}
TEXT = {'type': 'object',
        'properties': {'text': {'type': 'string', 'format': 'printable'}}}


class PrintableFormatsTest(test.TestCase):

    def _ok(self, schema, body):
        validators.validate_body(schema, body)

    def _bad(self, schema, body):
        self.assertRaises(exception.ValidationError,
                          validators.validate_body, schema, body)

    def test_names(self):
        for name in ('m1.small', 'petit déjeuner', 'a b', 'x', '☃ snow'):
            self._ok(NAME, {'name': name})
        for name in (' lead', 'trail ', '\u00a0nbsp', 'tab\tin',
                     'nul\x00', 'line\u2028break', 'zero\u200bwidth',
                     'bidi\u202e', ''):
            self._bad(NAME, {'name': name})

    def test_text(self):
        for text in ('', ' spaces around ', 'é ☃'):
            self._ok(TEXT, {'text': text})
        for text in ('a\nb', 'a\x7fb', 'a\u2029b'):
            self._bad(TEXT, {'text': text})
