#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Migrate the certificates of a Batch account into Key Vault with the kvbridge Python binding.

Usage: migrate_demo.py BATCH_ACCOUNT_URL VAULT_URL KEY_DIR PASSWORDS_FILE REPORT_DIR [--dry-run]
Signs in with AZURE_TENANT_ID, AZURE_CLIENT_ID, AZURE_CLIENT_SECRET (and AZURE_AUTHORITY_HOST, an
emulator's login host); KVB_CA_FILE names a CA bundle to trust (an emulator's). scripts/demo.sh
makes a demo layout (scripts/demo_keys.sh, scripts/demo_seed.py) this script can migrate.
Exit status: 0 all migrated, 2 some certificates need attention, 1 failed.
"""
import os
import sys

import kvbridge


def main(argv):
    if len(argv) < 6:
        print(__doc__, file=sys.stderr)
        return 1
    batch_url, vault_url, key_dir, passwords, report_dir = argv[1:6]
    dry_run = "--dry-run" in argv[6:]
    options = kvbridge.ClientOptions(ca_file=os.environ.get("KVB_CA_FILE"),
                                     authority_host=os.environ.get("AZURE_AUTHORITY_HOST"),
                                     application_id="migrate-demo")
    with kvbridge.ClientSecretCredential(os.environ["AZURE_TENANT_ID"], os.environ["AZURE_CLIENT_ID"],
                                         os.environ["AZURE_CLIENT_SECRET"], options) as credential, \
            kvbridge.BatchClient(batch_url, credential, options) as batch, \
            kvbridge.Migrator(batch, vault_url, credential, options) as migrator:
        with migrator.inventory() as inventory:
            print("inventory: %d certificates, %d pools, %d job schedules"
                  % (len(inventory), inventory.pool_count, inventory.job_schedule_count))
            with migrator.plan(inventory, [key_dir], passwords_file=passwords) as plan:
                actions = {}
                for item in plan.items:
                    actions[item.action] = actions.get(item.action, 0) + 1
                print("plan: " + ", ".join("%d %s" % (n, a) for a, n in sorted(actions.items())))

                def progress(p):
                    print("  [%d/%d] %s %s" % (p.done, p.total, p.thumbprint, p.result))

                with migrator.execute(inventory, plan, progress=progress, dry_run=dry_run,
                                      journal_path=os.path.join(report_dir, "journal.jsonl"),
                                      report_dir=report_dir,
                                      msi_client_id="00000000-0000-0000-0000-00000000abcd") as report:
                    counts = {r: report.count(r) for r in ("planned", "succeeded", "skipped", "failed")}
                    print("results: " + ", ".join("%d %s" % (n, r) for r, n in counts.items()))
                    for pool in report.pools_json():
                        print("pool %s (%s): extension %s observing %d certificates"
                              % (pool["id"], pool["os"], pool["extension"]["type"],
                                 len(pool["extension"]["settings"]["secretsManagementSettings"]["observedCertificates"])))
                    print("report: " + os.path.join(report_dir, "report.md"))
                    return 0 if report.complete else 2


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv))
    except kvbridge.KvbError as e:
        print("migrate_demo: %s (status %d, service code %r, request id %r)"
              % (e.message, e.status, e.service_code, e.request_id), file=sys.stderr)
        sys.exit(1)
