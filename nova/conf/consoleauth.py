"""Console auth tokens (the ``[consoleauth]`` group): how long the token
of a remote console URL stays valid."""

from oslo_config import cfg

consoleauth_group = cfg.OptGroup('consoleauth',
                                 title='Console auth token options')

consoleauth_opts = [
    cfg.IntOpt('token_ttl', default=600, min=0,
               help="""
Seconds a console auth token stays valid once handed out.

A console proxy (or ``GET /os-console-auth-tokens/{console_token}``) finds
no console for a token older than this; expired tokens are deleted the next
time a token is handed out in the same cell, and every token of a server
goes with it when it is deleted.

Possible values:

* 0 or more seconds (0: a token is expired as soon as it is handed out).
"""),
]


def register_opts(conf):
    conf.register_group(consoleauth_group)
    conf.register_opts(consoleauth_opts, group=consoleauth_group)


def list_opts():
    return {consoleauth_group: consoleauth_opts}
