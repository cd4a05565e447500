# SPDX-License-Identifier: MIT
"""CertificateClient through the Python binding, against the emulator."""
import time
import unittest

import kvbridge
from support import VaultClientTest, names, options, requests, vault_url


class CertificatesTest(VaultClientTest):
    CLIENT_CLASS = kvbridge.CertificateClient
    VAULT = "pycerts"

    def test_create_get_download_import(self):
        op = self.client.create_certificate("py-cert", tags={"team": "py"})
        self.assertEqual(op["status"], "completed")
        cert = self.client.get_certificate("py-cert")
        self.assertEqual(cert.name, "py-cert")
        self.assertEqual(cert.cer[:1], b"\x30")
        self.assertEqual(kvbridge.thumbprints(cert.cer)["x5t"], cert.x5t)
        self.assertEqual(cert.json["policy"]["subject"], "CN=py-cert")
        self.assertIn("/secrets/py-cert/", cert.secret_id)
        self.assertIn("/keys/py-cert/", cert.key_id)
        self.assertEqual(self.client.get_certificate("py-cert", cert.version).version, cert.version)
        pfx, content_type = self.client.download_certificate("py-cert")
        self.assertEqual(content_type, "application/x-pkcs12")
        self.assertTrue(kvbridge.thumbprints(pfx)["has_private_key"])
        imported = self.client.import_certificate("py-imported", pfx, tags={"src": "pfx"})
        self.assertEqual(imported.x5t, cert.x5t)
        with self.assertRaises(kvbridge.CryptoError):
            self.client.import_certificate("py-imported", b"garbage", password="pw")
        updated = self.client.update_certificate_properties("py-cert", tags={"stage": "2"})
        self.assertEqual(updated.json["tags"], {"stage": "2"})
        policy = self.client.update_certificate_policy("py-cert", {"validityInMonths": 6})
        self.assertEqual(policy["validityInMonths"], 6)
        self.assertEqual(self.client.get_certificate_policy("py-cert")["validityInMonths"], 6)
        with self.assertRaises(ValueError):
            self.client.import_certificate("py-imported", pfx, reencode="rot13")
        self.assertEqual(self.client.import_certificate("py-imported", pfx, reencode="aes256").x5t, cert.x5t)
        self.assertIn("py-imported", names(self.client.list_certificates()))
        self.assertEqual(names(self.client.list_certificate_versions("py-cert"), "version"), [cert.version])

    def test_policy_attributes_tags_and_the_managed_key_and_secret(self):
        before = int(time.time())
        self.client.create_certificate("py-full", tags={"stage": "1"})
        after = int(time.time())
        cert = self.client.get_certificate("py-full")
        self.assertEqual(cert.tags, {"stage": "1"})
        self.assertIs(cert.attributes.enabled, True)
        self.assertGreater(cert.attributes.expires_on, cert.attributes.not_before)
        self.assertEqual(cert.attributes.recoverable_days, 90)
        for policy in (cert.json["policy"], self.client.get_certificate_policy("py-full")):
            self.assertEqual(policy["id"], vault_url(self.VAULT) + "/certificates/py-full/policy")
            self.assertTrue(before <= policy["createdOn"] <= after)
            self.assertGreaterEqual(policy["updatedOn"], policy["createdOn"])
            self.assertIs(policy["certificateAuthority"], False)
            self.assertEqual((policy["keyType"], policy["keySize"], policy["issuerName"]), ("RSA", 2048, "Self"))
        with kvbridge.SecretClient(vault_url(self.VAULT), self.cred, options()) as secrets:
            secret = secrets.get_secret("py-full")
            self.assertIs(secret.managed, True)
            self.assertEqual(secret.tags, {"stage": "1"})
        with kvbridge.KeyClient(vault_url(self.VAULT), self.cred, options()) as keys:
            self.assertIs(keys.get_key("py-full").managed, True)

    def test_list_page_sizes_reach_the_service(self):
        for name in ("py-page-1", "py-page-2"):
            self.client.create_certificate(name)
            self.client.create_issuer({"name": name, "provider": "Test"})
        self.client.create_certificate("py-page-1")
        before = requests("GET /certificates")
        listed = list(self.client.list_certificates(max_results=1))
        self.assertEqual(requests("GET /certificates") - before, len(listed))
        self.assertGreaterEqual(len(listed), 2)
        before = requests("GET /certificates/{}/versions")
        self.assertEqual(len(list(self.client.list_certificate_versions("py-page-1", max_results=1))), 2)
        self.assertEqual(requests("GET /certificates/{}/versions") - before, 2)
        before = requests("GET /certificates/issuers")
        issuers = list(self.client.list_issuers(max_results=1))
        self.assertEqual(requests("GET /certificates/issuers") - before, len(issuers))
        self.assertGreaterEqual(len(issuers), 2)
        for name in ("py-page-1", "py-page-2"):
            self.client.delete_certificate(name)
        before = requests("GET /deletedcertificates")
        deleted = list(self.client.list_deleted_certificates(max_results=1))
        self.assertGreaterEqual(len(deleted), 2)
        self.assertEqual(requests("GET /deletedcertificates") - before, len(deleted))
        with self.assertRaises(kvbridge.InvalidArgumentError):
            list(self.client.list_certificates(max_results=30))

    def test_missing_certificate(self):
        with self.assertRaises(kvbridge.NotFoundError) as caught:
            self.client.get_certificate("py-nothing")
        self.assertEqual(caught.exception.service_code, "CertificateNotFound")
        self.assertEqual(caught.exception.http_status, 404)

    def test_pending_operation(self):
        policy = {"issuerName": "Unknown", "subject": "CN=pending", "keyType": "RSA", "keySize": 2048}
        op = self.client.create_certificate("py-pending", policy, wait=False)
        self.assertEqual(op["status"], "inProgress")
        self.assertTrue(op["csr"])
        self.assertEqual(self.client.get_certificate_operation("py-pending")["name"], "py-pending")
        with self.assertRaises(kvbridge.KvbError):
            self.client.merge_certificate("py-pending", [b"\x30\x00"])
        self.assertTrue(self.client.cancel_certificate_operation("py-pending")["cancellationRequested"])
        self.client.delete_certificate_operation("py-pending")
        with self.assertRaises(kvbridge.NotFoundError):
            self.client.get_certificate_operation("py-pending")

    def test_delete_recover_backup_restore(self):
        self.client.create_certificate("py-life")
        backup = self.client.backup_certificate("py-life")
        self.assertIsInstance(backup, bytes)
        self.assertIn("recoveryId", self.client.delete_certificate("py-life"))
        self.assertEqual(self.client.get_deleted_certificate("py-life")["name"], "py-life")
        self.assertIn("py-life", names(self.client.list_deleted_certificates()))
        self.assertEqual(self.client.recover_deleted_certificate("py-life").name, "py-life")
        self.client.delete_certificate("py-life")
        self.client.purge_deleted_certificate("py-life")
        self.assertEqual(self.client.restore_certificate_backup(backup).name, "py-life")

    def test_issuers_and_contacts(self):
        issuer = self.client.create_issuer({"name": "py-issuer", "provider": "Test", "accountId": "a1",
                                            "password": "hunter2"})
        self.assertEqual(issuer["provider"], "Test")
        self.assertNotIn("hunter2", str(issuer))
        self.assertEqual(self.client.update_issuer({"name": "py-issuer", "accountId": "a2"})["accountId"], "a2")
        self.assertEqual(self.client.get_issuer("py-issuer")["accountId"], "a2")
        self.assertIn("py-issuer", names(self.client.list_issuers()))
        self.client.delete_issuer("py-issuer")
        with self.assertRaises(kvbridge.NotFoundError):
            self.client.get_issuer("py-issuer")
        stored = self.client.set_contacts([{"name": "Ops", "email": "ops@example.com"}])
        self.assertEqual(stored[0]["email"], "ops@example.com")
        self.assertEqual(self.client.get_contacts()[0]["name"], "Ops")
        self.assertEqual(len(self.client.delete_contacts()), 1)


if __name__ == "__main__":
    unittest.main()
