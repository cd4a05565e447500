// SPDX-License-Identifier: MIT
#include "identity/token_cache.hpp"

#include <kvbridge/error.hpp>

#include <algorithm>
#include <condition_variable>
#include <exception>
#include <optional>
#include <vector>

namespace kvb::identity {

struct TokenCache::Entry {
    /** How the last refresh ended. */
    enum class Outcome {
        Fresh,     ///< a new token is cached
        Failed,    ///< the service or transport failed: waiters share the error
        Abandoned, ///< the refreshing caller was cancelled: waiters try on their own
    };
    std::mutex mutex;
    std::condition_variable changed;
    std::optional<AccessToken> token;
    TimePoint refreshAt{};
    bool refreshing = false;
    std::uint64_t generation = 0; ///< bumped when a refresh ends, whatever its outcome
    Outcome outcome = Outcome::Abandoned;
    std::exception_ptr lastError; ///< the error of the last refresh, when it failed
};

TokenCache::TokenCache(Clock clock) : clock_(std::move(clock)) {}
TokenCache::~TokenCache() = default;

TokenCache::TimePoint TokenCache::now() const {
    return clock_ ? clock_() : std::chrono::system_clock::now();
}

TokenCache::TimePoint TokenCache::refreshAt(const AccessToken& token, TimePoint acquired) {
    if (token.refreshOn) return std::min(*token.refreshOn, token.expiresOn);
    const TimePoint early = token.expiresOn - kRefreshMargin;
    // A token that lives less than the margin is refreshed half-way through its life, rather
    // than on every call.
    if (early <= acquired) return acquired + (token.expiresOn - acquired) / 2;
    return early;
}

namespace {

// The cache key: the tenant and the sorted scopes, one per line.
void writeKey(const TokenRequestContext& request, std::string& key) {
    key.assign(request.tenantId);
    if (request.scopes.size() == 1) { // the usual case: nothing to sort
        key += '\n';
        key += request.scopes.front();
        return;
    }
    std::vector<std::string> scopes = request.scopes;
    std::sort(scopes.begin(), scopes.end());
    for (const auto& s : scopes) {
        key += '\n';
        key += s;
    }
}

} // namespace

std::shared_ptr<TokenCache::Entry> TokenCache::entry(const TokenRequestContext& request) const {
    // The key is built in a per-thread buffer: a lookup of a known entry allocates nothing.
    thread_local std::string key;
    writeKey(request, key);
    std::lock_guard lock(mutex_);
    auto& slot = entries_[key];
    if (!slot) slot = std::make_shared<Entry>();
    return slot;
}

AccessToken TokenCache::get(const TokenRequestContext& request, const Fetch& fetch,
                            const Context& context) const {
    auto e = entry(request);
    std::unique_lock lock(e->mutex);
    std::uint64_t arrived = e->generation;
    for (;;) {
        context.throwIfCancelled();
        const TimePoint t = now();
        // A refresh that ended while we waited is the answer for us too, even a forced one.
        if (e->generation != arrived) {
            if (e->outcome == Entry::Outcome::Fresh) return *e->token;
            if (e->outcome == Entry::Outcome::Failed) {
                if (e->token && t < e->token->expiresOn) return *e->token;
                std::rethrow_exception(e->lastError);
            }
            arrived = e->generation;
        }
        if (!request.forceRefresh && e->token && t < e->refreshAt) return *e->token;
        if (!e->refreshing) break;
        // Someone else is refreshing: wait in short slices so cancellation is noticed.
        e->changed.wait_for(lock, std::chrono::milliseconds(50));
    }

    e->refreshing = true;
    lock.unlock();
    std::optional<AccessToken> fresh;
    std::exception_ptr failure;
    Entry::Outcome outcome = Entry::Outcome::Fresh;
    try {
        fresh = fetch(request, context);
    } catch (const OperationCancelled&) {
        failure = std::current_exception();
        outcome = Entry::Outcome::Abandoned;
    } catch (...) {
        failure = std::current_exception();
        outcome = Entry::Outcome::Failed;
    }
    lock.lock();
    e->refreshing = false;
    ++e->generation;
    e->outcome = outcome;
    e->lastError = failure;
    if (fresh) {
        e->refreshAt = refreshAt(*fresh, now());
        e->token = std::move(fresh);
    }
    e->changed.notify_all();
    if (failure) {
        if (e->token && now() < e->token->expiresOn) return *e->token;
        std::rethrow_exception(failure);
    }
    return *e->token;
}

} // namespace kvb::identity
