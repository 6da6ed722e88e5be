"""Default policy rules, one module per API resource."""

import itertools

from nova.policies import aggregates
from nova.policies import attach_interfaces
from nova.policies import availability_zone
from nova.policies import base
from nova.policies import console_auth_tokens
from nova.policies import console_output
from nova.policies import deferred_delete
from nova.policies import flavor_access
from nova.policies import flavor_extra_specs
from nova.policies import extensions
from nova.policies import flavors
from nova.policies import floating_ip_pools
from nova.policies import floating_ips
from nova.policies import hypervisors
from nova.policies import hosts
from nova.policies import images
from nova.policies import instance_actions
from nova.policies import instance_usage_audit_log
from nova.policies import ips
from nova.policies import keypairs
from nova.policies import limits
from nova.policies import lock_server
from nova.policies import migrations
from nova.policies import multinic
from nova.policies import networks
from nova.policies import quota_sets
from nova.policies import remote_consoles
from nova.policies import security_group_proxy
from nova.policies import security_groups
from nova.policies import server_external_events
from nova.policies import server_extras
from nova.policies import server_groups
from nova.policies import server_power
from nova.policies import server_records
from nova.policies import server_tasks
from nova.policies import server_topology
from nova.policies import servers
from nova.policies import services
from nova.policies import shelve
from nova.policies import simple_tenant_usage
from nova.policies import tenant_networks


def list_rules():
    return itertools.chain(
        aggregates.list_rules(),
        attach_interfaces.list_rules(),
        availability_zone.list_rules(),
        base.list_rules(),
        console_auth_tokens.list_rules(),
        console_output.list_rules(),
        deferred_delete.list_rules(),
        flavor_access.list_rules(),
        flavor_extra_specs.list_rules(),
        extensions.list_rules(),
        flavors.list_rules(),
        floating_ip_pools.list_rules(),
        floating_ips.list_rules(),
        hypervisors.list_rules(),
        hosts.list_rules(),
        images.list_rules(),
        instance_actions.list_rules(),
        instance_usage_audit_log.list_rules(),
        ips.list_rules(),
        keypairs.list_rules(),
        limits.list_rules(),
        lock_server.list_rules(),
        migrations.list_rules(),
        multinic.list_rules(),
        networks.list_rules(),
        quota_sets.list_rules(),
        remote_consoles.list_rules(),
        security_group_proxy.list_rules(),
        security_groups.list_rules(),
        server_external_events.list_rules(),
        server_extras.list_rules(),
        server_groups.list_rules(),
        server_power.list_rules(),
        server_records.list_rules(),
        server_tasks.list_rules(),
        server_topology.list_rules(),
        servers.list_rules(),
        services.list_rules(),
        shelve.list_rules(),
        simple_tenant_usage.list_rules(),
        tenant_networks.list_rules(),
    )
