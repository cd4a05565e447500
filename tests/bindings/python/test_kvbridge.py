# SPDX-License-Identifier: MIT
"""The Python binding against the emulator (run through tests/support/with_emulator.sh)."""
import os
import subprocess
import tempfile
import unittest

import kvbridge
from support import CLIENT, SECRET, TENANT, options, vault_url


class BindingTest(unittest.TestCase):

    def test_version_matches_the_abi(self):
        self.assertEqual(kvbridge.version(), "0.1.0")

    def test_client_secret_token_and_wrong_secret(self):
        with kvbridge.ClientSecretCredential(TENANT, CLIENT, SECRET, options()) as cred:
            token, expires = cred.get_token("https://vault.azure.net/.default")
            self.assertGreater(len(token), 20)
            self.assertGreater(expires, 1700000000)
        with kvbridge.ClientSecretCredential(TENANT, CLIENT, "not-the-secret", options()) as bad:
            with self.assertRaises(kvbridge.AuthenticationError) as caught:
                bad.get_token("https://vault.azure.net/.default")
            self.assertNotIn("not-the-secret", str(caught.exception))
            self.assertEqual(caught.exception.status, -8)

    def test_invalid_arguments_raise(self):
        with self.assertRaises(kvbridge.InvalidArgumentError):
            kvbridge.hex_to_x5t("xyz")
        with self.assertRaises(kvbridge.CryptoError):
            kvbridge.thumbprints(b"not a certificate")

    def test_thumbprints_of_a_pfx_match_openssl(self):
        with tempfile.TemporaryDirectory() as d:
            key, crt, pfx = (os.path.join(d, n) for n in ("k.pem", "c.pem", "c.pfx"))
            subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256",
                            "-nodes", "-keyout", key, "-out", crt, "-days", "2", "-subj", "/CN=py"],
                           check=True, capture_output=True)
            subprocess.run(["openssl", "pkcs12", "-export", "-inkey", key, "-in", crt, "-out", pfx,
                            "-passout", "pass:pw"], check=True, capture_output=True)
            fp = subprocess.run(["openssl", "x509", "-in", crt, "-noout", "-fingerprint", "-sha1"],
                                check=True, capture_output=True, text=True).stdout
            expected = fp.strip().split("=", 1)[1].replace(":", "")
            with open(pfx, "rb") as f:
                data = f.read()
            t = kvbridge.thumbprints(data, "pw")
            self.assertEqual(t["sha1_hex"], expected)
            self.assertTrue(t["has_private_key"])
            self.assertEqual(kvbridge.x5t_to_hex(t["x5t"]), expected)
            self.assertEqual(kvbridge.hex_to_x5t(expected), t["x5t"])
            with self.assertRaises(kvbridge.CryptoError) as caught:
                kvbridge.thumbprints(data, "wrong-pw")
            self.assertNotIn("wrong-pw", str(caught.exception))

    def test_secret_client_round_trip(self):
        vault = vault_url("pyvault")
        with kvbridge.ClientSecretCredential(TENANT, CLIENT, SECRET, options()) as cred, \
                kvbridge.SecretClient(vault, cred, options()) as client:
            stored = client.set_secret("py-secret", "py value \u00e9", content_type="text/plain")
            self.assertEqual(stored.name, "py-secret")
            got = client.get_secret("py-secret")
            self.assertEqual(got.value, "py value \u00e9")
            self.assertEqual(got.content_type, "text/plain")
            self.assertEqual(got.version, stored.version)
            self.assertEqual(client.get_secret("py-secret", stored.version).value, "py value \u00e9")
            self.assertIn("py-secret", list(client.list_secret_names()))
            client.delete_secret("py-secret")
            with self.assertRaises(kvbridge.NotFoundError) as caught:
                client.get_secret("py-secret")
            self.assertEqual(caught.exception.http_status, 404)
            self.assertEqual(caught.exception.service_code, "SecretNotFound")
            client.purge_deleted_secret("py-secret")
            with self.assertRaises(kvbridge.InvalidArgumentError):
                client.get_secret("not a valid name")

    def test_connect_to_application_id_and_api_version_reach_the_library(self):
        # The vault URL names a closed loopback port: only the connect_to mapping reaches the emulator.
        vault = "https://pyopts.vault.localhost:1"
        mapped = options(connect_to=["pyopts.vault.localhost:1:127.0.0.1:%s" % os.environ["KVB_EMULATOR_PORT"]],
                              application_id="py-options-test/7", connect_timeout_ms=5000, timeout_ms=30000,
                              retry_base_delay_ms=100, retry_max_delay_ms=1000, http2=False)
        lines = []
        kvbridge.set_log_handler(lambda level, line: lines.append(line), 0)
        try:
            with kvbridge.ClientSecretCredential(TENANT, CLIENT, SECRET, options()) as cred, \
                    kvbridge.SecretClient(vault, cred, mapped) as client:
                client.set_secret("py-opts", "through connect-to")
                self.assertEqual(client.get_secret("py-opts").value, "through connect-to")
        finally:
            kvbridge.set_log_handler(None)
        self.assertTrue(any("pyopts.vault.localhost" in l and "py-options-test/7" in l for l in lines))
        self.assertFalse(any("through connect-to" in l for l in lines))
        with kvbridge.ClientSecretCredential(TENANT, CLIENT, SECRET, options()) as cred, \
                kvbridge.SecretClient(vault, cred, options()) as client:
            with self.assertRaises(kvbridge.TransportError):
                client.get_secret("py-opts")
        vault = vault_url("pyvault")
        with kvbridge.ClientSecretCredential(TENANT, CLIENT, SECRET, options()) as cred:
            with self.assertRaises(kvbridge.InvalidArgumentError) as caught:
                kvbridge.SecretClient(vault, cred, options(api_version="1900-01-01"))
            self.assertIn("1900-01-01", str(caught.exception))

    def test_secret_client_refuses_a_closed_credential(self):
        cred = kvbridge.ClientSecretCredential(TENANT, CLIENT, SECRET, options())
        cred.close()
        with self.assertRaises(kvbridge.WrongHandleError):
            kvbridge.SecretClient("https://pyvault.vault.localhost:1", cred)


if __name__ == "__main__":
    unittest.main()
