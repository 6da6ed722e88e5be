"""A minimal network service speaking a subset of the Neutron v2.0 API.

``create_app(state_dir)`` returns a WSGI application that keeps networks,
subnets, ports and security groups in ``state_dir/network.sqlite``, and
can tell Nova when a port is bound (``nova_url=``).
``seed_default_network()`` registers the shared ``private`` network the
all-in-one deployment boots servers on.
"""

from nova.builtin.network.app import create_app  # noqa: F401
from nova.builtin.network.seed import seed_default_network  # noqa: F401
