"""Compute API microversions: the history, the range and version parsing.

Every microversion gets one line below, a paragraph in
``compute/rest_api_version_history.rst`` and, when code branches on it,
a named predicate at the bottom of this module.

History (one line per version):

* 2.1   - the v2.1 API, equivalent to the v2.0 API
* 2.2   - keypair ``type``; keypair create/delete return 201/204
* 2.3   - more OS-EXT-SRV-ATTR server attributes; volume delete flag
* 2.4   - ``reserved`` in os-fixed-ips
* 2.5   - non-admins may filter servers by ``ip6``
* 2.6   - ``remote-consoles`` replaces the per-protocol console actions
* 2.7   - flavor access checks the flavor is private
* 2.8   - ``mks`` remote console protocol
* 2.9   - server ``locked`` flag
* 2.10  - admins manage keypairs of other users
* 2.11  - service ``forced_down``
* 2.12  - ``net_id`` of virtual interfaces
* 2.13  - server group project and user ids
* 2.14  - evacuate drops ``onSharedStorage`` and the ``adminPass`` reply
* 2.15  - soft (anti-)affinity server group policies
* 2.16  - server ``host_status``
* 2.17  - ``trigger_crash_dump`` action
* 2.18  - the project id in URLs is optional
* 2.19  - server ``description``
* 2.20  - volume attach/detach on shelved servers
* 2.21  - instance actions of deleted servers
* 2.22  - force-complete a live migration
* 2.23  - list and show server migrations
* 2.24  - abort a live migration
* 2.25  - ``block_migration: auto`` for live migration
* 2.26  - server tags
* 2.27  - ``OpenStack-API-Version`` request header
* 2.28  - hypervisor ``cpu_info`` is an object
* 2.29  - evacuate ``force`` flag
* 2.30  - live-migrate ``force`` flag
* 2.31  - console auth tokens for every console type
* 2.32  - device tags on networks and block devices at boot
* 2.33  - hypervisor paging
* 2.34  - asynchronous live-migration pre-checks
* 2.35  - keypair paging
* 2.36  - proxy APIs (images, networks, volumes, ...) give 404
* 2.37  - ``networks`` required at create: auto, none or UUID list
* 2.38  - 400 for an invalid server ``status`` filter
* 2.39  - image-metadata proxy removed
* 2.40  - simple tenant usage paging
* 2.41  - aggregate ``uuid``
* 2.42  - device tags at boot are back
* 2.43  - os-hosts deprecated
* 2.44  - fixed/floating IP actions and virtual interfaces deprecated
* 2.45  - createImage/createBackup return ``image_id`` in the body
* 2.46  - ``X-OpenStack-Request-ID`` response header
* 2.47  - server ``flavor`` embedded as a dict
* 2.48  - standard server diagnostics
* 2.49  - tagged interface and volume attach
* 2.50  - server group quotas in quota class sets
* 2.51  - ``volume-extended`` event; event details for non-admins
* 2.52  - tags at server create
* 2.53  - service and hypervisor UUID ids
* 2.54  - key pair reset on rebuild
* 2.55  - flavor ``description``
* 2.56  - target host for cold migration
* 2.57  - personality files removed; user_data on rebuild
* 2.58  - instance action paging and ``changes-since``
* 2.59  - migration paging and ``uuid``
* 2.60  - multiattach volumes
* 2.61  - flavor ``extra_specs`` in the flavor view
* 2.62  - ``host`` and ``hostId`` in instance action events
* 2.63  - ``trusted_image_certificates``
* 2.64  - server group ``policy`` and ``rules``
* 2.65  - abort queued or preparing live migrations
* 2.66  - ``changes-before`` filter
* 2.67  - ``volume_type`` in block device mappings
* 2.68  - forced live migration and evacuate removed
* 2.69  - partial records from unreachable cells
* 2.70  - device tags in volume attachment and interface views
* 2.71  - server ``server_groups``
* 2.72  - ports with resource requests at create
* 2.73  - ``locked_reason``; ``locked`` filter and sort key
* 2.74  - ``host``/``hypervisor_hostname`` at create
* 2.75  - 400 for unknown query params; flavor swap 0; consistent views
* 2.76  - ``power-update`` event
* 2.77  - availability zone on unshelve
* 2.78  - server NUMA topology
* 2.79  - ``delete_on_termination`` at volume attach
* 2.80  - migration ``user_id``/``project_id``
* 2.81  - image cache management per aggregate
* 2.82  - ``accelerator-request-bound`` event
* 2.83  - more server list filters for non-admins
* 2.84  - instance action event ``details``
* 2.85  - update ``delete_on_termination`` of an attachment
* 2.86  - extra spec validation
* 2.87  - rescue of volume-backed servers
* 2.88  - hypervisor statistics fields removed; ``uptime`` added
* 2.89  - attachment ``attachment_id`` and ``bdm_uuid``
* 2.90  - user-set ``hostname``; OS-EXT-SRV-ATTR:hostname for everyone
* 2.91  - unshelve to a host; pin or unpin the AZ
* 2.92  - no server-side keypair generation
* 2.93  - rebuild of volume-backed servers
* 2.94  - FQDN hostnames
* 2.95  - evacuate leaves the server stopped
* 2.96  - server ``pinned_availability_zone``
* 2.97  - server shares
* 2.98  - image properties embedded in the server view
* 2.99  - ``spice-direct`` console
* 2.100 - server ``scheduler_hints``
"""

import functools
import re

from nova import exception

MIN_API_VERSION = '2.1'
MAX_API_VERSION = '2.100'
DEFAULT_API_VERSION = MIN_API_VERSION
# The last version serving the proxy APIs to image, network and volume
# services (images, os-networks, os-volumes, ...): 2.36 removed them.
MAX_PROXY_API_SUPPORT_VERSION = '2.35'

_VERSION_RE = re.compile(r'^([1-9]\d*)\.([1-9]\d*|0)$')


class APIVersionRequest:
    """A requested API version "major.minor", or the null version.

    The null version (``APIVersionRequest()``) compares lower than any
    real one and is used for "no upper bound".
    """

    def __init__(self, version_string=None):
        self.ver_major = 0
        self.ver_minor = 0
        if version_string is not None:
            match = _VERSION_RE.match(str(version_string).strip())
            if not match:
                raise exception.InvalidAPIVersionString(
                    version=version_string)
            self.ver_major = int(match.group(1))
            self.ver_minor = int(match.group(2))

    def is_null(self):
        return self.ver_major == 0 and self.ver_minor == 0

    def _key(self):
        return (self.ver_major, self.ver_minor)

    def __eq__(self, other):
        return self._key() == other._key()

    def __ne__(self, other):
        return self._key() != other._key()

    def __lt__(self, other):
        return self._key() < other._key()

    def __le__(self, other):
        return self._key() <= other._key()

    def __gt__(self, other):
        return self._key() > other._key()

    def __ge__(self, other):
        return self._key() >= other._key()

    def __hash__(self):
        return hash(self._key())

    def __repr__(self):
        return 'APIVersionRequest(%s)' % self.get_string()

    def matches(self, min_version, max_version=None):
        """Whether this version lies in [min_version, max_version].

        Either bound may be a string, an ``APIVersionRequest`` or None; a
        None or null bound is open.
        """
        low = _as_version(min_version)
        high = _as_version(max_version)
        if not low.is_null() and self < low:
            return False
        if not high.is_null() and self > high:
            return False
        return True

    def get_string(self):
        if self.is_null():
            return ''
        return '%d.%d' % (self.ver_major, self.ver_minor)

    __str__ = get_string


@functools.lru_cache(maxsize=256)
def _parse_bound(value):
    return APIVersionRequest(value)


def _as_version(value):
    if isinstance(value, APIVersionRequest):
        return value
    # Bounds are a handful of literals checked for every field of every
    # server in a listing: parse each once.
    return _parse_bound(value)


def min_api_version():
    return APIVersionRequest(MIN_API_VERSION)


def max_api_version():
    return APIVersionRequest(MAX_API_VERSION)


def negotiate(header_value):
    """The version to serve for a raw microversion header value.

    ``None`` means the default (2.1), ``latest`` the maximum. Raises
    ``InvalidAPIVersionString`` (400) on bad syntax and
    ``InvalidGlobalAPIVersion`` (406) outside [min, max].
    """
    if header_value is None:
        return APIVersionRequest(DEFAULT_API_VERSION)
    if header_value.strip().lower() == 'latest':
        return max_api_version()
    version = APIVersionRequest(header_value)
    if not version.matches(min_api_version(), max_api_version()):
        raise exception.InvalidGlobalAPIVersion(
            req_ver=version.get_string(), min_ver=MIN_API_VERSION,
            max_ver=MAX_API_VERSION)
    return version


def is_supported(req, min_version, max_version=None):
    """Whether the request's negotiated version is in the given range."""
    # Views ask the same few questions for every item of a listing.
    checks = req.environ.setdefault('nova.version_checks', {})
    key = (min_version, max_version)
    if key not in checks:
        checks[key] = req.api_version_request.matches(min_version,
                                                      max_version)
    return checks[key]


# -- named predicates, one per behaviour the code branches on ---------------

def allow_extended_server_attrs(req):
    return is_supported(req, '2.3')


def allow_volume_delete_flag(req):
    return is_supported(req, '2.3')


def allow_server_locked(req):
    return is_supported(req, '2.9')


def allow_service_forced_down(req):
    return is_supported(req, '2.11')


def allow_host_status(req):
    return is_supported(req, '2.16')


def allow_server_description(req):
    return is_supported(req, '2.19')


def allow_server_tags(req):
    return is_supported(req, '2.26')


def hypervisor_cpu_info_as_object(req):
    return is_supported(req, '2.28')


def require_networks_at_create(req):
    return is_supported(req, '2.37')


def reject_invalid_status_filter(req):
    return is_supported(req, '2.38')


def embed_flavor_in_server(req):
    return is_supported(req, '2.47')


def use_uuid_ids_for_services(req):
    return is_supported(req, '2.53')


def allow_flavor_description(req):
    return is_supported(req, '2.55')


def embed_extra_specs_in_flavor(req):
    return is_supported(req, '2.61')


def validate_flavor_extra_specs(req):
    """Extra specs of the namespaces Nova knows are validated (2.86)."""
    return is_supported(req, '2.86')


def refuse_access_to_public_flavor(req):
    """Adding a project to a public flavor's access list is a 409 (2.7)."""
    return is_supported(req, '2.7')


def allow_trusted_certs(req):
    return is_supported(req, '2.63')


def allow_server_groups_in_show(req):
    return is_supported(req, '2.71')


def allow_locked_reason(req):
    return is_supported(req, '2.73')


def strict_query_params(req):
    return is_supported(req, '2.75')


def flavor_swap_as_integer(req):
    return is_supported(req, '2.75')


def hide_hypervisor_stats(req):
    return is_supported(req, '2.88')


def show_hostname_to_everyone(req):
    return is_supported(req, '2.90')


def allow_pinned_az(req):
    return is_supported(req, '2.96')


def embed_image_properties(req):
    return is_supported(req, '2.98')


def allow_scheduler_hints_in_view(req):
    return is_supported(req, '2.100')


def image_id_in_body(req):
    """createImage and createBackup name the image in the body (2.45)."""
    return is_supported(req, '2.45')


def consistent_change_views(req):
    """Update and rebuild answer the full show view (2.75)."""
    return is_supported(req, '2.75')


def allow_changes_before(req):
    """The changes-before filter of listings (2.66)."""
    return is_supported(req, '2.66')


def allow_locked_filter(req):
    """Listing servers by ``locked`` (2.73)."""
    return is_supported(req, '2.73')


def show_console_auth_tokens_of_every_type(req):
    """Console auth tokens of every console type are shown (2.31)."""
    return is_supported(req, '2.31')


def show_console_tls_port(req):
    """A spice-direct console's auth token shows its ``tls_port``
    (2.99)."""
    return is_supported(req, '2.99')
