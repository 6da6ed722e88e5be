"""The JSON documents of the built-in network service (Neutron's shapes)."""

TIME_FORMAT = '%Y-%m-%dT%H:%M:%SZ'


def _standard(row):
    return {
        'id': row.id,
        'name': row.name,
        'description': row.description,
        'tenant_id': row.project_id,
        'project_id': row.project_id,
        'created_at': row.created_at.strftime(TIME_FORMAT),
        'updated_at': row.updated_at.strftime(TIME_FORMAT),
        'revision_number': row.revision_number,
        'tags': [],
    }


def network(row, subnet_ids):
    doc = _standard(row)
    doc.update({
        'admin_state_up': row.admin_state_up,
        'status': 'ACTIVE',
        'shared': row.shared,
        'subnets': list(subnet_ids),
        'mtu': row.mtu,
        'router:external': row.router_external,
        'port_security_enabled': row.port_security_enabled,
        'availability_zone_hints': [],
        'availability_zones': [],
        'ipv4_address_scope': None,
        'ipv6_address_scope': None,
    })
    return doc


def subnet(row):
    doc = _standard(row)
    doc.update({
        'network_id': row.network_id,
        'ip_version': 4,
        'cidr': row.cidr,
        'gateway_ip': row.gateway_ip,
        'allocation_pools': [dict(p) for p in row.allocation_pools],
        'enable_dhcp': row.enable_dhcp,
        'dns_nameservers': list(row.dns_nameservers),
        'host_routes': [dict(r) for r in row.host_routes],
        'ipv6_ra_mode': None,
        'ipv6_address_mode': None,
        'subnetpool_id': None,
        'segment_id': None,
        'service_types': [],
    })
    return doc


def port(row, allocations, vif_type):
    """``allocations``: the port's ``IPAllocation`` rows in order."""
    bound = bool(row.host_id)
    doc = _standard(row)
    doc.update({
        'network_id': row.network_id,
        'mac_address': row.mac_address,
        'admin_state_up': row.admin_state_up,
        'status': row.status,
        'device_id': row.device_id,
        'device_owner': row.device_owner,
        'fixed_ips': [{'subnet_id': a.subnet_id, 'ip_address': a.ip_address}
                      for a in allocations],
        'security_groups': list(row.security_groups),
        'port_security_enabled': row.port_security_enabled,
        'allowed_address_pairs': [],
        'extra_dhcp_opts': [],
        'binding:host_id': row.host_id,
        'binding:vif_type': vif_type if bound else 'unbound',
        'binding:vnic_type': row.vnic_type,
        'binding:profile': dict(row.profile),
        'binding:vif_details': {},
    })
    return doc


def security_group(row, rules):
    doc = _standard(row)
    doc.update({
        'stateful': row.stateful,
        'security_group_rules': [security_group_rule(r) for r in rules],
    })
    return doc


def security_group_rule(row):
    return {
        'id': row.id,
        'security_group_id': row.security_group_id,
        'tenant_id': row.project_id,
        'project_id': row.project_id,
        'direction': row.direction,
        'ethertype': row.ethertype,
        'protocol': row.protocol,
        'port_range_min': row.port_range_min,
        'port_range_max': row.port_range_max,
        'remote_ip_prefix': row.remote_ip_prefix,
        'remote_group_id': row.remote_group_id,
        'description': row.description,
        'created_at': row.created_at.strftime(TIME_FORMAT),
        'updated_at': row.updated_at.strftime(TIME_FORMAT),
        'revision_number': row.revision_number,
    }


def floatingip(row):
    """Neutron's floating IP; ACTIVE while associated with a port. There
    are no routers here, so ``router_id`` is always null."""
    return {
        'id': row.id,
        'tenant_id': row.project_id,
        'project_id': row.project_id,
        'description': row.description,
        'floating_ip_address': row.floating_ip_address,
        'floating_network_id': row.floating_network_id,
        'router_id': None,
        'port_id': row.port_id,
        'fixed_ip_address': row.fixed_ip_address,
        'status': 'ACTIVE' if row.port_id else 'DOWN',
        'created_at': row.created_at.strftime(TIME_FORMAT),
        'updated_at': row.updated_at.strftime(TIME_FORMAT),
        'revision_number': row.revision_number,
        'tags': [],
    }
