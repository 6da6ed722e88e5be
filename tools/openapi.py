#!/usr/bin/env python3
"""Print an OpenAPI 3.0 document of this cloud's APIs, made from the route
tables and schemas (``nova.api.openapi``, ``nova.api.openapi_builtin``).

    tools/openapi.py                          # Compute API, latest, JSON
    tools/openapi.py --microversion 2.35 --format yaml
    tools/openapi.py --service network        # a built-in service
    tools/openapi.py --list-microversions     # the documents covering
                                              # every route and action

OpenAPI has no microversions: a Compute API document describes one
(default the latest) and fixes the ``OpenStack-API-Version`` header to it.
Feed the document to a client generator or to schemathesis
(``schemathesis run openapi.json --url http://127.0.0.1:8774/v2.1``
with ``-H 'X-Auth-Token: admin:admin'`` on a development cloud).
"""

import argparse
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))

from nova.api import openapi  # noqa: E402
from nova.api import openapi_builtin  # noqa: E402


def main(argv=None):
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument('--service', default='compute',
                        choices=('compute',) + openapi_builtin.SERVICES)
    parser.add_argument('--microversion', default=None,
                        help='Compute API microversion (default: latest)')
    parser.add_argument('--format', default='json', choices=('json', 'yaml'))
    parser.add_argument('--server-url', default='/v2.1',
                        help='the servers URL of the Compute API document')
    parser.add_argument('--list-microversions', action='store_true',
                        help='print the microversions whose documents '
                             'together hold every route and action')
    args = parser.parse_args(argv)
    if args.list_microversions:
        print('\n'.join(openapi.versions_covering()))
        return 0
    try:
        if args.service == 'compute':
            doc = openapi.document(args.microversion,
                                   server_url=args.server_url)
        else:
            doc = openapi_builtin.document(args.service)
    except ValueError as e:
        parser.error(str(e))
    if args.format == 'yaml':
        import yaml
        sys.stdout.write(yaml.safe_dump(doc, sort_keys=False))
    else:
        json.dump(doc, sys.stdout, indent=2)
        sys.stdout.write('\n')
    return 0


if __name__ == '__main__':
    sys.exit(main())
