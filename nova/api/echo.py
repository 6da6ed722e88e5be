"""Input quoted back in error messages, clipped to a short prefix.

A 400 may say which value was refused, but never repeat a large input: a
message quotes at most ``LIMIT`` characters of it, then ``...``.
"""

LIMIT = 100


def clip(value, limit=LIMIT):
    """``str(value)``, cut to ``limit`` characters plus ``...`` if longer."""
    text = str(value)
    if len(text) > limit:
        return text[:limit] + '...'
    return text


def schema_message(error, limit=LIMIT):
    """The message of the jsonschema ``error`` with the refused value,
    which jsonschema quotes as its ``repr()``, clipped to ``limit``."""
    message = error.message
    quoted = repr(error.instance)
    if len(quoted) > limit:
        message = message.replace(quoted, clip(quoted, limit))
    return clip(message, 4 * limit)
