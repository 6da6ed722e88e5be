"""VNC consoles of guests (the ``[vnc]`` group): whether compute hosts hand
them out and the public URL of the noVNC proxy users open them through."""

from oslo_config import cfg

vnc_group = cfg.OptGroup(
    'vnc', title='VNC options',
    help="""
Remote desktop access to guests through VNC, reached by users through a
noVNC proxy (``POST /servers/{server_id}/remote-consoles`` with protocol
``vnc``, type ``novnc``).""")

vnc_opts = [
    cfg.BoolOpt('enabled', default=True,
                help="""
Hand out VNC consoles of the guests of this compute host.

When off, a request for a ``novnc`` console of a guest here answers 400
(``Unavailable console type novnc.``).
"""),
    cfg.URIOpt('novncproxy_base_url',
               default='http://127.0.0.1:6080/vnc_auto.html',
               help="""
Public URL of the noVNC proxy page, full path included.

The console URL handed to users is this URL with the console's token in
its ``path`` query parameter: ``<url>?path=%3Ftoken%3D<token>``.

Possible values:

* A URL users can reach, such as ``http://public-host:6080/vnc_auto.html``.

Related options:

* ``[vnc] enabled``
* ``[consoleauth] token_ttl``
"""),
]


def register_opts(conf):
    conf.register_group(vnc_group)
    conf.register_opts(vnc_opts, group=vnc_group)


def list_opts():
    return {vnc_group: vnc_opts}
