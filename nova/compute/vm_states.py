"""The vm_state values of an instance: what the user asked it to be."""

ACTIVE = 'active'
BUILDING = 'building'
PAUSED = 'paused'
SUSPENDED = 'suspended'
STOPPED = 'stopped'
RESCUED = 'rescued'
RESIZED = 'resized'
SOFT_DELETED = 'soft-delete'
DELETED = 'deleted'
ERROR = 'error'
SHELVED = 'shelved'
SHELVED_OFFLOADED = 'shelved_offloaded'

# States in which an instance may be deleted.
ALLOW_DELETE = frozenset([ACTIVE, BUILDING, PAUSED, SUSPENDED, STOPPED,
                          RESCUED, RESIZED, SOFT_DELETED, ERROR, SHELVED,
                          SHELVED_OFFLOADED])
