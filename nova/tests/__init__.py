"""Nova's test suites: unit, functional and shared fixtures."""
