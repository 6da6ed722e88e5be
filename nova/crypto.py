"""Key pairs: generating them and fingerprinting public keys, with the
``cryptography`` library.

Two kinds, as in Nova's os-keypairs API (types from 2.2):

* ``ssh``: an RSA key; the public key in OpenSSH's one-line form, the
  private key in PEM (PKCS#1, what ``ssh -i`` reads), the fingerprint the
  colon-separated MD5 of the key blob (``ssh-keygen -E md5 -l``).
* ``x509``: a self-signed certificate (for WinRM) whose subject is the
  user; the "public key" is the certificate in PEM, the fingerprint the
  colon-separated SHA-1 of its DER form.
"""

import base64
import binascii
import datetime
import hashlib

from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives import serialization
from cryptography import x509
from cryptography.x509.oid import NameOID

from nova import exception
from nova.i18n import _

KEY_BITS = 2048
# How long a generated certificate is valid, in days.
CERT_DAYS = 3650


def _colon_hex(digest):
    return ':'.join('%02x' % b for b in digest)


def _new_rsa_key():
    return rsa.generate_private_key(public_exponent=65537, key_size=KEY_BITS)


def _private_pem(key):
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.TraditionalOpenSSL,
        serialization.NoEncryption()).decode()


def ssh_fingerprint(public_key):
    """The MD5 fingerprint (``aa:bb:...``) of an OpenSSH public key line
    (``ssh-rsa AAAA... comment``); InvalidKeypair when it is not one."""
    try:
        serialization.load_ssh_public_key(public_key.strip().encode())
        blob = base64.b64decode(public_key.split()[1], validate=True)
    except (ValueError, IndexError, binascii.Error, TypeError,
            UnicodeError, UnsupportedAlgorithm) as error:
        raise exception.InvalidKeypair(
            reason=_('failed to generate fingerprint')) from error
    return _colon_hex(hashlib.md5(blob, usedforsecurity=False).digest())


def x509_fingerprint(certificate_pem):
    """The SHA-1 fingerprint (``aa:bb:...``) of a PEM certificate;
    InvalidKeypair when it is not one."""
    try:
        cert = x509.load_pem_x509_certificate(certificate_pem.encode())
    except (ValueError, TypeError, UnicodeError) as error:
        raise exception.InvalidKeypair(
            reason=_('failed to generate X509 fingerprint')) from error
    return _colon_hex(cert.fingerprint(hashes.SHA1()))


def generate_ssh_key_pair():
    """``(private key PEM, public key line, fingerprint)`` of a new RSA
    key."""
    key = _new_rsa_key()
    public_key = key.public_key().public_bytes(
        serialization.Encoding.OpenSSH,
        serialization.PublicFormat.OpenSSH).decode() + ' Generated-by-Nova'
    return _private_pem(key), public_key, ssh_fingerprint(public_key)


def generate_x509_key_pair(user_id):
    """``(private key PEM, certificate PEM, fingerprint)`` of a new
    self-signed certificate whose common name is ``user_id``."""
    key = _new_rsa_key()
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, user_id)])
    now = datetime.datetime.now(datetime.timezone.utc)
    cert = (x509.CertificateBuilder()
            .subject_name(subject).issuer_name(subject)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now)
            .not_valid_after(now + datetime.timedelta(days=CERT_DAYS))
            .sign(key, hashes.SHA256()))
    certificate = cert.public_bytes(serialization.Encoding.PEM).decode()
    return _private_pem(key), certificate, x509_fingerprint(certificate)
