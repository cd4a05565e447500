# SPDX-License-Identifier: MIT
"""Shared by the binding tests: emulator settings from with_emulator.sh."""
import os

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


def vault_url(vault):
    return "https://%s.vault.localhost:%s" % (vault, os.environ["KVB_EMULATOR_PORT"])


def emulator_url(path):
    return os.environ["KVB_EMULATOR_URL"] + path
