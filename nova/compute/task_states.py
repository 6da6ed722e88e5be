"""The task_state values of an instance: what is happening to it now."""

SCHEDULING = 'scheduling'
BLOCK_DEVICE_MAPPING = 'block_device_mapping'
NETWORKING = 'networking'
SPAWNING = 'spawning'
DELETING = 'deleting'

# Task states of a build, in order.
BUILD_STEPS = (SCHEDULING, BLOCK_DEVICE_MAPPING, NETWORKING, SPAWNING)

# Power operations (the guest keeps running, or not, on its host).
POWERING_OFF = 'powering-off'
POWERING_ON = 'powering-on'
REBOOTING = 'rebooting'
REBOOTING_HARD = 'rebooting_hard'
PAUSING = 'pausing'
UNPAUSING = 'unpausing'
SUSPENDING = 'suspending'
RESUMING = 'resuming'

# Snapshots and backups: the API sets the first, the host the others.
IMAGE_SNAPSHOT = 'image_snapshot'
IMAGE_BACKUP = 'image_backup'
IMAGE_PENDING_UPLOAD = 'image_pending_upload'
IMAGE_UPLOADING = 'image_uploading'

# Rescue: the guest boots from a rescue image, its disk attached.
RESCUING = 'rescuing'
UNRESCUING = 'unrescuing'

# Rebuild: the guest is recreated from a (new) image.
REBUILDING = 'rebuilding'
REBUILD_BLOCK_DEVICE_MAPPING = 'rebuild_block_device_mapping'
REBUILD_SPAWNING = 'rebuild_spawning'

UPDATING_PASSWORD = 'updating_password'

# Shelve: a snapshot, then the guest let go of (offloaded) or kept off.
SHELVING = 'shelving'
SHELVING_IMAGE_PENDING_UPLOAD = 'shelving_image_pending_upload'
SHELVING_IMAGE_UPLOADING = 'shelving_image_uploading'
SHELVING_OFFLOADING = 'shelving_offloading'
UNSHELVING = 'unshelving'

# Resize and cold migration: prepared by the API and conductor, the disk
# moved by the source host, finished on the destination; a revert goes
# back. Confirming a resize sets no task.
RESIZE_PREP = 'resize_prep'
RESIZE_MIGRATING = 'resize_migrating'
RESIZE_MIGRATED = 'resize_migrated'
RESIZE_FINISH = 'resize_finish'
RESIZE_REVERTING = 'resize_reverting'

# Deferred delete (``reclaim_instance_interval``): the guest is stopped
# and kept until reclaimed; a restore starts it again.
SOFT_DELETING = 'soft-deleting'
RESTORING = 'restoring'

# Live migration: the guest keeps running while it moves.
MIGRATING = 'migrating'
