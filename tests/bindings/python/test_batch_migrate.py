# SPDX-License-Identifier: MIT
"""Batch and migration through the Python binding, against the emulator (with_emulator.sh)."""
import json
import os
import subprocess
import tempfile
import unittest

import kvbridge
from support import control, credential, options, requests, service_url, vault_url


def make_certificate(directory, name, pfx_password=None):
    """(thumbprint, DER bytes) of a new certificate; writes name.pem (certificate + key) or name.pfx."""
    key, crt = os.path.join(directory, name + ".key"), os.path.join(directory, name + ".crt")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                    "-keyout", key, "-out", crt, "-days", "2", "-subj", "/CN=" + name], check=True, capture_output=True)
    der = subprocess.run(["openssl", "x509", "-in", crt, "-outform", "der"], check=True, capture_output=True).stdout
    if pfx_password is None:
        with open(os.path.join(directory, name + ".pem"), "w") as out, open(crt) as c, open(key) as k:
            out.write(c.read() + k.read())
    else:
        subprocess.run(["openssl", "pkcs12", "-export", "-inkey", key, "-in", crt, "-passout", "pass:" + pfx_password,
                        "-out", os.path.join(directory, name + ".pfx")], check=True, capture_output=True)
    os.remove(key)
    os.remove(crt)
    return kvbridge.thumbprints(der)["sha1_hex"], der


class BatchMigrateTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.options = options()
        cls.credential = credential()
        cls.work = tempfile.TemporaryDirectory()
        cls.keys = os.path.join(cls.work.name, "keys")
        os.mkdir(cls.keys)
        cls.certs = [make_certificate(cls.keys, "pem-app"), make_certificate(cls.keys, "pfx-app", "pw-py"),
                     make_certificate(cls.keys, "pem-other"), make_certificate(cls.work.name, "keyless")]
        with open(os.path.join(cls.work.name, "passwords.json"), "w") as f:
            json.dump({"pfx-app.pfx": "pw-py"}, f)

    @classmethod
    def tearDownClass(cls):
        cls.credential.close()
        cls.work.cleanup()

    def client(self, account):
        control("batch/accounts", {"name": account})
        return kvbridge.BatchClient(service_url(account, "batch"), self.credential, self.options)

    def test_certificates_pools_and_errors(self):
        with self.client("pybatch") as batch:
            (t1, der1), (t2, der2) = self.certs[0], self.certs[1]
            batch.add_certificate(der1, "cer")
            batch.add_certificate(der2, "cer", thumbprint=t2)
            with self.assertRaises(kvbridge.ConflictError) as caught:
                batch.add_certificate(der1, "cer")
            self.assertEqual(caught.exception.service_code, "CertificateExists")
            self.assertEqual(caught.exception.http_status, 409)
            self.assertTrue(caught.exception.request_id)
            with self.assertRaises(kvbridge.InvalidArgumentError):
                batch.get_certificate("not-hex")
            with self.assertRaises(kvbridge.NotFoundError) as caught:
                batch.get_certificate("00" * 20)
            self.assertEqual(caught.exception.service_code, "CertificateNotFound")

            cert = batch.get_certificate(t1)
            self.assertEqual(cert.thumbprint.upper(), t1)
            self.assertEqual(cert.state, "active")
            self.assertEqual(cert.json["thumbprintAlgorithm"], "sha1")
            listed = list(batch.list_certificates(max_results=1))
            self.assertEqual(sorted(c.thumbprint.upper() for c in listed), sorted([t1, t2]))
            served = next(c.thumbprint for c in listed if c.thumbprint.upper() == t2)  # the service's spelling
            only = list(batch.list_certificates(filter="thumbprint eq '%s'" % served, select="thumbprint,state"))
            self.assertEqual([c.thumbprint.upper() for c in only], [t2])

            control("batch/accounts/pybatch/pools", {
                "id": "pypool", "vmSize": "standard_d2s_v3",
                "certificateReferences": [{"thumbprint": t1, "thumbprintAlgorithm": "sha1"}]})
            control("batch/accounts/pybatch/jobschedules", {
                "id": "pyschedule", "schedule": {"recurrenceInterval": "P1D"},
                "jobSpecification": {"poolInfo": {"autoPoolSpecification": {"poolLifetimeOption": "job", "pool": {
                    "vmSize": "standard_d2s_v3",
                    "certificateReferences": [{"thumbprint": t2, "thumbprintAlgorithm": "sha1"}]}}}}})
            pool = batch.get_pool("pypool")
            self.assertEqual([t.upper() for t in pool.certificate_references], [t1])
            self.assertEqual(pool.json["service"]["id"], "pypool")
            self.assertEqual([p.id for p in batch.list_pools()], ["pypool"])
            schedule = batch.get_job_schedule("pyschedule")
            self.assertEqual([t.upper() for t in schedule.certificate_references], [t2])
            self.assertEqual([s.id for s in batch.list_job_schedules()], ["pyschedule"])

            batch.delete_certificate(t1)
            failed = batch.get_certificate(t1)
            self.assertEqual((failed.state, failed.delete_error_code), ("deletefailed", "PoolsReferencingCertificate"))
            batch.cancel_delete_certificate(t1)
            self.assertEqual(batch.get_certificate(t1).state, "active")
            self.assertEqual(batch.clear_pool_certificate_references("pypool"), 1)
            self.assertEqual(batch.get_pool("pypool").certificate_references, [])
            batch.delete_certificate(t1)
            with self.assertRaises(kvbridge.NotFoundError):
                batch.get_certificate(t1)

            control("batch/accounts/pybatch/retired", {"enabled": True})
            with self.assertRaises(kvbridge.CertificateRetiredError) as caught:
                list(batch.list_certificates())
            self.assertEqual(caught.exception.service_code, "CertificateRetired")
            self.assertTrue(caught.exception.request_id)

    def test_pool_add_patch_delete_and_jobs(self):
        t1 = self.certs[0][0]
        with self.client("pypools") as batch:
            batch.add_pool({"id": "pyadded", "vmSize": "standard_d2s_v3", "displayName": "from Python",
                            "certificateReferences": [{"thumbprint": t1, "thumbprintAlgorithm": "sha1"}]})
            with self.assertRaises(kvbridge.ConflictError) as caught:
                batch.add_pool('{"id": "pyadded", "vmSize": "standard_d2s_v3"}')
            self.assertEqual(caught.exception.service_code, "PoolExists")
            with self.assertRaises(kvbridge.InvalidArgumentError):
                batch.add_pool({"vmSize": "standard_d2s_v3"})
            pool = batch.get_pool("pyadded")
            self.assertEqual((pool.vm_size, pool.json["displayName"]), ("standard_d2s_v3", "from Python"))
            batch.patch_pool("pyadded", {"displayName": "patched", "metadata": [{"name": "k", "value": "v"}]})
            patched = batch.get_pool("pyadded")
            self.assertEqual((patched.json["displayName"], patched.json["metadata"]), ("patched", {"k": "v"}))
            self.assertEqual([t.upper() for t in patched.certificate_references], [t1])
            with self.assertRaises(kvbridge.InvalidArgumentError):
                batch.patch_pool("pyadded", "[1]")
            batch.delete_pool("pyadded")
            with self.assertRaises(kvbridge.NotFoundError):
                batch.get_pool("pyadded")

            control("batch/accounts/pypools/jobs", {
                "id": "pyjob", "poolInfo": {"autoPoolSpecification": {"poolLifetimeOption": "job", "pool": {
                    "vmSize": "standard_d2s_v3",
                    "certificateReferences": [{"thumbprint": t1, "thumbprintAlgorithm": "sha1"}]}}}})
            control("batch/accounts/pypools/jobs", {"id": "pyjob2", "poolInfo": {"poolId": "elsewhere"}})
            job = batch.get_job("pyjob")
            self.assertEqual((job.id, job.state), ("pyjob", "active"))
            self.assertEqual([t.upper() for t in job.certificate_references], [t1])
            self.assertEqual(batch.get_job("pyjob2").json["poolId"], "elsewhere")
            with self.assertRaises(kvbridge.NotFoundError) as caught:
                batch.get_job("nojob")
            self.assertEqual(caught.exception.service_code, "JobNotFound")
            before = requests("GET /jobs")
            self.assertEqual(sorted(j.id for j in batch.list_jobs(max_results=1)), ["pyjob", "pyjob2"])
            self.assertEqual(requests("GET /jobs") - before, 2)
            self.assertEqual([j.id for j in batch.list_jobs(filter="id eq 'pyjob2'")], ["pyjob2"])

    def test_wrong_handles_raise(self):
        batch = self.client("pyclosed")
        batch.close()
        with self.assertRaises(kvbridge.WrongHandleError):
            batch.get_pool("x")

    def migrator(self, account):
        batch = self.client(account)
        for thumbprint, der in self.certs:
            batch.add_certificate(der, "cer")
        control("batch/accounts/%s/pools" % account, {
            "id": "web", "vmSize": "standard_d2s_v3",
            "virtualMachineConfiguration": {"imageReference": {"publisher": "canonical"},
                                            "nodeAgentSKUId": "batch.node.ubuntu 22.04"},
            "certificateReferences": [{"thumbprint": t, "thumbprintAlgorithm": "sha1"} for t, _ in self.certs]})
        migrator = kvbridge.Migrator(batch, vault_url(account), self.credential, self.options)
        batch.close()
        return migrator

    def test_migration_cancel_and_resume(self):
        with self.migrator("pymigrate") as migrator:
            inventory = migrator.inventory()
            self.assertEqual(sorted(inventory.thumbprints), sorted(t for t, _ in self.certs))
            self.assertEqual(inventory.pool_count, 1)
            self.assertEqual(inventory.to_json()["batchAccount"], "pymigrate")
            passwords = os.path.join(self.work.name, "passwords.json")
            with self.assertRaises(kvbridge.InvalidArgumentError):
                migrator.plan(inventory, [self.keys], passwords_file=passwords + ".missing")
            plan = migrator.plan(inventory, [self.keys], passwords_file=passwords)
            actions = {item.thumbprint: item.action for item in plan.items}
            self.assertEqual(actions, {self.certs[0][0]: "import", self.certs[1][0]: "import",
                                       self.certs[2][0]: "import", self.certs[3][0]: "missing-key-material"})
            self.assertEqual(len(plan.to_json()["items"]), 4)

            dry = migrator.execute(inventory, plan, dry_run=True)
            self.assertEqual(dry.count("planned"), 3)

            journal = os.path.join(self.work.name, "run", "journal.jsonl")
            seen = []
            with self.assertRaises(kvbridge.CancelledError):
                migrator.execute(inventory, plan, progress=lambda p: seen.append(p) or True, concurrency=1,
                                 journal_path=journal)
            self.assertGreaterEqual(len(seen), 1)
            self.assertIn(seen[0].thumbprint, actions)

            def boom(progress):
                raise RuntimeError("stop here")

            # Each rerun plans again: what reached the vault is already present then.
            def replan():
                inv = migrator.inventory()
                return inv, migrator.plan(inv, [self.keys], passwords_file=passwords)

            inventory, plan = replan()
            self.assertIn("already-present", [item.action for item in plan.items])
            with self.assertRaises(RuntimeError):
                migrator.execute(inventory, plan, progress=boom, concurrency=1, journal_path=journal)

            seen.clear()
            inventory, plan = replan()
            report_dir = os.path.join(self.work.name, "report")
            report = migrator.execute(inventory, plan, progress=seen.append, journal_path=journal,
                                      report_dir=report_dir, msi_client_id="00000000-0000-0000-0000-0000000000py")
            self.assertEqual((seen[-1].done, seen[-1].total), (4, 4))
            results = {item.thumbprint: item.result for item in report.items}
            self.assertEqual(results[self.certs[3][0]], "failed")
            imported = [i for i in report.items if i.thumbprint != self.certs[3][0]]
            self.assertTrue(all("/secrets/batch-" in i.secret_id for i in imported))
            self.assertFalse(report.complete)
            self.assertEqual(report.to_json()["schemaVersion"], 1)
            pools = report.pools_json()
            self.assertEqual(pools[0]["extension"]["type"], "KeyVaultForLinux")
            self.assertTrue(os.path.exists(os.path.join(report_dir, "report.json")))
            # Nothing was imported twice over the three runs.
            self.assertEqual(control("counters")[1]["byOperation"]["POST /certificates/{}/import"], 3)
            for closable in (report, plan, inventory, dry):
                closable.close()


if __name__ == "__main__":
    unittest.main()
