"""Nova's version."""

NOVA_VERSION = '34.0.0'


def version_string():
    return NOVA_VERSION
