"""Messaging options (oslo.messaging's own, registered up front so that
defaults such as ``transport_url`` can be set before a transport exists)."""

from oslo_messaging import opts as messaging_opts


def _default_group_opts():
    for group, opts in messaging_opts.list_opts():
        if group in (None, 'DEFAULT'):
            return list(opts)
    return []


def register_opts(conf):
    conf.register_opts(_default_group_opts())
    conf.set_default('control_exchange', 'nova')


def list_opts():
    return {}
