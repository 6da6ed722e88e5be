"""A minimal image service speaking a subset of the Glance v2 API.

``create_app(state_dir)`` returns a WSGI application that keeps its
records in ``state_dir/images.sqlite`` and image bits under
``state_dir/images/``. ``seed_default_image()`` registers the small public
image the all-in-one deployment boots by default.
"""

from nova.builtin.image.app import create_app  # noqa: F401
from nova.builtin.image.seed import seed_default_image  # noqa: F401
