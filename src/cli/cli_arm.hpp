// SPDX-License-Identifier: MIT
#pragma once

// The Resource Manager commands: kvbridge vault create, kvbridge access grant|list|revoke.

#include "cli_options.hpp"

#include <kvbridge/context.hpp>

namespace kvbcli {

/**
 * Create the vault the options name and wait until it is provisioned; print it.
 * @return the exit status. @throws kvb::InvalidArgument for bad input (nothing sent yet), kvb::Error.
 */
int runVaultCreate(const Options& options, const kvb::Context& context);

/** access grant, list or revoke at the vault (or one of its secrets or certificates). As runVaultCreate(). */
int runAccess(const Options& options, const kvb::Context& context);

} // namespace kvbcli
