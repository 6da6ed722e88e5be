"""OpenStack Compute (Nova), native-threads edition.

oslo.service picks its concurrency backend at first use; we select the
threading backend here, before anything imports oslo.service, so that no
code path can fall back to eventlet.
"""

from oslo_service import backend as _service_backend

try:
    _service_backend.init_backend(_service_backend.BackendType.THREADING)
except _service_backend.exceptions.BackendAlreadySelected:
    pass
