"""Key pairs of users, as nova-api manages them (os-keypairs): import a
public key, generate a new key pair, list, show and delete.

A user may hold as many key pairs as the ``key_pairs`` quota of the
request's project (and user) allows (-1: no limit; ``nova.quota``). The count
is checked before a key pair is stored and again after, so concurrent
imports cannot together go past the limit: a request that finds the user
over it once its own key pair exists removes that key pair and fails
(KeypairLimitExceeded), as Nova's quota recheck does.
"""

from nova import crypto
from nova import exception
from nova import objects
from nova.objects import keypair as keypair_obj
from nova import quota

_FINGERPRINT = {keypair_obj.KEYPAIR_TYPE_SSH: crypto.ssh_fingerprint,
                keypair_obj.KEYPAIR_TYPE_X509: crypto.x509_fingerprint}


class KeypairAPI(object):

    @staticmethod
    def _check_quota(context, user_id, adding):
        allowed = quota.limits_for(context, context.project_id,
                                   user_id)['key_pairs']
        if allowed < 0:
            return
        used = objects.KeyPairList.get_count_by_user(context, user_id)
        if used + adding > allowed:
            raise exception.KeypairLimitExceeded()

    def _store(self, context, user_id, name, key_type, public_key,
               fingerprint):
        self._check_quota(context, user_id, 1)
        keypair = objects.KeyPair(
            context=context, user_id=user_id, name=name, type=key_type,
            public_key=public_key, fingerprint=fingerprint)
        keypair.create()
        try:
            self._check_quota(context, user_id, 0)
        except exception.KeypairLimitExceeded:
            keypair.destroy()
            raise
        return keypair

    def import_key_pair(self, context, user_id, name, public_key,
                        key_type=keypair_obj.KEYPAIR_TYPE_SSH):
        """Store ``public_key`` (an OpenSSH line, or a PEM certificate
        for ``x509``) as ``user_id``'s key pair ``name``. Raises
        InvalidKeypair (400) for a key that does not parse, KeyPairExists
        (409) and KeypairLimitExceeded (403)."""
        fingerprint = _FINGERPRINT[key_type](public_key)
        return self._store(context, user_id, name, key_type, public_key,
                           fingerprint)

    def create_key_pair(self, context, user_id, name,
                        key_type=keypair_obj.KEYPAIR_TYPE_SSH):
        """Generate a key pair ``name`` for ``user_id``; returns
        ``(KeyPair, private key PEM)``; the private key is not kept.
        Raises KeyPairExists (409) and KeypairLimitExceeded (403)."""
        self._check_quota(context, user_id, 1)
        if key_type == keypair_obj.KEYPAIR_TYPE_X509:
            private_key, public_key, fingerprint = (
                crypto.generate_x509_key_pair(user_id))
        else:
            private_key, public_key, fingerprint = (
                crypto.generate_ssh_key_pair())
        keypair = self._store(context, user_id, name, key_type, public_key,
                              fingerprint)
        return keypair, private_key

    def get_key_pairs(self, context, user_id, limit=None, marker=None):
        """``user_id``'s key pairs by name (MarkerNotFound)."""
        return objects.KeyPairList.get_by_user(context, user_id, limit,
                                               marker)

    def get_key_pair(self, context, user_id, name):
        """``user_id``'s key pair ``name``; KeypairNotFound."""
        return objects.KeyPair.get_by_name(context, user_id, name)

    def delete_key_pair(self, context, user_id, name):
        """Forget ``user_id``'s key pair ``name``; KeypairNotFound."""
        objects.KeyPair.destroy_by_name(context, user_id, name)
