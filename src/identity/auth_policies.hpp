// SPDX-License-Identifier: MIT
#pragma once

// Factories for the authentication policies that clients put in their pipelines.

#include <kvbridge/http/pipeline.hpp>
#include <kvbridge/identity/shared_key_credential.hpp>
#include <kvbridge/identity/token_credential.hpp>

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace kvb::identity {

struct BearerPolicyOptions {
    /** Allow tokens over plain http to loopback hosts (emulators); never to other hosts. */
    bool allowHttpLoopback = false;
};

/** Bearer token for fixed @p scopes; on 401 gets a fresh token and retries once. */
std::shared_ptr<const http::Policy> makeBearerPolicy(std::shared_ptr<const TokenCredential> credential,
                                                     std::vector<std::string> scopes,
                                                     BearerPolicyOptions options = {});

struct ChallengePolicyOptions {
    /** Check that the challenge's resource host is a dot-suffix of the vault host. */
    bool verifyChallengeResource = true;
};

/** Key Vault challenge-based bearer authentication (scope and tenant learned per vault host). */
std::shared_ptr<const http::Policy> makeChallengePolicy(std::shared_ptr<const TokenCredential> credential,
                                                        ChallengePolicyOptions options = {});

/** Batch Shared Key signing (sets ocp-date, signs each try). */
std::shared_ptr<const http::Policy>
makeSharedKeyPolicy(std::shared_ptr<const SharedKeyCredential> credential);

/** Same, with the clock that dates each request injected (tests); null: the system clock. */
std::shared_ptr<const http::Policy>
makeSharedKeyPolicy(std::shared_ptr<const SharedKeyCredential> credential,
                    std::function<std::chrono::system_clock::time_point()> clock);

} // namespace kvb::identity
