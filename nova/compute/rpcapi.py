"""Client side of the compute RPC API.

API version history:

    * 1.0 - Initial version: build_and_run_instance, terminate_instance.
    * 1.1 - Add external_instance_event.
"""

from oslo_log import log as logging
import oslo_messaging as messaging

import nova.conf
from nova import rpc

CONF = nova.conf.CONF
LOG = logging.getLogger(__name__)

RPC_TOPIC = 'compute'

# Release name -> highest version that release understands.
VERSION_ALIASES = {'epoxy-lite': '1.0'}


class ComputeAPI(object):

    VERSION = '1.1'

    def __init__(self):
        target = messaging.Target(topic=RPC_TOPIC, version='1.0')
        level = CONF.upgrade_levels.compute
        version_cap = VERSION_ALIASES.get(level, level)
        self.client = rpc.get_client(target, version_cap=version_cap)

    def build_and_run_instance(self, ctxt, instance, host, node,
                               request_spec, requested_networks=None,
                               host_list=None):
        cctxt = self.client.prepare(server=host, version='1.0')
        cctxt.cast(ctxt, 'build_and_run_instance', instance=instance,
                   node=node, request_spec=request_spec,
                   requested_networks=requested_networks,
                   host_list=host_list)

    def terminate_instance(self, ctxt, instance):
        cctxt = self.client.prepare(server=instance.host, version='1.0')
        cctxt.cast(ctxt, 'terminate_instance', instance=instance)

    def external_instance_event(self, ctxt, instances, events):
        """Hand ``events`` (InstanceExternalEvent) about ``instances`` to
        their host; every instance must be on the same host."""
        if not self.client.can_send_version('1.1'):
            LOG.warning('Compute hosts are too old for external events; '
                        'dropping %d event(s)', len(events))
            return
        cctxt = self.client.prepare(server=instances[0].host, version='1.1')
        cctxt.cast(ctxt, 'external_instance_event', instances=instances,
                   events=events)
