"""The ``metadata_items`` quota, shared by server and image metadata."""

from nova import exception
from nova import quota


def check(context, project_id, metadata):
    """Raise MetadataLimitExceeded (403) when ``metadata`` (a dict) holds
    more items than the ``metadata_items`` quota of ``project_id``
    allows (-1: no limit)."""
    allowed = quota.project_limits(context, project_id)['metadata_items']
    if 0 <= allowed < len(metadata):
        raise exception.MetadataLimitExceeded(allowed=allowed)
