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
EXTENSION_NOT_FOUND = 'ExtensionNotFound'
NETWORK_IN_USE = 'NetworkInUse'
SUBNET_IN_USE = 'SubnetInUse'
SUBNET_OVERLAP = 'SubnetOverlap'
IP_IN_USE = 'IpAddressAlreadyAllocated'
IP_GENERATION_FAILED = 'IpAddressGenerationFailure'
MAC_IN_USE = 'MacAddressInUse'
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
