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
