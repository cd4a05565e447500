/* SPDX-License-Identifier: MIT */
/**
 * @file kvbridge.h
 * @brief The kvbridge C ABI: stable, C99, for Python (ctypes), C# (P/Invoke) and vendor tools.
 * Include this header; it includes every part, one per area:
 * - core.h: statuses and errors, owned strings, versions, logging, client options, waits, the JSON
 *   pager, and the conventions every call follows (options, lists, JSON documents);
 * - credentials.h: ::kvb_credential (Entra ID credentials, the Batch shared key);
 * - pki.h: thumbprints;
 * - secrets.h, keys.h (with cryptography), certificates.h: Key Vault;
 * - batch.h: Azure Batch certificates, pools, job schedules and jobs;
 * - migrate.h: the migration of a Batch account's certificates into Key Vault;
 * - arm.h: Azure Resource Manager (vaults, role assignments, identities, Batch accounts and pools).
 */
#ifndef KVBRIDGE_H
#define KVBRIDGE_H

#include <kvbridge/core.h>
#include <kvbridge/credentials.h>
#include <kvbridge/pki.h>
#include <kvbridge/secrets.h>
#include <kvbridge/keys.h>
#include <kvbridge/certificates.h>
#include <kvbridge/batch.h>
#include <kvbridge/migrate.h>
#include <kvbridge/arm.h>

#endif /* KVBRIDGE_H */
