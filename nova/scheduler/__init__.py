"""nova-scheduler: picks hosts for instances, with placement."""
