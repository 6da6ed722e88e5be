"""Nova's exceptions.

Each exception carries ``msg_fmt`` (formatted with its keyword arguments)
and ``code``, the HTTP status the API maps it to when it reaches a user.
RPC methods list the ones they raise in ``@messaging.expected_exceptions``
so the caller gets the same class back.
"""

from oslo_log import log as logging

from nova.i18n import _

LOG = logging.getLogger(__name__)


class NovaException(Exception):
    """Base Nova exception: subclass it and set ``msg_fmt``."""

    msg_fmt = _("An unknown exception occurred.")
    code = 500
    headers = {}
    safe = False

    def __init__(self, message=None, **kwargs):
        self.kwargs = kwargs
        self.kwargs.setdefault('code', self.code)
        if not message:
            try:
                message = self.msg_fmt % kwargs
            except (KeyError, TypeError):
                LOG.exception('Exception in string format operation: %s',
                              kwargs)
                message = self.msg_fmt
        self.message = message
        super().__init__(message)

    def format_message(self):
        return self.args[0]

    def __repr__(self):
        return '%s(%s)' % (self.__class__.__name__, self.message)


# -- generic classes, by HTTP meaning --------------------------------------

class ServiceError(NovaException):
    """Another service Nova calls (image, network, placement, identity)
    refused or failed a request.

    Its ``code`` (403: refused for the caller; 503: unreachable, timed
    out, failing, or refusing Nova's own service credentials) and message
    reach the user as they are, from any API method: a downstream failure
    is never reported as Nova's own 500.
    """
    code = 503
    safe = True


class Invalid(NovaException):
    msg_fmt = _("Bad Request - Invalid Parameters")
    code = 400


class Forbidden(NovaException):
    msg_fmt = _("Forbidden")
    code = 403


class NotFound(NovaException):
    msg_fmt = _("Resource could not be found.")
    code = 404


class Conflict(NovaException):
    msg_fmt = _("Conflict")
    code = 409


class NotAuthorized(NovaException):
    msg_fmt = _("Not authorized.")
    code = 403


class PolicyNotAuthorized(NotAuthorized):
    msg_fmt = _("Policy doesn't allow %(action)s to be performed.")


class AdminRequired(NotAuthorized):
    msg_fmt = _("User does not have admin privileges")


# -- input ------------------------------------------------------------------

class InvalidInput(Invalid):
    msg_fmt = _("Invalid input received: %(reason)s")


class ValidationError(Invalid):
    msg_fmt = "%(detail)s"


class InvalidAPIVersionString(Invalid):
    msg_fmt = _("API Version String %(version)s is of invalid format. Must "
                "be of format MajorNum.MinorNum.")


class VersionNotFoundForAPIMethod(Invalid):
    msg_fmt = _("API version %(version)s is not supported on this method.")


class InvalidGlobalAPIVersion(Invalid):
    msg_fmt = _("Version %(req_ver)s is not supported by the API. Minimum "
                "is %(min_ver)s and maximum is %(max_ver)s.")


class MarkerNotFound(NotFound):
    msg_fmt = _("Marker %(marker)s could not be found.")


class InvalidSortKey(Invalid):
    msg_fmt = _("Sort key supplied was not valid.")


class InvalidRequest(Invalid):
    msg_fmt = _("The request is invalid.")


# -- key pairs --------------------------------------------------------------

class InvalidKeypair(Invalid):
    msg_fmt = _("Keypair data is invalid: %(reason)s")


class KeyPairExists(Conflict):
    msg_fmt = _("Key pair '%(key_name)s' already exists.")


class KeypairNotFound(NotFound):
    msg_fmt = _("Keypair %(name)s not found for user %(user_id)s")


# -- hosts ------------------------------------------------------------------

class HostActionNotSupported(NovaException):
    msg_fmt = _("Virt driver does not implement host %(action)s.")
    code = 501


# -- server groups ----------------------------------------------------------

class InstanceGroupNotFound(NotFound):
    msg_fmt = _("Instance group %(group_uuid)s could not be found.")


# -- quota ------------------------------------------------------------------

class OverQuota(NovaException):
    msg_fmt = _("Quota exceeded for resources: %(overs)s")
    code = 403


class TooManyInstances(OverQuota):
    msg_fmt = _("Quota exceeded for %(overs)s: Requested %(req)s, but"
                " already used %(used)s of %(allowed)s %(overs)s")


class ServerGroupMemberLimitExceeded(OverQuota):
    msg_fmt = _("Quota exceeded, too many servers in group")


class KeypairLimitExceeded(OverQuota):
    msg_fmt = _("Quota exceeded, too many key pairs.")


class MetadataLimitExceeded(OverQuota):
    msg_fmt = _("Maximum number of metadata items exceeds %(allowed)d")


# -- flavors ----------------------------------------------------------------

class FlavorNotFound(NotFound):
    msg_fmt = _("Flavor %(flavor_id)s could not be found.")


class FlavorNotFoundByName(FlavorNotFound):
    msg_fmt = _("Flavor with name %(flavor_name)s could not be found.")


class FlavorExists(Conflict):
    msg_fmt = _("Flavor with name %(name)s already exists.")


class FlavorIdExists(Conflict):
    msg_fmt = _("Flavor with ID %(flavor_id)s already exists.")


class FlavorCreateFailed(NovaException):
    msg_fmt = _("Unable to create flavor")


class FlavorExtraSpecsNotFound(NotFound):
    msg_fmt = _("Flavor %(flavor_id)s has no extra specs with key "
                "%(extra_specs_key)s.")


class FlavorExtraSpecUpdateCreateFailed(Conflict):
    msg_fmt = _("Flavor %(id)s extra spec cannot be updated or created "
                "after %(retries)d retries.")


class FlavorAccessExists(Conflict):
    msg_fmt = _("Flavor access already exists for flavor %(flavor_id)s "
                "and project %(project_id)s combination.")


class FlavorAccessNotFound(NotFound):
    msg_fmt = _("Flavor access not found for %(flavor_id)s / "
                "%(project_id)s combination.")


class FlavorDiskSmallerThanImage(Forbidden):
    msg_fmt = _("Flavor's disk is too small for requested image. Flavor disk "
                "is %(flavor_size)i bytes, image is %(image_size)i bytes.")


class FlavorMemoryTooSmall(Forbidden):
    msg_fmt = _("Flavor's memory is too small for requested image.")


# -- images -----------------------------------------------------------------

class ImageNotFound(NotFound):
    msg_fmt = _("Image %(image_id)s could not be found.")


class ImageNotActive(Invalid):
    msg_fmt = _("Image %(image_id)s is not active.")


class ImageNotAuthorized(ServiceError):
    msg_fmt = _("Not authorized for image %(image_id)s.")
    code = 403


class ImageServiceUnavailable(ServiceError):
    msg_fmt = _("The image service is unavailable: %(reason)s")
    code = 503


class ImageBadRequest(Invalid):
    msg_fmt = _("Request of image %(image_id)s got BadRequest response: "
                "%(response)s")


# -- instances --------------------------------------------------------------

class InstanceNotFound(NotFound):
    msg_fmt = _("Instance %(instance_id)s could not be found.")


class InstanceExists(Conflict):
    msg_fmt = _("Instance %(name)s already exists.")


class InstanceInvalidState(Invalid):
    msg_fmt = _("Instance %(instance_uuid)s in %(attr)s %(state)s. Cannot "
                "%(method)s while the instance is in this state.")
    code = 409


class InstanceIsLocked(Invalid):
    msg_fmt = _("Instance %(instance_uuid)s is locked")
    code = 409


class InstanceNotReady(Invalid):
    msg_fmt = _("Instance %(instance_id)s is not ready: it has no host "
                "yet.")
    code = 409


class ConsoleNotAvailable(NotFound):
    msg_fmt = _("The guest console of instance %(instance_uuid)s is not "
                "available.")


# -- remote consoles --------------------------------------------------------

class ConsoleTypeInvalid(Invalid):
    msg_fmt = _("Invalid console type %(console_type)s")


class ConsoleTypeUnavailable(Invalid):
    msg_fmt = _("Unavailable console type %(console_type)s.")


class ConsoleTypeNotSupported(NovaException):
    msg_fmt = _("The hypervisor of this server does not support "
                "%(console_type)s consoles.")
    code = 501


class InvalidToken(Invalid):
    msg_fmt = _("The token '%(token)s' is invalid or has expired")


class TokenInUse(Invalid):
    msg_fmt = _("The generated token is invalid")


class InstancePowerStateInvalid(Invalid):
    msg_fmt = _("The guest of instance %(instance_uuid)s is %(state)s: "
                "the hypervisor cannot do this now.")
    code = 409


class InstanceNotRunning(Invalid):
    msg_fmt = _("Instance %(instance_id)s is not running.")
    code = 409


class InstancePasswordSetFailed(NovaException):
    msg_fmt = _("Failed to set the admin password on %(instance)s: "
                "%(reason)s")
    code = 409


class SetAdminPasswdNotSupported(Invalid):
    msg_fmt = _("Setting the admin password is not supported by this "
                "hypervisor.")
    code = 409


class MetadataItemNotFound(NotFound):
    msg_fmt = _("The server has no metadata item %(key)s.")


class InstanceActionNotFound(NotFound):
    msg_fmt = _("Action for request_id %(request_id)s on instance "
                "%(instance_uuid)s not found")


class InstanceActionEventNotFound(NotFound):
    msg_fmt = _("Event %(event)s not found for action id %(action_id)s")


class CannotResizeToSameFlavor(Invalid):
    msg_fmt = _("When resizing, instances must change flavor!")


class CannotResizeDisk(Invalid):
    msg_fmt = _("Server disk was unable to be resized because: "
                "%(reason)s")


class MigrationNotFound(NotFound):
    msg_fmt = _("Migration %(migration_id)s could not be found.")


class MigrationNotFoundByStatus(MigrationNotFound):
    msg_fmt = _("Migration not found for instance %(instance_id)s "
                "with status %(status)s.")


class MigrationNotFoundForInstance(MigrationNotFound):
    msg_fmt = _("Migration %(migration_id)s not found for instance "
                "%(instance_id)s")


class InvalidMigrationState(Invalid):
    msg_fmt = _("Migration %(migration_id)s state of instance "
                "%(instance_uuid)s is %(state)s. Cannot %(method)s while the "
                "migration is in this state.")


class LiveMigrationAborted(NovaException):
    msg_fmt = _("The live migration of instance %(instance_uuid)s was "
                "aborted.")


class TagNotFound(NotFound):
    msg_fmt = _("Tag %(tag)s could not be found on resource "
                "%(resource_id)s.")


class TooManyTags(Invalid):
    msg_fmt = _("A resource may carry at most %(max_tags)d tags.")


class InstanceOperationInterrupted(NovaException):
    msg_fmt = _("The operation was interrupted by a restart of the compute "
                "service on %(host)s.")
    code = 500
    safe = True


class BuildRequestTimedOut(NovaException):
    msg_fmt = _("Server %(uuid)s was not scheduled within %(seconds)d "
                "seconds of its request; its build was lost.")
    code = 500
    safe = True


class DiagnosticsNotSupported(NovaException):
    msg_fmt = _("The hypervisor of this server does not support "
                "diagnostics.")
    code = 501


class ComputeServiceInUse(Invalid):
    msg_fmt = _("Compute service of %(host)s is still in use.")


class SecurityGroupNotFound(NotFound):
    msg_fmt = _("Security group %(security_group_id)s not found.")


class NoUniqueMatch(NovaException):
    msg_fmt = _("No unique match was found.")
    code = 409


class SecurityGroupExistsForInstance(Invalid):
    msg_fmt = _("Security group %(security_group_id)s is already "
                "associated with the instance %(instance_id)s")


class SecurityGroupNotExistsForInstance(Invalid):
    msg_fmt = _("Security group %(security_group_id)s is not associated "
                "with the instance %(instance_id)s")


class SecurityGroupCannotBeApplied(Invalid):
    msg_fmt = _("Network requires port_security_enabled and subnet "
                "associated in order to apply security groups: instance "
                "%(instance_id)s has no port.")


class SecurityGroupRuleNotFound(NotFound):
    msg_fmt = _("Security group rule %(rule_id)s not found.")


class SecurityGroupLimitExceeded(OverQuota):
    msg_fmt = _("Maximum number of security groups or rules exceeded")


class InvalidCidr(Invalid):
    msg_fmt = _("%(cidr)s is not a valid IP network.")


class InvalidIpProtocol(Invalid):
    msg_fmt = _("Invalid IP protocol %(protocol)s.")


class InvalidPortRange(Invalid):
    msg_fmt = _("Invalid port range %(from_port)s:%(to_port)s. %(msg)s")


class InstanceMappingNotFound(NotFound):
    msg_fmt = _("Instance %(uuid)s has no mapping to a cell.")


class BuildRequestNotFound(NotFound):
    msg_fmt = _("BuildRequest not found for instance %(uuid)s")


class RequestSpecNotFound(NotFound):
    msg_fmt = _("RequestSpec not found for instance %(instance_uuid)s")


class UnexpectedTaskStateError(Conflict):
    msg_fmt = _("Unexpected task state: expecting %(expected)s but "
                "the actual state is %(actual)s")


class UnexpectedDeletingTaskStateError(UnexpectedTaskStateError):
    pass


class InstanceFaultNotFound(NotFound):
    msg_fmt = _("No fault recorded for instance %(instance_uuid)s.")


# -- builds and scheduling --------------------------------------------------

class NoValidHost(NovaException):
    msg_fmt = _("No valid host was found. %(reason)s")


class MaxRetriesExceeded(NoValidHost):
    msg_fmt = _("Exceeded maximum number of retries. %(reason)s")


class BuildAbortException(NovaException):
    msg_fmt = _("Build of instance %(instance_uuid)s aborted: %(reason)s")


class RescheduledException(NovaException):
    msg_fmt = _("Build of instance %(instance_uuid)s was re-scheduled: "
                "%(reason)s")


class ComputeResourcesUnavailable(NovaException):
    msg_fmt = _("Insufficient compute resources: %(reason)s.")


# -- hosts, services, cells -------------------------------------------------

class ComputeHostNotFound(NotFound):
    msg_fmt = _("Compute host %(host)s could not be found.")


class ComputeNodeNotFound(NotFound):
    msg_fmt = _("Compute node %(node)s could not be found.")


class ServiceNotFound(NotFound):
    msg_fmt = _("Service %(service_id)s could not be found.")


class ServiceBinaryExists(Conflict):
    msg_fmt = _("Service with host %(host)s binary %(binary)s exists.")


class ServiceTopicExists(Conflict):
    msg_fmt = _("Service with host %(host)s topic %(topic)s exists.")


class ComputeServiceUnavailable(NovaException):
    msg_fmt = _("Compute service of %(host)s is unavailable at this time.")


class HostMappingNotFound(NotFound):
    msg_fmt = _("Host '%(name)s' is not mapped to any cell")


class HostMappingExists(Conflict):
    msg_fmt = _("Host '%(name)s' is already mapped to cell %(cell_uuid)s")


class CellMappingNotFound(NotFound):
    msg_fmt = _("Cell %(uuid)s has no mapping.")


class CellTimeout(NotFound):
    msg_fmt = _("Timeout waiting for response from cell")


# -- host aggregates and availability zones ---------------------------------

class AggregateNotFound(NotFound):
    msg_fmt = _("Aggregate %(aggregate_id)s could not be found.")


class AggregateNameExists(Conflict):
    msg_fmt = _("Aggregate %(aggregate_name)s already exists.")


class AggregateHostNotFound(NotFound):
    msg_fmt = _("Aggregate %(aggregate_id)s has no host %(host)s.")


class AggregateHostExists(Conflict):
    msg_fmt = _("Aggregate %(aggregate_id)s already has host %(host)s.")


class InvalidAggregateAction(Invalid):
    msg_fmt = _("Unacceptable parameters.")


class InvalidAggregateActionAdd(InvalidAggregateAction):
    msg_fmt = _("Cannot add host to aggregate %(aggregate_id)s. "
                "Reason: %(reason)s.")


class InvalidAggregateActionDelete(InvalidAggregateAction):
    msg_fmt = _("Cannot remove host from aggregate %(aggregate_id)s. "
                "Reason: %(reason)s.")


class InvalidAggregateActionUpdate(InvalidAggregateAction):
    msg_fmt = _("Cannot update aggregate %(aggregate_id)s. "
                "Reason: %(reason)s.")


class InvalidAggregateActionUpdateMeta(InvalidAggregateAction):
    msg_fmt = _("Cannot update metadata of aggregate %(aggregate_id)s. "
                "Reason: %(reason)s.")


class UnshelveHostNotInAZ(Invalid):
    msg_fmt = _('Host "%(host)s" is not in the availability zone '
                '"%(availability_zone)s".')
    code = 409


# -- placement --------------------------------------------------------------

class PlacementAPIConnectFailure(ServiceError):
    msg_fmt = _("Unable to communicate with the Placement API.")
    code = 503


class ResourceProviderCreationFailed(NovaException):
    msg_fmt = _("Failed to create resource provider %(name)s")


class ResourceProviderRetrievalFailed(NovaException):
    msg_fmt = _("Failed to get resource provider with UUID %(uuid)s")


class ResourceProviderUpdateFailed(NovaException):
    msg_fmt = _("Failed to update resource provider via URL %(url)s: "
                "%(error)s")


class ResourceProviderUpdateConflict(NovaException):
    msg_fmt = _("A conflict was encountered attempting to update resource "
                "provider %(uuid)s (generation %(generation)d): %(error)s")


class InventoryInUse(Invalid):
    msg_fmt = _("Inventory for '%(resource_class)s' on resource provider "
                "'%(resource_provider)s' in use.")


class AllocationUpdateFailed(NovaException):
    msg_fmt = _("Failed to update allocations for consumer %(consumer_uuid)s. "
                "Error: %(error)s")


class AllocationDeleteFailed(NovaException):
    msg_fmt = _("Failed to delete allocations for consumer %(consumer_uuid)s. "
                "Error: %(error)s")


class ConsumerAllocationRetrievalFailed(NovaException):
    msg_fmt = _("Failed to retrieve allocations for consumer "
                "%(consumer_uuid)s: %(error)s")


# -- objects and database ---------------------------------------------------

class ObjectActionError(NovaException):
    msg_fmt = _('Object action %(action)s failed because: %(reason)s')


class OrphanedObjectError(NovaException):
    msg_fmt = _('Cannot call %(method)s on orphaned %(objtype)s object')


class IncompatibleObjectVersion(NovaException):
    msg_fmt = _('Version %(objver)s of %(objname)s is not supported')


class DBNotAllowed(NovaException):
    msg_fmt = _('%(binary)s attempted direct database access which is '
                'not allowed by policy')


class DBNotConfigured(NovaException):
    msg_fmt = _('No connection is configured for the %(database)s database.')


# -- virt -------------------------------------------------------------------

class ConductorTooOld(Invalid):
    msg_fmt = _("The conductor is too old for %(method)s (RPC "
                "%(version)s).")
    code = 409


class ComputeServiceTooOld(Invalid):
    msg_fmt = _("The compute service of host %(host)s is too old for "
                "%(method)s (RPC %(version)s).")
    code = 409


class HypervisorUnavailable(NovaException):
    msg_fmt = _("Connection to the hypervisor is broken on host")


class VirtDriverNotFound(NotFound):
    msg_fmt = _("Could not load virt driver %(name)s")


class InstanceSpawnFailure(NovaException):
    msg_fmt = _("Spawning instance %(instance_uuid)s failed: %(reason)s")


# -- placement (report client) ------------------------------------------------

class ResourceProviderInUse(Conflict):
    msg_fmt = _("Resource provider %(uuid)s has allocations and cannot be "
                "deleted.")


class ResourceProviderDeletionFailed(NovaException):
    msg_fmt = _("Failed to delete resource provider %(uuid)s: %(error)s")


class ImageConflict(Conflict):
    msg_fmt = _("Conflict on image %(image_id)s: %(reason)s")


class ImageChecksumMismatch(NovaException):
    msg_fmt = _("Data of image %(image_id)s does not match its checksum.")


class CellMappingExists(InvalidInput):
    msg_fmt = _("The specified transport_url and/or database_connection "
                "combination already exists for another cell with uuid "
                "%(uuid)s.")


# -- network ------------------------------------------------------------------

class NetworkNotFound(NotFound):
    msg_fmt = _("Network %(network_id)s could not be found.")


class PortNotFound(NotFound):
    msg_fmt = _("Port id %(port_id)s could not be found.")


class PortInUse(Conflict):
    msg_fmt = _("Port %(port_id)s is still in use.")


class NetworkAmbiguous(Invalid):
    msg_fmt = _("More than one possible network found. Specify network ID(s) "
                "to select which one(s) to connect to.")


class MultiplePortsNotApplicable(Invalid):
    msg_fmt = _("Failed to launch instances: %(reason)s")


class FixedIpAlreadyInUse(Conflict):
    msg_fmt = _("Fixed IP address %(address)s is already in use on network "
                "%(network_id)s.")


class NetworkBadRequest(Invalid):
    msg_fmt = _("The network service rejected the request: %(reason)s")


class NetworkConflict(NetworkBadRequest):
    """The network service answered 409 (a resource in use, a duplicate,
    over quota); a 400 to callers that do not tell it apart."""


class NetworkNotAuthorized(ServiceError):
    msg_fmt = _("Not authorized for the network service: %(reason)s")
    code = 403


class NetworkServiceUnavailable(ServiceError):
    msg_fmt = _("The network service is unavailable: %(reason)s")
    code = 503


class FixedIpNotFoundForAddress(NotFound):
    msg_fmt = _("Fixed IP not found for address %(address)s.")


class FloatingIpNotFound(NotFound):
    msg_fmt = _("Floating IP not found for ID %(id)s.")


class FloatingIpNotFoundForAddress(FloatingIpNotFound):
    msg_fmt = _("Floating IP not found for address %(address)s.")


class FloatingIpMultipleFoundForAddress(NovaException):
    msg_fmt = _("Multiple floating IPs are found for address %(address)s.")


class FloatingIpPoolNotFound(NotFound):
    msg_fmt = _("Floating IP pool not found.")


class FloatingIpPoolAmbiguous(Invalid):
    msg_fmt = _("Multiple floating IP pools matches found for name "
                "'%(pool)s'")


class NoMoreFloatingIps(FloatingIpNotFound):
    msg_fmt = _("Zero floating IPs available.")


class FloatingIpAssociateFailed(NovaException):
    msg_fmt = _("Floating IP %(address)s association has failed.")


class FloatingIpBadRequest(Invalid):
    msg_fmt = _("The floating IP request failed with a BadRequest")


class FloatingIpLimitExceeded(OverQuota):
    msg_fmt = _("Maximum number of floating IPs exceeded")


class VirtualInterfaceCreateException(NovaException):
    msg_fmt = _("Virtual Interface creation failed")


class NetworkInterfaceTimeout(VirtualInterfaceCreateException):
    msg_fmt = _("Timed out after %(timeout)ss waiting for the network "
                "service to plug ports %(ports)s of instance "
                "%(instance_uuid)s.")


class InterfaceAttachFailed(NovaException):
    msg_fmt = _("Failed to attach network adapter device to "
                "%(instance_uuid)s")


class InterfaceAttachFailedNoNetwork(Invalid):
    msg_fmt = _("No specific network was requested and none are available "
                "for project '%(project_id)s'.")


class AttachInterfaceNotSupported(Invalid):
    msg_fmt = _("Attaching interfaces is not supported for instance "
                "%(instance_uuid)s.")


class InterfaceDetachFailed(Invalid):
    msg_fmt = _("Failed to detach network adapter device from "
                "%(instance_uuid)s")


class PortNotUsable(Invalid):
    msg_fmt = _("Port %(port_id)s not usable for instance %(instance)s.")


class AutoDiskConfigDisabledByImage(Invalid):
    msg_fmt = _("Requested image %(image)s has automatic disk resize "
                "disabled.")


class NetworkNotFoundForInstance(Invalid):
    msg_fmt = _("Instance %(instance_id)s has no port on network "
                "%(network_id)s.")


class FixedIpNotFoundForInstance(Invalid):
    msg_fmt = _("Instance %(instance_uuid)s does not have fixed IP "
                "'%(ip)s'.")
