"""README.md's table of the Compute API is the one the route table makes."""

import os

from nova.api.openstack.compute import route_summary
from nova.api.openstack import wsgi
from nova import test

README = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                      *(['..'] * 6 + ['README.md']))


@wsgi.api_version('2.6')
def _new(req):
    pass


@wsgi.api_version('2.1', '2.35')
def _old(req):
    pass


def _any(req):
    pass


class RouteSummaryTest(test.TestCase):

    def test_readme_table_is_up_to_date(self):
        with open(README) as handle:
            text = handle.read()
        self.assertEqual(
            text, route_summary.replace_in(text),
            'README.md lists other routes than the route table: run '
            'tools/api_table.py --write')

    def test_rows_show_paths_methods_and_ranges(self):
        table = (('/things', {'GET': _any, 'POST': _new}),
                 ('/things/{thing_id}', {'DELETE': _old, 'GET': _any}),
                 ('/other', {'GET': _any}))
        self.assertEqual(
            [('/things', 'GET, POST 2.6+; `/{thing_id}`: GET, '
                         'DELETE –2.35'),
             ('/other', 'GET')],
            route_summary.rows(table))
        self.assertIn('| `/other` | GET |', route_summary.markdown(table))
