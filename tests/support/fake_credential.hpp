// SPDX-License-Identifier: MIT
#pragma once

// A TokenCredential that hands out "token-<n>" and records what it was asked.

#include <kvbridge/identity/token_credential.hpp>

#include <mutex>
#include <vector>

namespace kvb::test {

class FakeCredential final : public identity::TokenCredential {
public:
    identity::AccessToken getToken(const identity::TokenRequestContext& request,
                                   const Context&) const override {
        std::lock_guard lock(mutex_);
        requests_.push_back(request);
        identity::AccessToken token;
        token.token = SecretString("token-" + std::to_string(requests_.size()));
        token.expiresOn = std::chrono::system_clock::now() + std::chrono::hours(1);
        return token;
    }
    std::string name() const override { return "FakeCredential"; }
    std::vector<identity::TokenRequestContext> requests() const {
        std::lock_guard lock(mutex_);
        return requests_;
    }

private:
    mutable std::mutex mutex_;
    mutable std::vector<identity::TokenRequestContext> requests_;
};

} // namespace kvb::test
