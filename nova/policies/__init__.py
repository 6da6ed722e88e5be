"""Default policy rules, one module per API resource."""

import itertools

from nova.policies import base
from nova.policies import flavors
from nova.policies import hypervisors
from nova.policies import servers
from nova.policies import services


def list_rules():
    return itertools.chain(
        base.list_rules(),
        flavors.list_rules(),
        hypervisors.list_rules(),
        servers.list_rules(),
        services.list_rules(),
    )
