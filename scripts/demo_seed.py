#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Seed the emulator's Batch account for scripts/demo.sh through its control plane
(emulator_control.py: HTTPS trusting the emulator's CA, standard library only).

Usage: demo_seed.py EMULATOR_URL CA_FILE ACCOUNT KEYDIR
KEYDIR/manifest.tsv lists "index<TAB>thumbprint<TAB>der-file" for every demo certificate.
Six pools (two Windows) and two job schedules reference them.
"""
import base64
import sys

from emulator_control import post


def refs(thumbprints, windows):
    return [{"thumbprint": t.lower(), "thumbprintAlgorithm": "sha1",
             "storeLocation": "localmachine" if windows else "currentuser",
             "storeName": "My" if windows else "My", "visibility": ["starttask", "task"]} for t in thumbprints]


def main():
    base, ca, account, keydir = sys.argv[1:5]
    certs = []
    with open(keydir + "/manifest.tsv") as manifest:
        for line in manifest:
            index, thumbprint, der = line.rstrip("\n").split("\t")
            with open(der, "rb") as f:
                certs.append((int(index), thumbprint, base64.b64encode(f.read()).decode()))
    post(base, ca, "batch/accounts", {"name": account})
    for _, thumbprint, data in certs:
        post(base, ca, "batch/accounts/%s/certificates" % account,
             {"thumbprint": thumbprint, "thumbprintAlgorithm": "sha1", "data": data, "certificateFormat": "cer"})
    thumbs = [t for _, t, _ in certs]
    linux = {"imageReference": {"publisher": "canonical", "offer": "0001-com-ubuntu-server-jammy",
                                "sku": "22_04-lts", "version": "latest"},
             "nodeAgentSKUId": "batch.node.ubuntu 22.04"}
    windows = {"imageReference": {"publisher": "microsoftwindowsserver", "offer": "windowsserver",
                                  "sku": "2022-datacenter", "version": "latest"},
               "nodeAgentSKUId": "batch.node.windows amd64"}
    pools = [("render", linux, thumbs[0:5]), ("ingest", linux, thumbs[5:10]), ("etl", linux, thumbs[10:15]),
             ("reports", windows, thumbs[15:20]), ("legacy-win", windows, thumbs[20:25]),
             ("shared", linux, thumbs[0:25:6])]
    for pool_id, vm, pool_thumbs in pools:
        post(base, ca, "batch/accounts/%s/pools" % account,
             {"id": pool_id, "vmSize": "standard_d2s_v3", "targetDedicatedNodes": 2,
              "virtualMachineConfiguration": vm,
              "startTask": {"commandLine": "/bin/sh -c 'echo ready'", "waitForSuccess": True},
              "metadata": [{"name": "owner", "value": "demo"}],
              "certificateReferences": refs(pool_thumbs, vm is windows)})
    for schedule_id, schedule_thumbs in (("nightly-render", thumbs[1:3]), ("weekly-audit", thumbs[16:18])):
        post(base, ca, "batch/accounts/%s/jobschedules" % account,
             {"id": schedule_id, "schedule": {"recurrenceInterval": "P1D"},
              "jobSpecification": {"poolInfo": {"autoPoolSpecification": {
                  "poolLifetimeOption": "job",
                  "pool": {"vmSize": "standard_d2s_v3", "virtualMachineConfiguration": linux,
                           "certificateReferences": refs(schedule_thumbs, False)}}}}})
    print("seeded %s: %d certificates, %d pools, 2 job schedules" % (account, len(certs), len(pools)))


if __name__ == "__main__":
    main()
