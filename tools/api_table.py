#!/usr/bin/env python3
"""Print the Compute API table of README.md, made from the route table
(``nova.api.openstack.compute.route_summary``), or with ``--write``
replace the table in README.md with it. A unit test
(``nova/tests/unit/api/openstack/compute/test_route_summary.py``) fails
when README.md's table is not what this prints."""

import argparse
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))

from nova.api.openstack.compute import route_summary  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument('--write', action='store_true',
                        help='replace the table in README.md')
    parser.add_argument('--readme', default=os.path.join(
        os.path.dirname(HERE), 'README.md'))
    args = parser.parse_args()
    if not args.write:
        sys.stdout.write(route_summary.markdown())
        return 0
    with open(args.readme) as handle:
        text = handle.read()
    with open(args.readme, 'w') as handle:
        handle.write(route_summary.replace_in(text))
    print('%s: API table written' % args.readme)
    return 0


if __name__ == '__main__':
    sys.exit(main())
