"""Salted PBKDF2 password hashes for the built-in identity service.

A hash is stored as ``pbkdf2_sha256$<iterations>$<salt hex>$<digest hex>``
so that the iteration count can change without invalidating old hashes.
"""

import hashlib
import hmac
import secrets

ALGORITHM = 'pbkdf2_sha256'
# NOTE: lower than OWASP's current advice for SHA-256 (600,000): every
# login of this stand-in pays for it, and its tests log in a lot.
ITERATIONS = 100_000
SALT_BYTES = 16


def _derive(password, salt, iterations):
    return hashlib.pbkdf2_hmac('sha256', password.encode('utf-8'), salt,
                               iterations)


def hash_password(password, iterations=ITERATIONS):
    """Return the storable hash of ``password`` with a fresh random salt."""
    salt = secrets.token_bytes(SALT_BYTES)
    digest = _derive(password, salt, iterations)
    return '%s$%d$%s$%s' % (ALGORITHM, iterations, salt.hex(), digest.hex())


def check_password(password, stored):
    """True if ``password`` matches ``stored``; False for any bad input."""
    if not isinstance(password, str) or not stored:
        return False
    try:
        algorithm, iterations, salt, digest = stored.split('$')
        iterations = int(iterations)
        salt = bytes.fromhex(salt)
        digest = bytes.fromhex(digest)
    except ValueError:
        return False
    if algorithm != ALGORITHM or iterations < 1:
        return False
    return hmac.compare_digest(_derive(password, salt, iterations), digest)
