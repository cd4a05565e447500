// SPDX-License-Identifier: MIT
// One SecretClient (one pipeline, one credential, one challenge cache) shared by many threads,
// from a cold start: the first calls race through challenge auth and the token cache together.
// Run under ThreadSanitizer by `scripts/test.sh --tsan` (suite 'concurrency').

#include <kvbridge/keyvault/secret_client.hpp>

#include <doctest/doctest.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "credentials.hpp"
#include "emulator.hpp"

using namespace kvb;

TEST_CASE("eight threads share one secret client from a cold start: one token request, no lost write") {
    auto& emu = test::Emulator::shared();
    keyvault::KeyVaultClientOptions options;
    options.client = test::emulatorClientOptions();
    const keyvault::SecretClient client(emu.vaultUrl("shared-client"), test::emulatorCredential(), options);
    emu.control("POST", "counters/reset");

    constexpr int kThreads = 8;
    constexpr int kRounds = 5;
    std::atomic<int> matched{0};
    std::atomic<int> failed{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t)
        threads.emplace_back([&, t] {
            for (int i = 0; i < kRounds; ++i) {
                const std::string name = "s-" + std::to_string(t) + "-" + std::to_string(i);
                const std::string value = "value of " + name;
                try {
                    client.setSecret(name, SecretString(value));
                    const auto got = client.getSecret(name);
                    if (got.value.value.reveal() == value) ++matched;
                } catch (const Error&) {
                    ++failed;
                }
            }
        });
    for (auto& thread : threads) thread.join();

    CHECK(failed == 0);
    CHECK(matched == kThreads * kRounds);
    CHECK(emu.counter("tokenRequests") == 1);
    std::size_t listed = 0;
    for (const auto& item : client.listPropertiesOfSecrets()) listed += item.name.rfind("s-", 0) == 0 ? 1 : 0;
    CHECK(listed == kThreads * kRounds);
}
