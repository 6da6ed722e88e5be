"""SPICE consoles of guests (the ``[spice]`` group): whether compute hosts
hand them out and the public URLs of the proxies users reach them
through."""

from oslo_config import cfg

spice_group = cfg.OptGroup(
    'spice', title='SPICE console options',
    help="""
Remote desktop access to guests through SPICE: in a browser through the
HTML5 proxy (type ``spice-html5``) or, from microversion 2.99, with a native
SPICE client through a proxy such as Kerbside (type ``spice-direct``).""")

spice_opts = [
    cfg.BoolOpt('enabled', default=False,
                help="""
Hand out SPICE consoles of the guests of this compute host.

When off, a request for a ``spice-html5`` or ``spice-direct`` console of a
guest here answers 400 (``Unavailable console type ...``).
"""),
    cfg.URIOpt('html5proxy_base_url',
               default='http://127.0.0.1:6082/spice_auto.html',
               help="""
Public URL of the SPICE HTML5 proxy page; the console URL is this URL with
``?token=<token>`` appended.

Related options:

* ``[spice] enabled``
* ``[consoleauth] token_ttl``
"""),
    cfg.URIOpt('spice_direct_proxy_base_url',
               default='http://127.0.0.1:13002/nova',
               help="""
Public URL of the proxy native SPICE clients connect through
(``spice-direct`` consoles); the console URL is this URL with
``?token=<token>`` appended. The proxy turns the token into the guest's
host and ports with ``GET /os-console-auth-tokens/{console_token}``.

Related options:

* ``[spice] enabled``
* ``[consoleauth] token_ttl``
"""),
]


def register_opts(conf):
    conf.register_group(spice_group)
    conf.register_opts(spice_opts, group=spice_group)


def list_opts():
    return {spice_group: spice_opts}
