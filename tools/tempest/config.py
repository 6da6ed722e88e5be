"""Configuration files of the Tempest runner: INI rendering and overrides.

``render_ini`` writes ordered sections as INI text (nova.conf is made with
it, see ``cloud.nova_conf``), ``apply_overrides`` applies the repeatable
``SECTION.KEY=VALUE`` flags (``--nova-conf``, ``--tempest-conf``), and
``tempest_conf`` fills the ``tempest.conf`` of a ``tempest init``
workspace with the cloud under test. Standard library only.
"""

import collections
import configparser
import os

from common import SetupError

# The scheduler filters the cloud under test runs; nova.conf sets them
# and tempest.conf tells Tempest, so both agree.
SCHEDULER_FILTERS = ('AvailabilityZoneFilter', 'ComputeFilter',
                     'SameHostFilter', 'DifferentHostFilter',
                     'ServerGroupAffinityFilter',
                     'ServerGroupAntiAffinityFilter')


def render_ini(sections):
    out = []
    for section, values in sections.items():
        out.append('[%s]' % section)
        for key, value in values.items():
            if isinstance(value, bool):
                value = 'true' if value else 'false'
            out.append('%s = %s' % (key, value))
        out.append('')
    return '\n'.join(out)


def apply_overrides(sections, overrides, what):
    for item in overrides or ():
        key, sep, value = item.partition('=')
        section, dot, option = key.rpartition('.')
        if not sep or not dot or not section or not option:
            raise SetupError('%s override %r is not SECTION.KEY=VALUE'
                             % (what, item))
        sections.setdefault(section, collections.OrderedDict())[option] = \
            value


def tempest_conf(base_conf, cloud, args, work):
    """tempest.conf: ``tempest init``'s file plus the cloud's values."""
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str
    parser.read(base_conf)
    values = collections.OrderedDict()
    values['DEFAULT'] = {'debug': True, 'use_stderr': False}
    values['oslo_concurrency'] = {'lock_path': os.path.join(work, 'locks')}
    values['auth'] = {
        'use_dynamic_credentials': True,
        'admin_username': cloud['admin_username'],
        'admin_password': cloud['admin_password'],
        'admin_project_name': cloud['admin_project_name'],
        'admin_domain_name': cloud['admin_domain_name'],
        'admin_user_domain_name': cloud['admin_domain_name'],
        'admin_project_domain_name': cloud['admin_domain_name'],
        'default_credentials_domain_name': cloud['admin_domain_name'],
        # With neutron, use the cloud's shared network rather than a
        # network, subnet and router per test project.
        'create_isolated_networks': False,
    }
    values['identity'] = {'uri_v3': cloud['auth_url'], 'auth_version': 'v3',
                          'region': cloud['region']}
    values['identity-feature-enabled'] = {'api_v2': False,
                                          'api_v2_admin': False}
    values['compute'] = {
        'image_ref': cloud['image_ref'],
        'image_ref_alt': cloud['image_ref_alt'],
        'flavor_ref': cloud['flavor_ref'],
        'flavor_ref_alt': cloud['flavor_ref_alt'],
        'min_microversion': '2.1', 'max_microversion': '2.100',
        'build_timeout': args.build_timeout, 'build_interval': 1,
        'min_compute_nodes': args.min_compute_nodes,
        'region': cloud['region'],
    }
    # The lifecycle switches Nova 34's reference run had on (shared
    # reference, compute-api.md section 7), snapshots, which our fake
    # driver uploads, and the VNC and SPICE consoles, whose URLs and
    # tokens we hand out (there is no console proxy to connect to).
    values['compute-feature-enabled'] = {
        feature: True for feature in (
            'console_output', 'pause', 'suspend', 'shelve',
            'shelve_migrate', 'rescue', 'stable_rescue', 'resize',
            'cold_migration', 'live_migration', 'change_password',
            'config_drive', 'snapshot', 'vnc_console', 'spice_console')}
    values['compute-feature-enabled'][
        'block_migration_for_live_migration'] = False
    values['compute-feature-enabled']['scheduler_enabled_filters'] = (
        ','.join(SCHEDULER_FILTERS))
    values['image'] = {'region': cloud['region'],
                       'build_timeout': args.build_timeout}
    values['image-feature-enabled'] = {'api_v2': True}
    values['service_available'] = {
        'nova': True, 'glance': True, 'neutron': args.neutron,
        'cinder': False, 'swift': False, 'horizon': False}
    values['validation'] = {'run_validation': False}
    if args.neutron:
        values['compute']['fixed_network_name'] = args.network_name
        values['network'] = {'region': cloud['region'],
                             'build_timeout': args.build_timeout}
        if cloud.get('public_network_id'):
            values['network']['public_network_id'] = \
                cloud['public_network_id']
    overrides = collections.OrderedDict()
    apply_overrides(overrides, args.tempest_conf, '--tempest-conf')
    for section, options in list(values.items()) + list(overrides.items()):
        if section != 'DEFAULT' and not parser.has_section(section):
            parser.add_section(section)
        for key, value in options.items():
            if isinstance(value, bool):
                value = 'True' if value else 'False'
            parser.set(section, key, str(value))
    with open(base_conf, 'w') as f:
        parser.write(f)
