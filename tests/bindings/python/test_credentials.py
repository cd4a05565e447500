# SPDX-License-Identifier: MIT
"""Credentials and the new secret calls through the Python binding, against the emulator."""
import os
import tempfile
import unittest

import kvbridge
from support import (CLIENT, SCOPE, SECRET, TENANT, control, credential, emulator_url, names, options, requests,
                     vault_url)

CERT_CLIENT = "cccccccc-0000-0000-0000-00000000beef"
BATCH_KEY = "ZW11bGF0b3Itc2hhcmVkLWtleS1mb3Ita3ZicmlkZ2UtdGVzdHMtb25seSE="


def register_certificate(cert_pem):
    status, _ = control("entra/clients", {"clientId": CERT_CLIENT, "certificatePem": cert_pem})
    return status


class CredentialsTest(unittest.TestCase):
    def setUp(self):
        # Nothing here may reach the real metadata endpoint.
        os.environ["KVB_IMDS_ENDPOINT"] = emulator_url("/metadata/identity/oauth2/token")

    def assert_token(self, cred):
        token, expires = cred.get_token(SCOPE)
        self.assertGreater(len(token), 20)
        self.assertGreater(expires, 1700000000)

    def test_managed_identity_imds_and_app_service(self):
        imds = emulator_url("/metadata/identity/oauth2/token")
        with kvbridge.ManagedIdentityCredential(options(), imds_endpoint=imds, client_id="dd-1") as cred:
            self.assert_token(cred)
        with kvbridge.ManagedIdentityCredential(options(), imds_endpoint=imds,
                                                identity_endpoint=emulator_url("/msi/token"),
                                                identity_header="emulator-identity-header") as cred:
            self.assert_token(cred)
        with self.assertRaises(kvbridge.InvalidArgumentError):
            kvbridge.ManagedIdentityCredential(options(), imds_endpoint=imds, client_id="a", object_id="b")

    def test_environment_and_default_chain(self):
        os.environ.update({"AZURE_TENANT_ID": TENANT, "AZURE_CLIENT_ID": CLIENT})
        os.environ.pop("AZURE_CLIENT_SECRET", None)
        os.environ.pop("AZURE_CLIENT_CERTIFICATE_PATH", None)
        with kvbridge.EnvironmentCredential(options()) as cred:
            with self.assertRaises(kvbridge.AuthenticationError) as caught:
                cred.get_token(SCOPE)
            self.assertIn("AZURE_CLIENT_SECRET", caught.exception.message)
        os.environ["AZURE_CLIENT_SECRET"] = SECRET
        try:
            with kvbridge.EnvironmentCredential(options()) as cred:
                self.assert_token(cred)
            with kvbridge.DefaultAzureCredential(options()) as cred:
                self.assert_token(cred)
        finally:
            del os.environ["AZURE_CLIENT_SECRET"]
        with kvbridge.DefaultAzureCredential(options(), exclude_environment=True, exclude_workload_identity=True,
                                             exclude_azure_cli=True, managed_identity={
                                                 "imds_endpoint": emulator_url("/metadata/identity/oauth2/token")}
                                             ) as cred:
            self.assert_token(cred)
        with self.assertRaises(kvbridge.InvalidArgumentError):
            kvbridge.DefaultAzureCredential(options(), exclude_environment=True, exclude_workload_identity=True,
                                            exclude_managed_identity=True, exclude_azure_cli=True)

    def test_shared_key_is_for_batch_only(self):
        with kvbridge.SharedKeyCredential("emubatch", BATCH_KEY) as key:
            self.assertEqual(key.kind, kvbridge.Credential.SHARED_KEY)
            with self.assertRaises(kvbridge.InvalidArgumentError):
                key.get_token(SCOPE)
            with self.assertRaises(kvbridge.InvalidArgumentError):
                kvbridge.SecretClient(vault_url("pycred"), key, options())
        with self.assertRaises(kvbridge.InvalidArgumentError):
            kvbridge.SharedKeyCredential("emubatch", "not base64!!")
        with credential() as bearer:
            self.assertEqual(bearer.kind, kvbridge.Credential.TOKEN)

    def test_client_certificate_from_bytes_and_file(self):
        policy = {"issuerName": "Self", "subject": "CN=py-signer", "keyType": "RSA", "keySize": 2048,
                  "exportable": True, "contentType": "application/x-pem-file"}
        with credential() as bearer, kvbridge.CertificateClient(vault_url("pycred"), bearer, options()) as certs:
            certs.create_certificate("py-signer", policy)
            pem, content_type = certs.download_certificate("py-signer")
        self.assertEqual(content_type, "application/x-pem-file")
        text = pem.decode()
        begin = text.index("-----BEGIN CERTIFICATE-----")
        end = text.index("-----END CERTIFICATE-----") + len("-----END CERTIFICATE-----")
        self.assertLess(register_certificate(text[begin:end] + "\n"), 300)
        with kvbridge.ClientCertificateCredential(TENANT, CERT_CLIENT, certificate=pem, options=options()) as cred:
            self.assert_token(cred)
        with tempfile.NamedTemporaryFile(suffix=".pem") as f:
            f.write(pem)
            f.flush()
            with kvbridge.ClientCertificateCredential(TENANT, CERT_CLIENT, certificate_path=f.name,
                                                      send_certificate_chain=True, options=options()) as cred:
                self.assert_token(cred)
        with self.assertRaises(kvbridge.InvalidArgumentError):
            kvbridge.ClientCertificateCredential(TENANT, CERT_CLIENT, certificate_path="/nonexistent.pem",
                                                 options=options())

    def test_client_options_v2_fields(self):
        o = options(total_timeout_ms=30000, http2=False, max_idle_connections=2)
        with kvbridge.ClientSecretCredential(TENANT, CLIENT, SECRET, o) as cred:
            self.assert_token(cred)


class SecretsMoreTest(unittest.TestCase):
    def test_attributes_tags_and_managed(self):
        with credential() as cred, kvbridge.SecretClient(vault_url("pysecrets"), cred, options()) as client:
            stored = client.set_secret("py-attrs", "v", tags={"team": "py", "owner": "ops"}, enabled=True,
                                       expires_on=4102444800)
            for secret in (stored, client.get_secret("py-attrs")):
                self.assertEqual(secret.tags, {"team": "py", "owner": "ops"})
                self.assertIs(secret.managed, False)
                a = secret.attributes
                self.assertIs(a.enabled, True)
                self.assertEqual(a.expires_on, 4102444800)
                self.assertIsNone(a.not_before)
                self.assertGreater(a.created_on, 1700000000)
                self.assertGreaterEqual(a.updated_on, a.created_on)
                self.assertEqual((a.recoverable_days, a.recovery_level), (90, "Recoverable+Purgeable"))
            deleted = client.delete_secret("py-attrs")
            self.assertEqual(deleted["name"], "py-attrs")
            self.assertEqual(deleted["recoveryId"], vault_url("pysecrets") + "/deletedsecrets/py-attrs")
            self.assertEqual(deleted["tags"], {"team": "py", "owner": "ops"})
            self.assertEqual(deleted["scheduledPurgeDate"] - deleted["deletedOn"], 90 * 86400)

    def test_list_page_sizes_reach_the_service(self):
        with credential() as cred, kvbridge.SecretClient(vault_url("pypages"), cred, options()) as client:
            for value in ("1", "2", "3"):
                client.set_secret("py-paged", value)
            before = requests("GET /secrets/{}/versions")
            self.assertEqual(len(list(client.list_secret_versions("py-paged", max_results=1))), 3)
            self.assertEqual(requests("GET /secrets/{}/versions") - before, 3)
            before = requests("GET /secrets/{}/versions")
            self.assertEqual(len(list(client.list_secret_versions("py-paged"))), 3)
            self.assertEqual(requests("GET /secrets/{}/versions") - before, 1)
            client.set_secret("py-paged-2", "x")
            before = requests("GET /secrets")
            self.assertEqual(len(list(client.list_secret_properties(max_results=1))), 2)
            self.assertEqual(requests("GET /secrets") - before, 2)
            client.delete_secret("py-paged")
            client.delete_secret("py-paged-2")
            before = requests("GET /deletedsecrets")
            self.assertEqual(sorted(names(client.list_deleted_secrets(max_results=1))), ["py-paged", "py-paged-2"])
            self.assertEqual(requests("GET /deletedsecrets") - before, 2)
            with self.assertRaises(kvbridge.InvalidArgumentError):
                list(client.list_secret_properties(max_results=26))

    def test_versions_deleted_recover_backup(self):
        with credential() as cred, kvbridge.SecretClient(vault_url("pysecrets"), cred, options()) as client:
            first = client.set_secret("py-more", "one", content_type="text/plain", tags={"t": "1"})
            client.set_secret("py-more", "two")
            self.assertEqual(client.get_secret("py-more", first.version).value, "one")
            props = client.update_secret_properties("py-more", first.version, enabled=False)
            self.assertFalse(props["enabled"])
            self.assertEqual(len(list(client.list_secret_versions("py-more"))), 2)
            self.assertIn("py-more", names(client.list_secret_properties()))
            backup = client.backup_secret("py-more")
            self.assertIsInstance(backup, bytes)
            client.delete_secret("py-more")
            self.assertIn("recoveryId", client.get_deleted_secret("py-more"))
            self.assertIn("py-more", names(client.list_deleted_secrets()))
            self.assertEqual(client.recover_deleted_secret("py-more")["name"], "py-more")
            with self.assertRaises(kvbridge.ConflictError):
                client.restore_secret_backup(backup)
            client.delete_secret("py-more")
            client.purge_deleted_secret("py-more")
            self.assertEqual(client.restore_secret_backup(backup)["name"], "py-more")
            self.assertEqual(client.get_secret("py-more").value, "two")


if __name__ == "__main__":
    unittest.main()
