"""Tag: a string on an instance (server tags, microversion 2.26), stored
in its cell's ``tags`` table. An instance carries at most
``MAX_TAG_COUNT`` tags."""

import sqlalchemy as sa

from nova.db.main import api as main_db_api
from nova.db.main import models
from nova import exception
from nova.objects import base
from nova.objects import fields

MAX_TAG_COUNT = 50


def _tags(context, resource_id):
    return list(context.session.execute(
        sa.select(models.Tag.tag).where(
            models.Tag.resource_id == resource_id).order_by(
            models.Tag.tag)).scalars())


@main_db_api.pick_context_manager_writer
def _add(context, resource_id, tag):
    current = _tags(context, resource_id)
    if tag in current:
        return False
    if len(current) >= MAX_TAG_COUNT:
        raise exception.TooManyTags(max_tags=MAX_TAG_COUNT)
    context.session.add(models.Tag(resource_id=resource_id, tag=tag))
    return True


@main_db_api.pick_context_manager_writer
def _replace(context, resource_id, tags):
    context.session.execute(sa.delete(models.Tag).where(
        models.Tag.resource_id == resource_id))
    for tag in sorted(set(tags)):
        context.session.add(models.Tag(resource_id=resource_id, tag=tag))
    return sorted(set(tags))


@main_db_api.pick_context_manager_writer
def _delete(context, resource_id, tag):
    deleted = context.session.execute(sa.delete(models.Tag).where(
        models.Tag.resource_id == resource_id,
        models.Tag.tag == tag)).rowcount
    if not deleted:
        raise exception.TagNotFound(resource_id=resource_id, tag=tag)


@main_db_api.pick_context_manager_reader
def _get(context, resource_id):
    return _tags(context, resource_id)


@base.NovaObjectRegistry.register
class Tag(base.NovaObject):
    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {
        'resource_id': fields.StringField(),
        'tag': fields.StringField(),
    }

    @base.remotable
    def create(self):
        """Add the tag; True if it is new, False if it was there already.
        Raises TooManyTags when the instance has ``MAX_TAG_COUNT``."""
        return _add(self._context, self.resource_id, self.tag)

    @base.remotable_classmethod
    def destroy(cls, context, resource_id, name):
        """Remove the tag ``name``; TagNotFound if it is not there."""
        _delete(context, resource_id, name)


@base.NovaObjectRegistry.register
class TagList(base.NovaObject):
    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {
        'resource_id': fields.StringField(),
        'tags': fields.ListOfStringsField(),
    }

    @base.remotable_classmethod
    def get_by_resource_id(cls, context, resource_id):
        """The tags of ``resource_id``, sorted."""
        return cls(context=context, resource_id=resource_id,
                   tags=_get(context, resource_id))

    @base.remotable_classmethod
    def create(cls, context, resource_id, tags):
        """Replace every tag of ``resource_id`` with ``tags`` (a list of
        at most ``MAX_TAG_COUNT`` strings); returns the new TagList."""
        if len(set(tags)) > MAX_TAG_COUNT:
            raise exception.TooManyTags(max_tags=MAX_TAG_COUNT)
        return cls(context=context, resource_id=resource_id,
                   tags=_replace(context, resource_id, tags))

    @base.remotable_classmethod
    def destroy(cls, context, resource_id):
        """Remove every tag of ``resource_id``."""
        _replace(context, resource_id, [])
