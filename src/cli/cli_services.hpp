// SPDX-License-Identifier: MIT
#pragma once

// Builds the Batch source and the vault store the CLI options describe.

#include "cli_options.hpp"

#include <kvbridge/http/pipeline.hpp>
#include <kvbridge/identity/token_credential.hpp>
#include <kvbridge/migrate/batch_source.hpp>
#include <kvbridge/migrate/vault_store.hpp>

#include <memory>

namespace kvbcli {

/** Transport options of every client: --ca-file, --connect-to, --timeout. */
kvb::http::ClientOptions clientOptions(const Options& options);

/**
 * DefaultAzureCredential, as users of the Azure tools expect: AZURE_* client secret or
 * certificate, workload identity, the host's managed identity (AZURE_CLIENT_ID names a
 * user-assigned one), then the Azure CLI. Every step trusts --ca-file and honours --connect-to.
 */
std::shared_ptr<const kvb::identity::TokenCredential> credential(const Options& options);

/**
 * Nothing is sent while these are built, so their errors are input errors.
 * @throws kvb::InvalidArgument when the account URL (absolute https), the key's variable or the
 * CA file is unusable.
 */
std::shared_ptr<const kvb::migrate::BatchSource> makeBatchSource(const Options& options);

/**
 * The vault; without a vault URL (inventory), a store whose every call fails saying so.
 * @throws kvb::InvalidArgument when the URL is not an absolute https URL or the CA file is unusable.
 */
std::shared_ptr<const kvb::migrate::VaultStore> makeVaultStore(const Options& options);

} // namespace kvbcli
