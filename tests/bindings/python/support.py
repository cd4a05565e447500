# SPDX-License-Identifier: MIT
"""Shared by the binding tests: emulator settings from with_emulator.sh, its control plane, client set-up."""
import json
import os
import ssl
import unittest
import urllib.request

import kvbridge

TENANT = "11111111-2222-3333-4444-555555555555"
CLIENT = "aaaaaaaa-bbbb-cccc-dddd-000000000001"
SECRET = "emulator-client-secret"
SCOPE = "https://vault.azure.net/.default"


def options(**extra):
    return kvbridge.ClientOptions(ca_file=os.environ["KVB_EMULATOR_CA"],
                                  authority_host=os.environ["KVB_AUTHORITY_HOST"], max_retries=0, **extra)


def credential():
    return kvbridge.ClientSecretCredential(TENANT, CLIENT, SECRET, options())


def service_url(name, kind):
    """https://{name}.{kind}.localhost:{port} (kind: "vault", "batch")."""
    return "https://%s.%s.localhost:%s" % (name, kind, os.environ["KVB_EMULATOR_PORT"])


def vault_url(vault):
    return service_url(vault, "vault")


def emulator_url(path):
    return os.environ["KVB_EMULATOR_URL"] + path


def control(path, body=None):
    """POST @body (JSON) to the emulator's control plane, GET without one: (HTTP status, parsed reply)."""
    context = ssl.create_default_context(cafile=os.environ["KVB_EMULATOR_CA"])
    request = urllib.request.Request(emulator_url("/_emulator/" + path),
                                     data=None if body is None else json.dumps(body).encode(),
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, context=context) as reply:
        return reply.status, json.loads(reply.read() or b"null")


def requests(operation):
    """How many requests of @operation (e.g. "GET /secrets") the emulator has served."""
    return control("counters")[1]["byOperation"].get(operation, 0)


def names(items, field="name"):
    """@field of every JSON item of a pager, fetched to the end."""
    return [item[field] for item in items]


class VaultClientTest(unittest.TestCase):
    """One client (CLIENT_CLASS) of the vault VAULT and its credential, for every test of the class."""
    CLIENT_CLASS = None
    VAULT = None

    @classmethod
    def setUpClass(cls):
        cls.cred = credential()
        cls.client = cls.CLIENT_CLASS(vault_url(cls.VAULT), cls.cred, options())

    @classmethod
    def tearDownClass(cls):
        cls.client.close()
        cls.cred.close()
