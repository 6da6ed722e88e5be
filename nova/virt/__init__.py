"""Hypervisor drivers. ``driver.load_compute_driver`` picks one from
``compute_driver``; nothing here may touch a database (hacking N307)."""
