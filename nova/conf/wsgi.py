"""Options for the wsgi area (filled in by its owner)."""


def register_opts(conf):
    pass


def list_opts():
    return {}
