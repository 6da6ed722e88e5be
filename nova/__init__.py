"""OpenStack Compute (Nova), native-threads edition.

oslo.service picks its concurrency backend at first use; we select the
threading backend here, before anything imports oslo.service, so that no
code path can fall back to eventlet.
"""

import warnings

# futurist and oslo.utils import eventlet when it happens to be installed
# (a dependency of a dependency); Nova never uses it, so its deprecation
# notice is noise on every command's start.
warnings.filterwarnings('ignore', message='(?s).*Eventlet is deprecated')

from oslo_service import backend as _service_backend  # noqa: E402

try:
    _service_backend.init_backend(_service_backend.BackendType.THREADING)
except _service_backend.exceptions.BackendAlreadySelected:
    pass
