"""Nova's side of networking: the client of the network service.

``nova.network.neutron.API`` allocates and frees the ports of instances
over the Networking API v2.0; ``nova.network.model`` turns ports into the
VIF dicts kept in an instance's ``info_cache``.
"""
