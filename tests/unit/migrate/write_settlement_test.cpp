// SPDX-License-Identifier: MIT
// The migration's one write strategy, on a clock the test drives: a write is sent without replay,
// a lost reply is looked for at the settlement's pace until the store's write window closes, and
// only then is the write sent again, a bounded number of times.

#include <doctest/doctest.h>

#include <kvbridge/error.hpp>
#include <kvbridge/http/pipeline.hpp>
#include <kvbridge/migrate/journal.hpp>

#include <chrono>
#include <exception>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "fake_transport.hpp"
#include "fakes.hpp"
#include "migrate/write_settlement.hpp"

using namespace kvb::migrate;
using kvb::detail::WaitClock;
using kvb::detail::WriteSettlement;
using namespace std::chrono_literals;

namespace {

// Moves time forward by each pause asked for, and records the pauses; never sleeps.
struct FakeClock {
    kvb::detail::WallClock::time_point now = kvb::detail::WallClock::now();
    std::vector<std::chrono::milliseconds> pauses;

    WaitClock clock() {
        WaitClock c;
        c.now = [this] { return now; };
        c.sleep = [this](std::chrono::milliseconds d, const kvb::Context& context) {
            context.throwIfCancelled();
            pauses.push_back(d);
            now += d;
        };
        return c;
    }
};

struct Rig {
    kvb::test::FakeVault vault;
    Journal journal;
    kvb::detail::TokenBucket bucket{100, 10s};
    kvb::Context context;
    FakeClock clock;
    PlanItem item;
    std::vector<bool> replayAllowed; // per try sent: what the context given to the send said
    Rig() {
        item.thumbprint = "0123456789ABCDEF0123456789ABCDEF01234567";
        item.targetName = "batch-0123456789abcdef0123456789abcdef01234567";
        item.action = PlanAction::Import;
    }
    WriteSettlement settlement() { return WriteSettlement(vault, journal, bucket, context, clock.clock()); }

    // A send whose first @p lost tries lose their reply (and are not carried out).
    WriteSettlement::Send send(int lost) {
        return [this, lost](const kvb::Context& once) {
            replayAllowed.push_back(once.writeReplayAllowed());
            if (static_cast<int>(replayAllowed.size()) <= lost)
                throw kvb::http::TransportError("reply lost", 56);
            VaultObject written;
            written.id = "https://fake.vault.azure.net/certificates/" + item.targetName + "/v1";
            return written;
        };
    }

    std::vector<std::string> journaled() const {
        std::vector<std::string> out;
        for (const auto& r : journal.state().lastOf(CertificateStep::Import))
            out.push_back(std::string(toText(r.status)) + " " + r.detail);
        return out;
    }
};

} // namespace

TEST_SUITE("migrate::WriteSettlement") {
    TEST_CASE("a lost reply is looked for until the window closes, then sent again; no try is replayed") {
        Rig rig;
        rig.vault.window = {1000ms, 10000ms};
        bool uncertain = false;
        const VaultObject written = rig.settlement().write(rig.item, rig.send(1), uncertain);
        CHECK(written.id.find("/v1") != std::string::npos);
        CHECK(uncertain);
        // Looks at 0, 250 and 750 ms, and a last one when perTry (1 s) after the send is over.
        CHECK(rig.clock.pauses == std::vector<std::chrono::milliseconds>{250ms, 500ms, 250ms});
        // Every try went out without replay: the pipeline must not send it a second time itself.
        CHECK(rig.replayAllowed == std::vector<bool>{false, false});
        const auto state = rig.journal.state();
        REQUIRE(state.last(CertificateStep::Settle, rig.item.thumbprint));
        CHECK(state.last(CertificateStep::Settle, rig.item.thumbprint)->status == JournalStatus::Failed);
        CHECK(state.last(CertificateStep::Import, rig.item.thumbprint)->detail == "try 2");
    }

    TEST_CASE("through the pipeline, sent on another thread: a try whose reply is lost goes out once") {
        Rig rig;
        auto transport = std::make_shared<kvb::test::FakeTransport>();
        transport->fail(56).respond(201);
        kvb::http::ClientOptions options;
        options.transport = transport;
        options.retry.baseDelay = 1ms;
        const auto pipeline = kvb::http::buildPipeline(options, nullptr);
        // The send hands the request to another thread, as an asynchronous transport would.
        auto send = [&](const kvb::Context& once) {
            std::exception_ptr failure;
            std::thread sender([&] {
                try {
                    kvb::http::Request put(kvb::http::Method::Put, "https://fake.vault.azure.net/secrets/s");
                    pipeline->send(put, once);
                } catch (...) {
                    failure = std::current_exception();
                }
            });
            sender.join();
            if (failure) std::rethrow_exception(failure);
            return VaultObject{};
        };
        bool uncertain = false;
        rig.settlement().write(rig.item, send, uncertain);
        CHECK(uncertain);
        // One send per try: the pipeline left the lost one to the settlement, which looked once
        // (a zero write window) and sent it again.
        CHECK(transport->count() == 2);
        CHECK(rig.context.writeReplayAllowed()); // the run's own context is left as it was
    }

    TEST_CASE("replies lost on every try end the write after kWriteAttempts tries with the transport error") {
        Rig rig; // a zero write window: one look after each lost reply
        bool uncertain = false;
        CHECK_THROWS_AS(rig.settlement().write(rig.item, rig.send(100), uncertain),
                        kvb::http::TransportError);
        CHECK(rig.replayAllowed.size() == WriteSettlement::kWriteAttempts);
        CHECK(rig.clock.pauses.empty());
        CHECK(rig.vault.writes == 0);
    }

    TEST_CASE("a write an interrupted run left is waited for from its journaled time, not from now") {
        Rig rig;
        rig.vault.window = {1000ms, 10000ms};
        const auto now = rig.clock.now;
        // Sent a week ago: whatever the run that sent it could do is long over. One look.
        CHECK_FALSE(rig.settlement().settleInterrupted(rig.item, now - std::chrono::hours(24 * 7), now));
        CHECK(rig.clock.pauses.empty());
        // Sent just before this run started: looked for until perTry after the start.
        CHECK_FALSE(rig.settlement().settleInterrupted(rig.item, now - 500ms, now));
        std::chrono::milliseconds waited{0};
        for (auto p : rig.clock.pauses) waited += p;
        CHECK(waited == 1000ms);
        CHECK(rig.vault.writes == 0);
    }

    TEST_CASE("cancelling the run while a reply is outstanding ends the wait for it; nothing is sent again") {
        Rig rig;
        rig.vault.window = {1000ms, 10000ms};
        int sent = 0;
        auto send = [&](const kvb::Context&) -> VaultObject {
            ++sent;
            rig.context.cancel(); // Ctrl-C while the write is on its way
            throw kvb::http::TransportError("reply lost", 56);
        };
        bool uncertain = false;
        CHECK_THROWS_AS(rig.settlement().write(rig.item, send, uncertain), kvb::OperationCancelled);
        CHECK(sent == 1);
        CHECK(rig.clock.pauses.empty());
    }
}
