"""Stand-in services that the all-in-one deployment serves over HTTP.

Each package here is a small, self-contained implementation of one
external OpenStack API (identity, image, network). Nova's own code never
imports them: it reaches them only through their public HTTP endpoints,
exactly as it reaches the real services in a distributed deployment.
"""
