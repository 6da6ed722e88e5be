"""OS-DCF:diskConfig: whether a guest's root partition is grown to fill
its disk (``AUTO``) or left as the image made it (``MANUAL``), kept as
the instance's ``auto_disk_config`` (api-ref "Disk Config").

An image may ask for one by default with its ``auto_disk_config``
property (``True``/``False``), or forbid ``AUTO`` with ``disabled``.
"""

from oslo_utils import strutils

from nova import exception

AUTO = 'AUTO'
MANUAL = 'MANUAL'


def _image_setting(image):
    value = image.get('auto_disk_config')
    if value is None:
        value = (image.get('properties') or {}).get('auto_disk_config')
    return None if value is None else str(value).strip().lower()


def choose(image, requested):
    """``auto_disk_config`` (bool) for a guest of ``image`` (a Glance v2
    dict) when the request asked for ``requested`` (``AUTO``, ``MANUAL``
    or None: the image's default, else MANUAL). Raises
    AutoDiskConfigDisabledByImage (400) for AUTO on an image that forbids
    it."""
    setting = _image_setting(image)
    if requested is None:
        return setting not in (None, 'disabled') and (
            strutils.bool_from_string(setting))
    if requested == AUTO and setting == 'disabled':
        raise exception.AutoDiskConfigDisabledByImage(image=image['id'])
    return requested == AUTO


def from_api(requested):
    """``auto_disk_config`` of a request's ``OS-DCF:diskConfig`` value."""
    return requested == AUTO


def to_api(auto_disk_config):
    return AUTO if auto_disk_config else MANUAL
