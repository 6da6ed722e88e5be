"""Errors of the built-in network service, rendered the way Neutron does.

Every failure leaves the service as ``{"NeutronError": {"type", "message",
"detail"}}`` with a 4xx status; ``type`` is one of the stable string
constants below (Neutron's exception class names), so clients may branch
on it.
"""

import json

import webob

BAD_REQUEST = 'HTTPBadRequest'
INVALID_INPUT = 'InvalidInput'
NOT_AUTHORIZED = 'NotAuthorized'
POLICY_NOT_AUTHORIZED = 'PolicyNotAuthorized'
NOT_FOUND = 'HTTPNotFound'
METHOD_NOT_ALLOWED = 'HTTPMethodNotAllowed'
NETWORK_NOT_FOUND = 'NetworkNotFound'
SUBNET_NOT_FOUND = 'SubnetNotFound'
PORT_NOT_FOUND = 'PortNotFound'
SECURITY_GROUP_NOT_FOUND = 'SecurityGroupNotFound'
SECURITY_GROUP_RULE_NOT_FOUND = 'SecurityGroupRuleNotFound'
SECURITY_GROUP_IN_USE = 'SecurityGroupInUse'
SECURITY_GROUP_CANNOT_REMOVE_DEFAULT = 'SecurityGroupCannotRemoveDefault'
SECURITY_GROUP_CANNOT_UPDATE_DEFAULT = 'SecurityGroupCannotUpdateDefault'
SECURITY_GROUP_DEFAULT_EXISTS = 'SecurityGroupDefaultAlreadyExists'
SECURITY_GROUP_RULE_EXISTS = 'SecurityGroupRuleExists'
# 400s of security group rules (Neutron's InvalidInput subclasses).
RULE_INVALID_PROTOCOL = 'SecurityGroupRuleInvalidProtocol'
RULE_INVALID_ETHERTYPE = 'SecurityGroupRuleInvalidEtherType'
RULE_INVALID_PORT_VALUE = 'SecurityGroupInvalidPortValue'
RULE_INVALID_PORT_RANGE = 'SecurityGroupInvalidPortRange'
RULE_INVALID_ICMP_VALUE = 'SecurityGroupInvalidIcmpValue'
RULE_MISSING_ICMP_TYPE = 'SecurityGroupMissingIcmpType'
RULE_PROTOCOL_REQUIRED = 'SecurityGroupProtocolRequiredWithPorts'
RULE_NO_PORTS_FOR_PROTOCOL = 'SecurityGroupInvalidProtocolForPort'
RULE_PROTOCOL_CONFLICT = 'SecurityGroupEthertypeConflictWithProtocol'
RULE_CIDR_CONFLICT = 'SecurityGroupRuleParameterConflict'
RULE_REMOTE_GROUP_AND_PREFIX = 'SecurityGroupRemoteGroupAndRemoteIpPrefix'
INVALID_CIDR = 'InvalidCIDR'
EXTENSION_NOT_FOUND = 'ExtensionNotFound'
NETWORK_IN_USE = 'NetworkInUse'
SUBNET_IN_USE = 'SubnetInUse'
SUBNET_OVERLAP = 'SubnetOverlap'
IP_IN_USE = 'IpAddressAlreadyAllocated'
IP_GENERATION_FAILED = 'IpAddressGenerationFailure'
MAC_IN_USE = 'MacAddressInUse'
FLOATING_IP_NOT_FOUND = 'FloatingIPNotFound'
FLOATING_IP_PORT_ASSOCIATED = 'FloatingIPPortAlreadyAssociated'
SERVICE_PORT_IN_USE = 'ServicePortInUse'
OVER_QUOTA = 'OverQuota'
INTERNAL = 'HTTPInternalServerError'
REQUEST_TOO_LARGE = 'HTTPRequestEntityTooLarge'


class NeutronError(Exception):
    """A failure to report to the client with ``status``."""

    def __init__(self, status, type_, message):
        super().__init__(message)
        self.status = status
        self.type = type_
        self.message = message

    def response(self, headers=()):
        response = webob.Response(status=self.status, charset='utf-8',
                                  content_type='application/json',
                                  headerlist=list(headers))
        response.text = json.dumps({'NeutronError': {
            'type': self.type, 'message': self.message, 'detail': ''}})
        return response


def bad_request(message, type_=BAD_REQUEST):
    return NeutronError(400, type_, message)


def invalid(message):
    return NeutronError(400, INVALID_INPUT,
                        'Invalid input for operation: %s.' % message)


def forbidden(message):
    return NeutronError(403, POLICY_NOT_AUTHORIZED, message)


def not_found(type_, message):
    return NeutronError(404, type_, message)


def conflict(type_, message):
    return NeutronError(409, type_, message)
