"""Client of the image service (Glance v2 API) for nova-api and nova-compute.

``API`` talks HTTP through one keystoneauth1 adapter built from the
``[glance]`` options and shared by all threads; each request carries the
calling user's token (``context.auth_token``) and, when no
``endpoint_override`` is set, finds the endpoint in the user's service
catalog. Images are returned as the Glance v2 JSON documents.

Errors are translated to Nova's exceptions: ``ImageNotFound`` (404 or a
malformed id), ``ImageNotAuthorized`` (401/403), ``ImageConflict`` (409),
``ImageBadRequest`` (other 4xx) and ``ImageServiceUnavailable`` (5xx or no
connection).
"""

import hashlib
import os

from keystoneauth1 import exceptions as ks_exc
from oslo_log import log as logging
from oslo_utils import uuidutils
import requests

import nova.conf
from nova import exception
from nova import ksa

CONF = nova.conf.CONF
LOG = logging.getLogger(__name__)

PATCH_TYPE = 'application/openstack-images-v2.1-json-patch'
CHUNK_SIZE = 64 * 1024
# Attributes the image service sets itself; dropped from create requests
# so a caller may pass back (a copy of) an image it read.
READ_ONLY = ('status', 'checksum', 'os_hash_algo', 'os_hash_value', 'size',
             'virtual_size', 'created_at', 'updated_at', 'self', 'file',
             'schema', 'direct_url', 'locations', 'stores', 'deleted',
             'deleted_at')


# Kept under this name: other clients and tests use glance.UserTokenAuth.
UserTokenAuth = ksa.UserTokenAuth

_ADAPTER = ksa.SharedAdapter('glance')
_get_adapter = _ADAPTER.get
reset = _ADAPTER.reset


def _error_detail(response):
    try:
        body = response.json()
    except ValueError:
        return response.text[:500]
    if isinstance(body, dict):
        return str(body.get('message') or body.get('title') or body)[:500]
    return str(body)[:500]


def _translate(response, image_id=None):
    """Raise the Nova exception matching an error response."""
    code = response.status_code
    if code < 400:
        return
    detail = _error_detail(response)
    if code == 404:
        raise exception.ImageNotFound(image_id=image_id)
    if code in (401, 403):
        raise exception.ImageNotAuthorized(image_id=image_id)
    if code == 409:
        raise exception.ImageConflict(image_id=image_id, reason=detail)
    if code >= 500:
        raise exception.ImageServiceUnavailable(reason=detail)
    raise exception.ImageBadRequest(image_id=image_id, response=detail)


def _check_id(image_id):
    if not uuidutils.is_uuid_like(image_id):
        raise exception.ImageNotFound(image_id=image_id)


def _flatten(image_meta):
    """A create body from Glance v2 JSON or Nova's nested 'properties'."""
    body = {k: v for k, v in image_meta.items()
            if k not in READ_ONLY and k != 'properties'}
    for name, value in (image_meta.get('properties') or {}).items():
        body.setdefault(name, value if isinstance(value, str) else
                        str(value))
    return body


class API:
    """Images of the image service, as seen by the user of a context."""

    def _request(self, context, method, path, image_id=None, **kwargs):
        adapter = _get_adapter()
        headers = kwargs.pop('headers', {})
        if getattr(context, 'global_request_id', None):
            headers['X-OpenStack-Request-ID'] = context.global_request_id
        auth = adapter.auth
        if context is not None and context.auth_token:
            auth = UserTokenAuth(context.auth_token,
                                 getattr(context, 'service_catalog', None),
                                 fallback=adapter.auth)
        try:
            response = adapter.request(
                path, method, auth=auth, headers=headers, raise_exc=False,
                connect_retries=CONF.glance.num_retries, **kwargs)
        except ksa.REQUEST_ERRORS as e:
            raise exception.ImageServiceUnavailable(reason=str(e))
        _translate(response, image_id)
        return response

    def get(self, context, image_id):
        """Return the image ``image_id`` as a dict."""
        _check_id(image_id)
        return self._request(context, 'GET', '/v2/images/%s' % image_id,
                             image_id=image_id).json()

    show = get

    def get_all(self, context, filters=None, limit=None, marker=None,
                sort_key=None, sort_dir=None):
        """Return the images matching ``filters`` (Glance query params).

        Follows the service's ``next`` links until ``limit`` images (all,
        when None) have been read.
        """
        params = dict(filters or {})
        for name, value in (('marker', marker), ('sort_key', sort_key),
                            ('sort_dir', sort_dir)):
            if value is not None:
                params[name] = value
        if limit is not None:
            params['limit'] = limit
        images, path = [], '/v2/images'
        while path:
            doc = self._request(context, 'GET', path, params=params).json()
            images.extend(doc.get('images', []))
            if limit is not None and len(images) >= limit:
                return images[:limit]
            # The next link repeats every query parameter itself.
            path, params = doc.get('next'), None
        return images

    def detail(self, context, **kwargs):
        return self.get_all(context, **kwargs)

    def create(self, context, image_meta, data=None):
        """Register an image and, with ``data``, upload its bits.

        ``data`` is bytes, a binary file or an iterable of bytes. Returns
        the image as it is after the upload.
        """
        image = self._request(context, 'POST', '/v2/images',
                              json=_flatten(image_meta)).json()
        if data is None:
            return image
        self.upload(context, image['id'], data)
        return self.get(context, image['id'])

    def upload(self, context, image_id, data):
        """Upload the bits of a queued image (409 -> ImageConflict)."""
        _check_id(image_id)
        self._request(context, 'PUT', '/v2/images/%s/file' % image_id,
                      image_id=image_id, data=data, log=False,
                      headers={'Content-Type': 'application/octet-stream'})

    def update(self, context, image_id, values=None, remove=()):
        """Set attributes/properties in ``values``, drop those in
        ``remove``; returns the updated image."""
        _check_id(image_id)
        ops = [{'op': 'add', 'path': '/%s' % _escape(name), 'value': value}
               for name, value in (values or {}).items()]
        ops += [{'op': 'remove', 'path': '/%s' % _escape(name)}
                for name in remove]
        return self._request(context, 'PATCH', '/v2/images/%s' % image_id,
                             image_id=image_id, json=ops,
                             headers={'Content-Type': PATCH_TYPE}).json()

    def delete(self, context, image_id):
        """Delete the image; ImageNotFound if it is already gone."""
        _check_id(image_id)
        self._request(context, 'DELETE', '/v2/images/%s' % image_id,
                      image_id=image_id)

    def download(self, context, image_id, dest_path=None):
        """Stream the image's bits into ``dest_path``, or return them.

        Without ``dest_path`` the result is an iterator of byte chunks.
        Raises ImageNotActive when the image holds no data and
        ImageChecksumMismatch (removing ``dest_path``) when the bits do not
        match the MD5 the service announced.
        """
        _check_id(image_id)
        response = self._request(context, 'GET',
                                 '/v2/images/%s/file' % image_id,
                                 image_id=image_id, stream=True)
        if response.status_code == 204:
            raise exception.ImageNotActive(image_id=image_id)
        chunks = _verified(response, image_id)
        if dest_path is None:
            return chunks
        try:
            with open(dest_path, 'wb') as out:
                for chunk in chunks:
                    out.write(chunk)
        except BaseException:
            try:
                os.unlink(dest_path)
            except FileNotFoundError:
                pass
            raise
        return None


def _escape(name):
    return name.replace('~', '~0').replace('/', '~1')


def _verified(response, image_id):
    """Yield the body's chunks, checking the MD5 once all have passed."""
    expected = response.headers.get('Content-MD5')
    md5 = hashlib.md5(usedforsecurity=False)
    try:
        for chunk in response.iter_content(chunk_size=CHUNK_SIZE):
            md5.update(chunk)
            yield chunk
    except (ks_exc.ConnectionError,
            requests.exceptions.RequestException) as e:
        raise exception.ImageServiceUnavailable(reason=str(e))
    finally:
        response.close()
    if expected and md5.hexdigest() != expected:
        LOG.error('Checksum mismatch downloading image %s', image_id)
        raise exception.ImageChecksumMismatch(image_id=image_id)


def get_default_image_service():
    return API()
