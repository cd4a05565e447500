# SPDX-License-Identifier: MIT
"""KeyClient and CryptographyClient through the Python binding, against the emulator."""
import hashlib
import unittest

import kvbridge
from support import VaultClientTest, names, options, requests


class KeysTest(VaultClientTest):
    CLIENT_CLASS = kvbridge.KeyClient
    VAULT = "pykeys"

    def test_create_get_update_list(self):
        key = self.client.create_key("py-rsa", "RSA", key_size=2048, tags={"team": "py"})
        self.assertEqual((key.name, key.key_type, key.curve), ("py-rsa", "RSA", ""))
        self.assertEqual(key.json["tags"], {"team": "py"})
        self.assertIn("n", key.json["key"])
        self.assertNotIn("d", key.json["key"])
        self.assertEqual(self.client.get_key("py-rsa").version, key.version)
        updated = self.client.update_key_properties("py-rsa", key.version, enabled=False, tags={"s": "2"})
        self.assertFalse(updated.json["enabled"])
        ec = self.client.create_key("py-ec", "EC")
        self.assertEqual(ec.curve, "P-256")
        self.assertIn("py-ec", names(self.client.list_keys()))
        self.assertEqual(names(self.client.list_key_versions("py-rsa"), "version"), [key.version])

    def test_attributes_tags_managed_and_page_sizes(self):
        key = self.client.create_key("py-attrs", "EC", tags={"b": "2", "a": "1"}, expires_on=4102444800)
        for k in (key, self.client.get_key("py-attrs")):
            self.assertEqual(k.tags, {"a": "1", "b": "2"})
            self.assertIs(k.managed, False)
            self.assertIs(k.attributes.enabled, True)
            self.assertEqual(k.attributes.expires_on, 4102444800)
            self.assertGreater(k.attributes.created_on, 1700000000)
            self.assertEqual(k.attributes.recovery_level, "Recoverable+Purgeable")
        self.client.rotate_key("py-attrs")
        before = requests("GET /keys/{}/versions")
        self.assertEqual(len(list(self.client.list_key_versions("py-attrs", max_results=1))), 2)
        self.assertEqual(requests("GET /keys/{}/versions") - before, 2)
        before = requests("GET /keys")
        listed = list(self.client.list_keys(max_results=1))
        self.assertEqual(requests("GET /keys") - before, len(listed))
        self.assertGreaterEqual(len(listed), 1)
        self.client.delete_key("py-attrs")
        before = requests("GET /deletedkeys")
        deleted = list(self.client.list_deleted_keys(max_results=1))
        self.assertIn("py-attrs", names(deleted))
        self.assertEqual(requests("GET /deletedkeys") - before, len(deleted))

    def test_errors_carry_the_service_fields(self):
        with self.assertRaises(kvbridge.NotFoundError) as caught:
            self.client.get_key("py-missing")
        self.assertEqual(caught.exception.http_status, 404)
        self.assertEqual(caught.exception.service_code, "KeyNotFound")
        with self.assertRaises(kvbridge.InvalidArgumentError):
            self.client.create_key("py-bad", "RSA", key_size=1000)
        with self.assertRaises(kvbridge.InvalidArgumentError):
            self.client.import_key("py-bad", {"kty": 5})

    def test_import_rotate_random_backup_restore(self):
        jwk = {"kty": "oct-HSM", "k": "AAECAwQFBgcICQoLDA0ODwABAgMEBQYHCAkKCwwNDg8", "key_ops": ["encrypt"]}
        self.assertEqual(self.client.import_key("py-imported", jwk, hardware_protected=True).name, "py-imported")
        self.client.create_key("py-rot", "RSA")
        policy = {"lifetimeActions": [{"action": "Rotate", "timeAfterCreate": "P30D"}], "expiresIn": "P90D"}
        self.assertEqual(self.client.update_rotation_policy("py-rot", policy)["lifetimeActions"],
                         policy["lifetimeActions"])
        self.assertEqual(self.client.get_rotation_policy("py-rot")["expiresIn"], "P90D")
        self.assertEqual(self.client.rotate_key("py-rot").name, "py-rot")
        self.assertEqual(len(list(self.client.list_key_versions("py-rot"))), 2)
        random = self.client.get_random_bytes(24)
        self.assertIsInstance(random, bytes)
        self.assertEqual(len(random), 24)
        backup = self.client.backup_key("py-rot")
        deleted = self.client.delete_key("py-rot")
        self.assertIn("recoveryId", deleted)
        self.assertEqual(self.client.get_deleted_key("py-rot")["name"], "py-rot")
        self.assertIn("py-rot", names(self.client.list_deleted_keys()))
        self.assertEqual(self.client.recover_deleted_key("py-rot").name, "py-rot")
        with self.assertRaises(kvbridge.ConflictError):
            self.client.restore_key_backup(backup)
        self.client.delete_key("py-rot")
        self.client.purge_deleted_key("py-rot")
        self.assertEqual(self.client.restore_key_backup(backup).name, "py-rot")

    def test_release_and_attestation(self):
        self.client.create_key("py-export", "RSA-HSM", exportable=True,
                               release_policy={"encodedPolicy": "eyJhbnlPZiI6W10sInZlcnNpb24iOiIxLjAuMCJ9"})
        jws = self.client.release_key("py-export", "attestation-token", nonce="n")
        self.assertEqual(jws.count("."), 2)
        self.assertIn("attestation", self.client.get_key_attestation("py-export").json)

    def test_cryptography_round_trips(self):
        key = self.client.create_key("py-crypto", "RSA")
        with kvbridge.CryptographyClient(key.id, self.cred, options()) as crypto:
            self.assertEqual(crypto.get_key().name, "py-crypto")
            enc = crypto.encrypt("RSA-OAEP", b"py secret")
            self.assertEqual(enc.algorithm, "RSA-OAEP")
            self.assertEqual(len(enc.output), 256)
            self.assertEqual(crypto.decrypt("RSA-OAEP", enc.output).output, b"py secret")
            wrapped = crypto.wrap_key("RSA-OAEP-256", bytes(range(32)))
            self.assertEqual(crypto.unwrap_key("RSA-OAEP-256", wrapped.output).output, bytes(range(32)))
            secure = crypto.secure_wrap_key("RSA-OAEP-256").output
            self.assertEqual(crypto.secure_unwrap_key("RSA-OAEP-256", secure, "maa-token").output,
                             crypto.unwrap_key("RSA-OAEP-256", secure).output)
            digest = hashlib.sha256(b"doc").digest()
            sig = crypto.sign("RS256", digest)
            self.assertTrue(crypto.verify("RS256", digest, sig.output).is_valid)
            self.assertFalse(crypto.verify("RS256", hashlib.sha256(b"other").digest(), sig.output).is_valid)
            sig = crypto.sign_data("RS384", b"doc")
            self.assertTrue(crypto.verify_data("RS384", b"doc", sig.output).is_valid)
            with self.assertRaises(kvbridge.InvalidArgumentError):
                crypto.sign("RS256", b"short")
        with kvbridge.CryptographyClient(key.id, self.cred, options(), local_public_operations=True,
                                         public_key=key.json["key"]) as local:
            enc = local.encrypt("RSA-OAEP", b"local")
            self.assertEqual(local.decrypt("RSA-OAEP", enc.output).output, b"local")

    def test_aes_gcm(self):
        key = self.client.create_key("py-aes", "oct-HSM", key_size=256)
        with kvbridge.CryptographyClient(key.id, self.cred, options()) as crypto:
            enc = crypto.encrypt("A256GCM", b"gcm text", aad=b"hdr")
            self.assertEqual(len(enc.tag), 16)
            self.assertTrue(enc.iv)
            self.assertEqual(crypto.decrypt("A256GCM", enc.output, iv=enc.iv, aad=b"hdr", tag=enc.tag).output,
                             b"gcm text")


if __name__ == "__main__":
    unittest.main()
