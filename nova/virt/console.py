"""Where a guest's remote console listens, as a virt driver reports it.

The compute host turns it into a console auth token
(``nova.objects.ConsoleAuthToken``) and the URL a user opens; a console
proxy later connects to ``host``:``port`` (or ``tls_port``).
"""

import typing


class ConsoleInfo(typing.NamedTuple):
    """One console server of one guest.

    ``host``: address the proxies reach the console server at; ``port``:
    its TCP port; ``tls_port``: its TLS port (SPICE), if any;
    ``internal_access_path``: what the proxy asks for once connected,
    when the server multiplexes several guests (None otherwise).
    """
    host: str
    port: int
    internal_access_path: typing.Optional[str] = None
    tls_port: typing.Optional[int] = None
