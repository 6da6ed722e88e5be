"""nova.api.safe_json: request bodies fail only with BadJSON."""

import json

from nova.api import safe_json
from nova import test


class TestLoads(test.TestCase):

    def assertBad(self, raw):
        self.assertRaises(safe_json.BadJSON, safe_json.loads, raw)

    def test_valid_documents(self):
        self.assertEqual({'a': [1, 2.5, None, True, 'é']},
                         safe_json.loads(b'{"a": [1, 2.5, null, true, '
                                         b'"\\u00e9"]}'))
        self.assertEqual({'k': '\U0001f600'},
                         safe_json.loads('{"k": "\\ud83d\\ude00"}'))

    def test_not_json_or_not_utf8(self):
        for raw in (b'{not json', b'\xff\xfe{}', b'"\xed\xa0\x80"', b''):
            self.assertBad(raw)

    def test_depth_limit(self):
        depth = safe_json.MAX_DEPTH
        self.assertEqual(
            depth, len(str(safe_json.loads('[' * depth + ']' * depth))) // 2)
        self.assertBad('[' * (depth + 1) + ']' * (depth + 1))
        self.assertBad('{"a":' * 5000 + '1' + '}' * 5000)
        # Brackets inside strings are not nesting.
        text = '[[[[' * 100 + '\\"{'
        self.assertEqual([text], safe_json.loads(json.dumps([text])))

    def test_lone_surrogates(self):
        self.assertBad(b'{"\\ud800": 1}')
        self.assertBad(b'["x\\udfffy"]')
        self.assertBad(b'{"a": {"b": ["\\ud83d"]}}')

    def test_non_finite_numbers(self):
        for raw in (b'NaN', b'[Infinity]', b'{"a": -Infinity}', b'1e400',
                    b'-1e999'):
            self.assertBad(raw)
        self.assertBad(b'1' * 5000)
        self.assertEqual(1e300, safe_json.loads(b'1e300'))
