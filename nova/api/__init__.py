"""Nova's HTTP front ends; ``nova.api.openstack`` serves the Compute API."""
