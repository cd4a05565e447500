// SPDX-License-Identifier: MIT
// The shared token cache with a fake clock: freshness, refresh margin, refresh_in, failures
// and one refresh for many concurrent callers.

#include <doctest/doctest.h>

#include <kvbridge/error.hpp>

#include <atomic>
#include <thread>

#include "identity/token_cache.hpp"

using namespace kvb;
using identity::AccessToken;
using identity::TokenCache;
using identity::TokenRequestContext;
using namespace std::chrono_literals;

namespace {

struct FakeClock {
    std::atomic<std::int64_t> seconds{1'000'000};
    TokenCache::TimePoint now() const { return TokenCache::TimePoint(std::chrono::seconds(seconds.load())); }
    void advance(std::chrono::seconds s) { seconds += s.count(); }
};

struct Counting {
    FakeClock& clock;
    std::chrono::seconds lifetime{3600};
    std::optional<std::chrono::seconds> refreshIn{};
    std::atomic<int> calls{0};
    bool fail = false;

    TokenCache::Fetch fetch() {
        return [this](const TokenRequestContext&, const Context&) {
            const int n = ++calls;
            if (fail) throw identity::AuthenticationError("token endpoint down");
            AccessToken t;
            t.token = SecretString("token-" + std::to_string(n));
            t.expiresOn = clock.now() + lifetime;
            if (refreshIn) t.refreshOn = clock.now() + *refreshIn;
            return t;
        };
    }
};

TokenRequestContext vault() {
    return {{"https://vault.azure.net/.default"}, "tenant-a"};
}

} // namespace

TEST_CASE("token cache: a fresh token is reused, refreshed 5 minutes before expiry") {
    FakeClock clock;
    TokenCache cache([&] { return clock.now(); });
    Counting source{clock};
    CHECK(cache.get(vault(), source.fetch(), {}).token.reveal() == "token-1");
    clock.advance(3600s - 5min - 1s);
    CHECK(cache.get(vault(), source.fetch(), {}).token.reveal() == "token-1");
    clock.advance(2s);
    CHECK(cache.get(vault(), source.fetch(), {}).token.reveal() == "token-2");
    CHECK(source.calls == 2);
}

TEST_CASE("token cache: keyed by scopes and tenant, scope order does not matter") {
    FakeClock clock;
    TokenCache cache([&] { return clock.now(); });
    Counting source{clock};
    cache.get({{"a/.default", "b/.default"}, "t"}, source.fetch(), {});
    cache.get({{"b/.default", "a/.default"}, "t"}, source.fetch(), {});
    CHECK(source.calls == 1);
    cache.get({{"a/.default", "b/.default"}, "other"}, source.fetch(), {});
    cache.get({{"a/.default"}, "t"}, source.fetch(), {});
    CHECK(source.calls == 3);
}

TEST_CASE("token cache: refresh_in decides when given; short tokens refresh half-way") {
    FakeClock clock;
    TokenCache cache([&] { return clock.now(); });
    Counting source{clock};
    source.refreshIn = 600s;
    cache.get(vault(), source.fetch(), {});
    clock.advance(599s);
    cache.get(vault(), source.fetch(), {});
    CHECK(source.calls == 1);
    clock.advance(2s);
    cache.get(vault(), source.fetch(), {});
    CHECK(source.calls == 2);

    Counting shortLived{clock};
    shortLived.lifetime = 60s;
    TokenCache other([&] { return clock.now(); });
    other.get(vault(), shortLived.fetch(), {});
    clock.advance(29s);
    other.get(vault(), shortLived.fetch(), {});
    CHECK(shortLived.calls == 1);
    clock.advance(2s);
    other.get(vault(), shortLived.fetch(), {});
    CHECK(shortLived.calls == 2);
}

TEST_CASE("token cache: a failed refresh returns the old token while it is valid, then the error") {
    FakeClock clock;
    TokenCache cache([&] { return clock.now(); });
    Counting source{clock};
    cache.get(vault(), source.fetch(), {});
    clock.advance(3600s - 60s); // inside the refresh margin, not expired
    source.fail = true;
    CHECK(cache.get(vault(), source.fetch(), {}).token.reveal() == "token-1");
    CHECK(source.calls == 2);
    clock.advance(61s); // expired now
    CHECK_THROWS_AS(cache.get(vault(), source.fetch(), {}), identity::AuthenticationError);
}

TEST_CASE("token cache: forceRefresh bypasses a fresh token") {
    FakeClock clock;
    TokenCache cache([&] { return clock.now(); });
    Counting source{clock};
    cache.get(vault(), source.fetch(), {});
    auto forced = vault();
    forced.forceRefresh = true;
    CHECK(cache.get(forced, source.fetch(), {}).token.reveal() == "token-2");
    CHECK(cache.get(vault(), source.fetch(), {}).token.reveal() == "token-2");
}

TEST_CASE("token cache: 8 threads on an expired entry cause one fetch and all get its token") {
    FakeClock clock;
    TokenCache cache([&] { return clock.now(); });
    Counting source{clock};
    cache.get(vault(), source.fetch(), {});
    clock.advance(7200s);
    std::atomic<int> started{0};
    auto slow = [&](const TokenRequestContext& r, const Context& c) {
        // Hold the refresh until every thread has at least started, so they pile up behind it.
        while (started.load() < 8) std::this_thread::yield();
        std::this_thread::sleep_for(20ms);
        return source.fetch()(r, c);
    };
    std::vector<std::thread> threads;
    std::vector<std::string> got(8);
    for (int i = 0; i < 8; ++i)
        threads.emplace_back([&, i] {
            ++started;
            got[static_cast<std::size_t>(i)] = std::string(cache.get(vault(), slow, {}).token.reveal());
        });
    for (auto& t : threads) t.join();
    CHECK(source.calls == 2);
    for (const auto& g : got) CHECK(g == "token-2");
}

TEST_CASE("token cache: waiters share the failure of the one refresh") {
    FakeClock clock;
    TokenCache cache([&] { return clock.now(); });
    Counting source{clock};
    source.fail = true;
    std::atomic<int> started{0};
    auto slow = [&](const TokenRequestContext& r, const Context& c) {
        while (started.load() < 4) std::this_thread::yield();
        std::this_thread::sleep_for(20ms);
        return source.fetch()(r, c);
    };
    std::atomic<int> failures{0};
    std::vector<std::thread> threads;
    for (int i = 0; i < 4; ++i)
        threads.emplace_back([&] {
            ++started;
            try {
                cache.get(vault(), slow, {});
            } catch (const identity::AuthenticationError&) {
                ++failures;
            }
        });
    for (auto& t : threads) t.join();
    CHECK(failures == 4);
    CHECK(source.calls >= 1);
    CHECK(source.calls <= 4);
}

TEST_CASE("token cache: a cancelled caller stops waiting") {
    FakeClock clock;
    TokenCache cache([&] { return clock.now(); });
    Context context;
    context.cancel();
    Counting source{clock};
    CHECK_THROWS_AS(cache.get(vault(), source.fetch(), context), OperationCancelled);
    CHECK(source.calls == 0);
}
