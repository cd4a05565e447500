# SPDX-License-Identifier: MIT
"""The Python binding against the emulator (run through tests/support/with_emulator.sh)."""
import os
import subprocess
import tempfile
import unittest

import kvbridge

TENANT = "11111111-2222-3333-4444-555555555555"
CLIENT = "aaaaaaaa-bbbb-cccc-dddd-000000000001"


class BindingTest(unittest.TestCase):
    def options(self, **extra):
        return kvbridge.ClientOptions(ca_file=os.environ["KVB_EMULATOR_CA"],
                                      authority_host=os.environ["KVB_AUTHORITY_HOST"], max_retries=0, **extra)

    def test_version_matches_the_abi(self):
        self.assertEqual(kvbridge.version(), "0.1.0")

    def test_client_secret_token_and_wrong_secret(self):
        with kvbridge.ClientSecretCredential(TENANT, CLIENT, "emulator-client-secret", self.options()) as cred:
            token, expires = cred.get_token("https://vault.azure.net/.default")
            self.assertGreater(len(token), 20)
            self.assertGreater(expires, 1700000000)
        with kvbridge.ClientSecretCredential(TENANT, CLIENT, "not-the-secret", self.options()) as bad:
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


if __name__ == "__main__":
    unittest.main()
