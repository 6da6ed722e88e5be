"""This project's version: the installed package's (setup.cfg), and the
Nova release whose Compute API it serves (microversions 2.1 - 2.100)."""

from importlib import metadata

# The Nova release whose Compute API (and maximum microversion) this
# project serves.
NOVA_API_RELEASE = '34.0.0'


def package_version():
    """The installed package's version ('unknown' when not installed)."""
    try:
        return metadata.version('nova')
    except metadata.PackageNotFoundError:
        return 'unknown'


def version_string():
    """What ``--version`` prints."""
    return '%s (Compute API of Nova %s)' % (package_version(),
                                            NOVA_API_RELEASE)
