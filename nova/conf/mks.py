"""WebMKS consoles of guests (the ``[mks]`` group, microversion 2.8):
whether compute hosts hand them out and the public URL of the MKS proxy."""

from oslo_config import cfg

mks_group = cfg.OptGroup(
    'mks', title='MKS console options',
    help="""
Remote desktop access to guests through the WebMKS protocol of VMware
hypervisors (protocol ``mks``, type ``webmks``).""")

mks_opts = [
    cfg.BoolOpt('enabled', default=False,
                help="""
Hand out WebMKS consoles of the guests of this compute host.

When off, a request for a ``webmks`` console of a guest here answers 400
(``Unavailable console type webmks.``).
"""),
    cfg.URIOpt('mksproxy_base_url', default='http://127.0.0.1:6090/',
               help="""
Public URL of the MKS proxy; the console URL is this URL with
``?token=<token>`` appended.

Related options:

* ``[mks] enabled``
* ``[consoleauth] token_ttl``
"""),
]


def register_opts(conf):
    conf.register_group(mks_group)
    conf.register_opts(mks_opts, group=mks_group)


def list_opts():
    return {mks_group: mks_opts}
