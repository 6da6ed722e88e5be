"""Audit periods: the most recent completed period of a unit (``hour``,
``day``, ``month`` or ``year``, optionally ``@offset``: the hour of the
day, the day of the month or the month of the year a period starts at),
as ``[DEFAULT] instance_usage_audit_period`` names it. Times are naive
UTC; a period's end is the next one's beginning."""

import datetime

import nova.conf
from nova import utils

CONF = nova.conf.CONF


def _parse(unit):
    unit, _sep, offset = unit.partition('@')
    if unit not in ('hour', 'day', 'month', 'year'):
        raise ValueError('unknown audit period unit %r' % unit)
    return unit, int(offset or 0)


def _month_start(year, month, day):
    # A period starting on day ``day`` of a month (clamped to 28 so every
    # month has one).
    return datetime.datetime(year, month, min(max(day, 1), 28))


def _shift_month(year, month, months):
    index = year * 12 + (month - 1) + months
    return index // 12, index % 12 + 1


def last_completed(unit=None, before=None):
    """``(begin, end)`` of the last period of ``unit`` that ended at or
    before ``before`` (default now)."""
    unit, offset = _parse(unit or CONF.instance_usage_audit_period)
    now = (before or utils.utcnow()).replace(tzinfo=None)
    if unit == 'hour':
        end = now.replace(minute=offset % 60, second=0, microsecond=0)
        if end > now:
            end -= datetime.timedelta(hours=1)
        return end - datetime.timedelta(hours=1), end
    if unit == 'day':
        end = now.replace(hour=offset % 24, minute=0, second=0,
                          microsecond=0)
        if end > now:
            end -= datetime.timedelta(days=1)
        return end - datetime.timedelta(days=1), end
    if unit == 'month':
        end = _month_start(now.year, now.month, offset or 1)
        if end > now:
            end = _month_start(*_shift_month(now.year, now.month, -1),
                               offset or 1)
        begin = _month_start(*_shift_month(end.year, end.month, -1),
                             offset or 1)
        return begin, end
    month = min(max(offset or 1, 1), 12)
    end = datetime.datetime(now.year, month, 1)
    if end > now:
        end = datetime.datetime(now.year - 1, month, 1)
    return datetime.datetime(end.year - 1, month, 1), end
