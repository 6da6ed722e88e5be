"""JSON schemas of request bodies, query strings and responses."""
