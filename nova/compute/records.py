"""A server's own records, changed by nova-api in its cell: metadata
(``/servers/{server_id}/metadata``) and tags (``/servers/{server_id}/tags``,
2.26). Nothing here reaches the compute host.

Every change checks the server's state first (``nova.compute.states``
``RECORD_CHANGES``): InstanceInvalidState (409) otherwise, also while the
server is not scheduled yet; metadata changes refuse locked servers to
non-admins (InstanceIsLocked, 409).
"""

import contextlib

from nova.compute import locking
from nova.compute import metadata_limit
from nova.compute import states
from nova import context as nova_context
from nova import exception
from nova import objects


@contextlib.contextmanager
def _in_cell(context, instance, operation=None):
    """Yield ``(cell context, instance)`` read fresh from its cell,
    checked for ``operation`` when given."""
    mapping = objects.InstanceMapping.get_by_instance_uuid(
        context, instance.uuid)
    if mapping.cell_mapping is None:
        if operation is None:
            yield None, instance
            return
        # Still a build request: BUILD allows no change.
        states.check(instance, operation)
        raise exception.InstanceNotReady(instance_id=instance.uuid)
    with nova_context.target_cell(context, mapping.cell_mapping) as cctxt:
        instance = objects.Instance.get_by_uuid(cctxt, instance.uuid)
        if operation == 'update_metadata':
            locking.check(context, instance)
            states.check_idle(instance, operation)
        elif operation is not None:
            states.check(instance, operation)
        yield cctxt, instance


def update_metadata(context, instance, metadata, replace=False):
    """Merge ``metadata`` (``{key: value}`` strings) into the server's,
    or make it the whole of it with ``replace``; returns the result.
    Raises MetadataLimitExceeded (403) beyond the ``metadata_items``
    quota.
    """
    with _in_cell(context, instance, 'update_metadata') as (_c, instance):
        result = dict(metadata) if replace else dict(instance.metadata,
                                                     **metadata)
        metadata_limit.check(context, instance.project_id, result)
        instance.metadata = result
        instance.save()
        return result


def delete_metadata_item(context, instance, key):
    """Remove ``key`` from the server's metadata; MetadataItemNotFound
    (404) if it has none."""
    with _in_cell(context, instance, 'update_metadata') as (_c, instance):
        metadata = dict(instance.metadata)
        if key not in metadata:
            raise exception.MetadataItemNotFound(key=key)
        del metadata[key]
        instance.metadata = metadata
        instance.save()


def get_tags(context, instance):
    """The server's tags, sorted."""
    with _in_cell(context, instance) as (cctxt, instance):
        if cctxt is None:
            return sorted(instance.tags or [])
        return objects.TagList.get_by_resource_id(cctxt, instance.uuid).tags


def add_tag(context, instance, tag):
    """Add ``tag``; True if it is new. TooManyTags (400) beyond 50."""
    with _in_cell(context, instance, 'update_tags') as (cctxt, instance):
        return objects.Tag(context=cctxt, resource_id=instance.uuid,
                           tag=tag).create()


def set_tags(context, instance, tags):
    """Replace the server's tags with ``tags``; returns them sorted."""
    with _in_cell(context, instance, 'update_tags') as (cctxt, instance):
        return objects.TagList.create(cctxt, instance.uuid, tags).tags


def delete_tag(context, instance, tag):
    """Remove ``tag``; TagNotFound (404) if the server has no such tag."""
    with _in_cell(context, instance, 'update_tags') as (cctxt, instance):
        objects.Tag.destroy(cctxt, instance.uuid, tag)


def delete_tags(context, instance):
    with _in_cell(context, instance, 'update_tags') as (cctxt, instance):
        objects.TagList.destroy(cctxt, instance.uuid)
