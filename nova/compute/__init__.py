"""nova-compute and the API's compute front end."""
