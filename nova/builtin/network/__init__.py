"""A minimal network service speaking a subset of the Neutron v2.0 API.

``create_app(state_dir)`` returns a WSGI application that keeps networks,
subnets, ports, security groups and floating IPs in
``state_dir/network.sqlite``, and can tell Nova when a port is bound
(``nova_url=``). ``seed_default_network()`` registers the shared
``private`` network the all-in-one deployment boots servers on,
``seed_public_network()`` the external network ``public`` its floating
IPs come from.
"""

from nova.builtin.network.app import create_app  # noqa: F401
from nova.builtin.network.seed import seed_default_network  # noqa: F401
from nova.builtin.network.seed import seed_public_network  # noqa: F401
