"""A minimal identity service speaking a subset of the Keystone v3 API.

``create_app(state_dir, public_url, catalog_endpoints)`` returns a WSGI
application that keeps projects, users, role assignments and tokens in
``state_dir/identity.sqlite`` and hands out a catalog built from
``catalog_endpoints`` (service type -> URL). ``seed()`` makes the default
projects and users of the all-in-one deployment; ``write_clouds_yaml()``
writes the matching clouds for openstackclient.
"""

from nova.builtin.identity.app import create_app  # noqa: F401
from nova.builtin.identity.bootstrap import seed  # noqa: F401
from nova.builtin.identity.bootstrap import write_clouds_yaml  # noqa: F401
