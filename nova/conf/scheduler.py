"""Options of nova-scheduler: placement queries, filters and weighers."""

from oslo_config import cfg

scheduler_group = cfg.OptGroup('scheduler', title='Scheduler options')

scheduler_opts = [
    cfg.IntOpt('max_attempts', default=3, min=1,
               help="""
Hosts tried for one instance: the selected host plus ``max_attempts - 1``
alternates in the same cell that the conductor reschedules onto.
"""),
    cfg.IntOpt('max_placement_results', default=1000, min=1,
               help="``limit`` sent with ``GET /allocation_candidates``."),
    cfg.IntOpt('discover_hosts_in_cells_interval', default=-1, min=-1,
               help="""
Seconds between automatic host discovery runs; -1 disables it.

Related options:

* ``nova-manage cell_v2 discover_hosts`` does the same on demand.
"""),
]

filter_group = cfg.OptGroup('filter_scheduler',
                            title='Filter scheduler options')

filter_opts = [
    cfg.ListOpt('enabled_filters',
                default=['AvailabilityZoneFilter', 'ComputeFilter',
                         'SameHostFilter', 'DifferentHostFilter',
                         'ServerGroupAffinityFilter',
                         'ServerGroupAntiAffinityFilter'],
                help="""
Filters run, in order, on the hosts placement returned.

Possible values:

* Class names of filters under ``nova.scheduler.filters``.
"""),
    cfg.ListOpt('weight_classes',
                default=['nova.scheduler.weights.all_weighers'],
                help="""
Weighers used to order the hosts that passed the filters.

Possible values:

* ``nova.scheduler.weights.all_weighers`` or class names such as
  ``RAMWeigher``.
"""),
    cfg.FloatOpt('ram_weight_multiplier', default=1.0,
                 help="Positive spreads by free RAM, negative stacks."),
    cfg.FloatOpt('cpu_weight_multiplier', default=1.0,
                 help="Positive spreads by free vCPUs, negative stacks."),
    cfg.FloatOpt('disk_weight_multiplier', default=1.0,
                 help="Positive spreads by free disk, negative stacks."),
    cfg.FloatOpt('soft_affinity_weight_multiplier', default=1.0, min=0,
                 help="How strongly soft-affinity groups stay together."),
    cfg.FloatOpt('soft_anti_affinity_weight_multiplier', default=1.0,
                 min=0,
                 help="How strongly soft-anti-affinity groups spread."),
    cfg.IntOpt('host_subset_size', default=1, min=1,
               help="Pick at random among this many best-weighed hosts."),
]


def register_opts(conf):
    conf.register_group(scheduler_group)
    conf.register_opts(scheduler_opts, group=scheduler_group)
    conf.register_group(filter_group)
    conf.register_opts(filter_opts, group=filter_group)


def list_opts():
    return {scheduler_group: scheduler_opts, filter_group: filter_opts}
