"""The ``[quota] metadata_items`` limit, shared by server and image
metadata."""

import nova.conf
from nova import exception

CONF = nova.conf.CONF


def check(metadata):
    """Raise MetadataLimitExceeded (403) when ``metadata`` (a dict) holds
    more items than ``[quota] metadata_items`` allows (-1: no limit)."""
    allowed = CONF.quota.metadata_items
    if 0 <= allowed < len(metadata):
        raise exception.MetadataLimitExceeded(allowed=allowed)
