# SPDX-License-Identifier: MIT
"""Waits for long-running operations through the Python binding: the `timeout` argument,
OperationTimeoutError, and the pace of the polls as the emulator counts them (bounds, not speeds)."""
import re
import time
import unittest

import kvbridge
from support import control, credential, options, vault_url

UNKNOWN_ISSUER = {"issuerName": "Unknown", "subject": "CN=forever"}


def gets(operation):
    """Requests the emulator counted under byOperation `operation` since the last reset."""
    return control("counters")[1]["byOperation"].get(operation, 0)


class WaitsTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.cred = credential()
        url = vault_url("pywaits")
        cls.certificates = kvbridge.CertificateClient(url, cls.cred, options())
        cls.secrets = kvbridge.SecretClient(url, cls.cred, options())
        cls.keys = kvbridge.KeyClient(url, cls.cred, options())

    @classmethod
    def tearDownClass(cls):
        for client in (cls.certificates, cls.secrets, cls.keys, cls.cred):
            client.close()

    def tearDown(self):
        control("config", {"softDeleteDelayMs": 0})

    def test_unknown_issuer_create_times_out(self):
        control("counters/reset", {})
        start = time.monotonic()
        with self.assertRaises(kvbridge.OperationTimeoutError) as caught:
            self.certificates.create_certificate("py-forever", UNKNOWN_ISSUER, timeout=2)
        elapsed = time.monotonic() - start
        self.assertIsInstance(caught.exception, TimeoutError)
        self.assertEqual(caught.exception.status, -15)
        # The wait ended within the timeout and one interval (1 s), as the error says; the whole call,
        # with the create request (the emulator makes an RSA key), not an unbounded time later.
        waited = re.search(r"creation of certificate 'py-forever' is not done after ([0-9.]+) s", str(caught.exception))
        self.assertIsNotNone(waited)
        self.assertLessEqual(float(waited.group(1)), 3.0)
        self.assertLess(elapsed, 13.0)
        self.assertLessEqual(gets("GET /certificates/{}/pending"), 3)
        # The operation goes on at the service.
        self.assertEqual(self.certificates.get_certificate_operation("py-forever")["status"], "inProgress")

    def test_bad_timeouts_are_refused_before_any_request(self):
        control("counters/reset", {})
        for bad in (-1, float("nan")):
            with self.assertRaises(ValueError):
                self.secrets.delete_secret("py-never", timeout=bad)
        self.assertEqual(gets("DELETE /secrets/{}"), 0)

    def test_delete_and_recover_poll_about_once_a_second(self):
        control("config", {"softDeleteDelayMs": 3000})
        self.secrets.set_secret("py-slow", "v")
        control("counters/reset", {})
        self.secrets.delete_secret("py-slow")
        # At 0, 1, 2, 3 s and perhaps once more; 100 ms steps would make 30.
        self.assertTrue(2 <= gets("GET /deletedsecrets/{}") <= 5)
        control("counters/reset", {})
        self.secrets.recover_deleted_secret("py-slow")
        self.assertTrue(2 <= gets("GET /secrets/{}/") <= 5)

    def test_a_short_timeout_ends_a_slow_key_delete(self):
        control("config", {"softDeleteDelayMs": 3000})
        self.keys.create_key("py-slow", "RSA")
        with self.assertRaises(kvbridge.OperationTimeoutError) as caught:
            self.keys.delete_key("py-slow", timeout=0.5)
        self.assertIn("deletion of key 'py-slow'", str(caught.exception))


if __name__ == "__main__":
    unittest.main()
