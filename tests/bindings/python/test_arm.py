# SPDX-License-Identifier: MIT
"""ArmClient through the Python binding, against the emulator's Resource Manager: a vault used on
the data plane under RBAC, idempotent grants, identities, Batch pools, typed errors."""
import os
import unittest

import kvbridge
from support import TENANT, credential, options

SUBSCRIPTION = "33333333-4444-5555-6666-777777777777"
GROUP = "/subscriptions/%s/resourceGroups/rg-py" % SUBSCRIPTION


class ArmTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.credential = credential()
        cls.client = kvbridge.ArmClient(SUBSCRIPTION, cls.credential, options(),
                                        endpoint="https://management.localhost:%s" % os.environ["KVB_EMULATOR_PORT"])

    @classmethod
    def tearDownClass(cls):
        cls.client.close()
        cls.credential.close()

    def test_vault_under_rbac_and_idempotent_grants(self):
        self.assertTrue(self.client.check_vault_name("py-arm-vault")["nameAvailable"])
        vault = self.client.create_vault("rg-py", "py-arm-vault", "westeurope", TENANT, tags={"team": "py"})
        self.assertTrue(vault["properties"]["enableRbacAuthorization"])
        self.assertEqual(vault["properties"]["provisioningState"], "Succeeded")
        self.assertEqual(self.client.get_vault("rg-py", "py-arm-vault")["id"], vault["id"])
        # The owner needs a data role of its own before it can write a secret.
        secrets = kvbridge.SecretClient(vault["properties"]["vaultUri"], self.credential, options())
        with self.assertRaises(kvbridge.ServiceError) as forbidden:
            secrets.set_secret("s", "v")
        self.assertEqual(forbidden.exception.http_status, 403)
        role = self.client.find_role_definition(vault["id"], "Key Vault Administrator")
        self.assertEqual(role["name"], kvbridge.KEY_VAULT_ADMINISTRATOR)
        first = self.client.create_role_assignment(vault["id"], "aaaaaaaa-bbbb-cccc-dddd-000000000001", role["name"])
        again = self.client.create_role_assignment(vault["id"], "aaaaaaaa-bbbb-cccc-dddd-000000000001", role["name"])
        self.assertEqual(first["name"], again["name"])
        secrets.set_secret("s", "v")
        self.assertEqual(secrets.get_secret("s").value, "v")
        listed = list(self.client.list_role_assignments(vault["id"], "aaaaaaaa-bbbb-cccc-dddd-000000000001"))
        self.assertIn(first["name"], [a["name"] for a in listed])
        permissions = self.client.get_permissions(vault["id"])
        self.assertTrue(kvbridge.permission_set_allows(permissions, "Microsoft.KeyVault/vaults/write"))
        self.assertTrue(kvbridge.permission_set_allows(
            permissions, "Microsoft.KeyVault/vaults/secrets/getSecret/action", data_action=True))
        self.assertTrue(self.client.delete_role_assignment(vault["id"], first["name"]))
        self.assertFalse(self.client.delete_role_assignment(vault["id"], first["name"]))
        secrets.close()
        self.assertTrue(self.client.delete_vault("rg-py", "py-arm-vault"))
        self.assertFalse(self.client.delete_vault("rg-py", "py-arm-vault"))
        with self.assertRaises(kvbridge.NotFoundError) as missing:
            self.client.get_vault("rg-py", "py-arm-vault")
        self.assertEqual(missing.exception.service_code, "ResourceNotFound")
        self.assertTrue(missing.exception.request_id)

    def test_identity_and_pool(self):
        identity = self.client.create_user_assigned_identity("rg-py", "py-id", "eastus", tags={"a": "b"})
        self.assertEqual(self.client.get_user_assigned_identity("rg-py", "py-id")["clientId"], identity["clientId"])
        account = self.client.get_batch_account("rg-py", "emubatch")
        self.assertIn("poolAllocationMode", account)
        pool = {"identity": {"type": "UserAssigned", "userAssignedIdentities": {identity["id"]: {}}},
                "properties": {"vmSize": "STANDARD_D2S_V3",
                               "deploymentConfiguration": {"virtualMachineConfiguration": {
                                   "imageReference": {"publisher": "canonical", "offer": "ubuntu-24_04-lts",
                                                      "sku": "server"},
                                   "nodeAgentSkuId": "batch.node.ubuntu 24.04"}},
                               "scaleSettings": {"fixedScale": {"targetDedicatedNodes": 1}}}}
        created = self.client.create_pool("rg-py", "emubatch", "py-arm-pool", pool)
        resolved = created["identity"]["userAssignedIdentities"][identity["id"]]
        self.assertEqual(resolved["clientId"], identity["clientId"])
        self.assertEqual(self.client.get_pool("rg-py", "emubatch", "py-arm-pool")["name"], "py-arm-pool")
        updated = self.client.update_pool("rg-py", "emubatch", "py-arm-pool", target_dedicated_nodes=2)
        self.assertEqual(updated["properties"]["scaleSettings"]["fixedScale"]["targetDedicatedNodes"], 2)
        with self.assertRaises(kvbridge.InvalidArgumentError):
            self.client.update_pool("rg-py", "emubatch", "py-arm-pool")
        self.client.delete_pool("rg-py", "emubatch", "py-arm-pool", timeout=30)
        with self.assertRaises(kvbridge.NotFoundError):
            self.client.get_pool("rg-py", "emubatch", "py-arm-pool")

    def test_checks_before_sending(self):
        with self.assertRaises(kvbridge.InvalidArgumentError):
            self.client.create_vault("rg-py", "bad_name", "westeurope", TENANT)
        with self.assertRaises(kvbridge.InvalidArgumentError):
            self.client.create_role_assignment(GROUP, "not-a-guid", kvbridge.KEY_VAULT_SECRETS_USER)
        with self.assertRaises(kvbridge.InvalidArgumentError):
            kvbridge.permission_set_allows({"permissions": 1}, "a")


if __name__ == "__main__":
    unittest.main()
