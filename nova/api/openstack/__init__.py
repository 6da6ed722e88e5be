"""The OpenStack Compute API v2.1: framework pieces shared by all resources.

``api_version_request`` (microversions), ``wsgi`` (handler decorators and
dispatch), ``faults`` (error bodies), ``router`` (route matching),
``middleware`` (request ids, microversion negotiation, auth) and
``versions`` (version documents). Resources live in ``compute``.
"""
