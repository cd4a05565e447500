// SPDX-License-Identifier: MIT
#pragma once

// The token cache every credential uses: one entry per scopes+tenant, refreshed ahead of expiry,
// one refresh at a time per entry (the other callers wait for it), and the old token kept when a
// refresh fails while it is still valid.

#include <kvbridge/context.hpp>
#include <kvbridge/identity/token_credential.hpp>

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>

namespace kvb::identity {

class TokenCache {
public:
    using TimePoint = std::chrono::system_clock::time_point;
    using Clock = std::function<TimePoint()>;
    using Fetch = std::function<AccessToken(const TokenRequestContext&, const Context&)>;

    /** How long before expiry a token is refreshed when the service gave no refresh_in. */
    static constexpr std::chrono::minutes kRefreshMargin{5};

    /** @p clock: null means the system clock (tests inject a fake one). */
    explicit TokenCache(Clock clock = {});
    ~TokenCache();
    TokenCache(const TokenCache&) = delete;
    TokenCache& operator=(const TokenCache&) = delete;

    /**
     * A token for @p request: the cached one while fresh, else the result of @p fetch, which runs
     * once for all concurrent callers of the same key. A fetch that fails while the cached token
     * has not expired yields the cached token; otherwise its error reaches every waiter.
     */
    AccessToken get(const TokenRequestContext& request, const Fetch& fetch, const Context& context) const;

    /** When a token fetched at @p acquired should be refreshed. */
    static TimePoint refreshAt(const AccessToken& token, TimePoint acquired);

private:
    struct Entry;
    std::shared_ptr<Entry> entry(const TokenRequestContext& request) const;
    TimePoint now() const;

    Clock clock_;
    mutable std::mutex mutex_;
    mutable std::map<std::string, std::shared_ptr<Entry>> entries_;
};

} // namespace kvb::identity
