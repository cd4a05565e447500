// SPDX-License-Identifier: MIT
#pragma once

// The scale scenarios of kvbridge-bench: pager memory and a migration of many certificates.

#include <kvbridge/http/pipeline.hpp>
#include <kvbridge/identity/token_credential.hpp>

#include <memory>
#include <string>

#include "bench_report.hpp"
#include "emulator_control.hpp"

namespace kvb::bench {

/** @brief What every scenario needs to reach the emulator. */
struct Target {
    const EmulatorControl& control;
    int port = 0;
    std::shared_ptr<const identity::TokenCredential> credential;
    http::ClientOptions client;
    std::string vaultUrl(const std::string& vault) const;
};

/** @brief Seed @p items secrets into a fresh vault and list them all through the pager. */
PagerRun listThroughPager(const Target& target, long items);

/**
 * @brief Migrate @p certificates Batch certificates (referenced by @p pools pools) into a fresh
 * vault; with @p throttleWrites > 0 the emulator answers 429 past that many writes per 10 s.
 */
MigrationRun migrateAtScale(const Target& target, int certificates, int pools, int throttleWrites);

} // namespace kvb::bench
