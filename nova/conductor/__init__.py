"""nova-conductor: workflow orchestration and the database proxy."""
