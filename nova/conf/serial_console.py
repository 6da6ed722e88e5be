"""Serial consoles of guests (the ``[serial_console]`` group): whether
compute hosts hand them out and the public URL of the serial proxy."""

from oslo_config import cfg

serial_console_group = cfg.OptGroup(
    'serial_console', title='Serial console options',
    help="""
Interactive access to a guest's serial port through a websocket proxy,
for guests without a graphical console.""")

serial_console_opts = [
    cfg.BoolOpt('enabled', default=False,
                help="""
Hand out serial consoles of the guests of this compute host.

When off, a request for a ``serial`` console of a guest here answers 400
(``Unavailable console type serial.``).
"""),
    cfg.URIOpt('base_url', default='ws://127.0.0.1:6083/',
               help="""
Public websocket URL of the serial console proxy; the console URL is this
URL with ``?token=<token>`` appended.

Possible values:

* A ``ws://`` or ``wss://`` URL users can reach.

Related options:

* ``[serial_console] enabled``
* ``[consoleauth] token_ttl``
"""),
]


def register_opts(conf):
    conf.register_group(serial_console_group)
    conf.register_opts(serial_console_opts, group=serial_console_group)


def list_opts():
    return {serial_console_group: serial_console_opts}
