"""Client side of the scheduler RPC API.

API version history:

    * 1.0 - Initial version: select_destinations.
"""

import oslo_messaging as messaging

import nova.conf
from nova import rpc

CONF = nova.conf.CONF

RPC_TOPIC = 'scheduler'

# Release name -> highest version that release understands.
VERSION_ALIASES = {'epoxy-lite': '1.0'}


class SchedulerAPI(object):

    VERSION = '1.0'

    def __init__(self):
        target = messaging.Target(topic=RPC_TOPIC, version='1.0')
        self.client = rpc.get_client(target)

    def select_destinations(self, ctxt, spec_obj, instance_uuids,
                            return_alternates=False):
        """Pick a host for each of ``instance_uuids`` and claim it.

        Returns one list of Selection per instance: the chosen host first,
        then up to ``[scheduler] max_attempts - 1`` alternates.
        Raises NoValidHost.
        """
        cctxt = self.client.prepare(version='1.0')
        return cctxt.call(ctxt, 'select_destinations', spec_obj=spec_obj,
                          instance_uuids=instance_uuids,
                          return_alternates=return_alternates)
