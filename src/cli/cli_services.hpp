// SPDX-License-Identifier: MIT
#pragma once

// Builds the Batch source and the vault store the CLI options describe.

#include "cli_options.hpp"

#include <kvbridge/migrate/batch_source.hpp>
#include <kvbridge/migrate/vault_store.hpp>

#include <memory>

namespace kvbcli {

/** @throws kvb::Error when the account URL, key or credentials are unusable. */
std::shared_ptr<const kvb::migrate::BatchSource> makeBatchSource(const Options& options);

/**
 * The vault; when the URL is unusable (e.g. not https), a store whose every call fails with that
 * reason, so the run still reports each certificate (also when no vault URL was given).
 */
std::shared_ptr<const kvb::migrate::VaultStore> makeVaultStore(const Options& options);

} // namespace kvbcli
