"""Hot-plugging ports into a running (or stopped, or paused) guest, on its
host: os-interface attach and detach, addFixedIp and removeFixedIp, and
injectNetworkInfo.

The instance's network info (``info_cache``, a list of VIF dicts of
``nova.network.model``) is the record of what is plugged: a port is
added to it once the driver plugged it, and removed once unplugged. A
port the user brought keeps ``preserve_on_delete`` (it is released, not
deleted, when detached or when the server goes). The VIF's ``tag``
(2.49) is kept in the same dict, for the 2.70 views.
"""

from oslo_log import log as logging

from nova import exception

LOG = logging.getLogger(__name__)


class InterfaceFlows(object):
    """The host's side of os-interface, for ``ComputeManager``."""

    def __init__(self, host, driver, network_api):
        self.host = host
        self.driver = driver
        self.network_api = network_api

    def attach(self, context, instance, network_id, port_id, requested_ip,
               tag):
        """Allocate and bind the port (see ``neutron.API.
        allocate_port_for_instance``), plug it into the guest and record
        it in the instance's network info; returns the port.

        Raises what the allocation raises, AttachInterfaceNotSupported
        when the driver cannot hot-plug, InterfaceAttachFailed when it
        failed; in both cases the port is deallocated again.
        """
        port, vif = self.network_api.allocate_port_for_instance(
            context, instance, network_id, port_id, requested_ip)
        vif['tag'] = tag
        try:
            self.driver.attach_interface(context, instance, vif)
        except Exception as error:
            LOG.warning('Attaching port %s to instance %s failed: %s',
                        vif['id'], instance.uuid, error)
            self.network_api.deallocate_port_for_instance(
                context, instance, vif['id'],
                preserve=vif['preserve_on_delete'])
            if isinstance(error, NotImplementedError):
                raise exception.AttachInterfaceNotSupported(
                    instance_uuid=instance.uuid) from error
            raise exception.InterfaceAttachFailed(
                instance_uuid=instance.uuid) from error
        instance.info_cache = list(instance.info_cache or []) + [vif]
        instance.save()
        return port

    def detach(self, context, instance, port_id):
        """Unplug ``port_id`` from the guest, drop it from the network
        info and deallocate it. Raises PortNotFound when the instance has
        no such port, InterfaceDetachFailed when the driver failed (the
        port stays attached then)."""
        network_info = list(instance.info_cache or [])
        vif = next((v for v in network_info if v['id'] == port_id), None)
        if vif is None:
            raise exception.PortNotFound(port_id=port_id)
        try:
            self.driver.detach_interface(context, instance, vif)
        except Exception as error:
            LOG.warning('Detaching port %s from instance %s failed: %s',
                        port_id, instance.uuid, error)
            raise exception.InterfaceDetachFailed(
                instance_uuid=instance.uuid)
        instance.info_cache = [v for v in network_info if v['id'] != port_id]
        instance.save()
        self.network_api.deallocate_port_for_instance(
            context, instance, port_id,
            preserve=vif.get('preserve_on_delete', False))

    def add_fixed_ip(self, context, instance, network_id):
        """One more address on the instance's port on ``network_id``
        (addFixedIp), then the refreshed network info to the guest."""
        self.network_api.add_fixed_ip_to_instance(context, instance,
                                                  network_id)
        self.inject_network_info(context, instance)

    def remove_fixed_ip(self, context, instance, address):
        """Take ``address`` off the instance's ports (removeFixedIp),
        then the refreshed network info to the guest."""
        self.network_api.remove_fixed_ip_from_instance(context, instance,
                                                       address)
        self.inject_network_info(context, instance)

    def inject_network_info(self, context, instance):
        """Refresh the network info from the network service (keeping
        what only Nova knows: preserve_on_delete and tags) and hand it to
        the driver."""
        cached = {v['id']: v for v in instance.info_cache or []}
        network_info = self.network_api.get_instance_nw_info(context,
                                                             instance)
        for vif in network_info:
            if vif['id'] in cached:
                vif['tag'] = cached[vif['id']].get('tag')
        instance.info_cache = network_info
        instance.save()
        self.driver.inject_network_info(instance, network_info)
