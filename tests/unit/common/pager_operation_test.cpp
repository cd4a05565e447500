// SPDX-License-Identifier: MIT
#include <chrono>
#include <optional>
#include <string>
#include <thread>

#include <doctest/doctest.h>

#include <kvbridge/operation.hpp>
#include <kvbridge/pager.hpp>
#include <kvbridge/secret_string.hpp>

using namespace kvb;

TEST_SUITE("kvb::Pager") {
    TEST_CASE("page-by-page walk holds one page and stops after the last") {
        int fetches = 0;
        Pager<int> pager(
            [&](const std::optional<std::string>& next, const Context&) {
                ++fetches;
                Page<int> p;
                if (!next) {
                    p.items = {1, 2};
                    p.nextLink = "2";
                } else {
                    p.items = {3};
                }
                return p;
            },
            {});
        CHECK(fetches == 0);
        REQUIRE(pager.hasPage());
        CHECK(pager.page().items.size() == 2);
        pager.moveToNextPage();
        REQUIRE(pager.hasPage());
        CHECK(pager.page().items == std::vector<int>{3});
        pager.moveToNextPage();
        CHECK_FALSE(pager.hasPage());
        CHECK(fetches == 2);
    }
}

namespace {

using std::chrono::hours;
using std::chrono::milliseconds;

// A poll that is never done; counts its calls and answers with @p hint as Retry-After.
Operation<int>::Poll neverDone(int& polls, std::optional<milliseconds> hint = std::nullopt) {
    return [&polls, hint](const Context&) {
        ++polls;
        PollResult<int> r;
        r.value = polls;
        r.retryAfter = hint;
        return r;
    };
}

} // namespace

TEST_SUITE("kvb::Operation") {
    TEST_CASE("pollUntilDone polls until done and keeps the value and resume token") {
        int polls = 0;
        Operation<std::string> op(
            [&](const Context&) {
                ++polls;
                PollResult<std::string> r;
                r.done = polls == 3;
                r.value = "state" + std::to_string(polls);
                r.retryAfter = milliseconds(1);
                return r;
            },
            "token-1", "test operation");
        CHECK_FALSE(op.hasValue());
        CHECK_THROWS_AS(op.value(), InvalidArgument);
        CHECK(op.pollUntilDone({.interval = milliseconds(1)}) == "state3");
        CHECK(op.isDone());
        CHECK(op.resumeToken() == "token-1");
    }

    TEST_CASE("by default a poller waits a second between polls, for at most ten minutes") {
        CHECK(PollOptions{}.interval == std::chrono::seconds(1));
        CHECK(PollOptions{}.timeout == std::chrono::minutes(10));
    }

    TEST_CASE("pollUntilDone stops with OperationCancelled when the context is cancelled") {
        Context ctx;
        Operation<int> op([](const Context&) { return PollResult<int>{}; }, "t", "test operation");
        ctx.cancel();
        CHECK_THROWS_AS(op.pollUntilDone({.interval = milliseconds(1)}, ctx), OperationCancelled);
    }

    TEST_CASE("past its timeout pollUntilDone throws OperationTimeoutError, and the operation goes on") {
        int polls = 0;
        bool finished = false;
        Operation<int> op(
            [&](const Context&) {
                ++polls;
                return PollResult<int>{finished, polls, std::nullopt};
            },
            "t", "creation of certificate 'web'");
        try {
            op.pollUntilDone({.interval = milliseconds(20), .timeout = milliseconds(100)});
            FAIL("no timeout");
        } catch (const OperationTimeoutError& e) {
            CHECK(e.kind() == ErrorKind::Timeout);
            CHECK(e.polls() == polls);
            // One poll per interval at most (a loaded machine makes fewer), none after the deadline.
            CHECK(polls >= 1);
            CHECK(polls <= 6);
            const std::string what = e.what();
            CHECK(what.find("creation of certificate 'web' is not done after ") == 0);
            CHECK(what.find(std::to_string(polls) + (polls == 1 ? " poll)" : " polls)")) !=
                  std::string::npos);
        }
        CHECK_FALSE(op.isDone());
        finished = true;
        CHECK(op.pollUntilDone({.interval = milliseconds(1)}) == polls);
        CHECK(op.isDone());
    }

    TEST_CASE("the service's Retry-After wins over the interval, longer or shorter") {
        int polls = 0;
        Operation<int> slow(neverDone(polls, hours(1)), "t", "slow");
        CHECK_THROWS_AS(slow.pollUntilDone({.interval = milliseconds(1), .timeout = milliseconds(200)}),
                        OperationTimeoutError);
        CHECK(polls == 1);

        // An hour's interval would time out after the first poll; the service's 1 ms hint does not.
        polls = 0;
        Operation<int> quick(
            [&](const Context&) {
                ++polls;
                return PollResult<int>{polls == 3, polls, milliseconds(1)};
            },
            "t", "quick");
        CHECK(quick.pollUntilDone({.interval = hours(1), .timeout = std::chrono::minutes(1)}) == 3);
    }

    TEST_CASE("without a Retry-After the interval paces the polls") {
        int polls = 0;
        Operation<int> op(neverDone(polls), "t", "unhinted");
        CHECK_THROWS_AS(op.pollUntilDone({.interval = hours(1), .timeout = milliseconds(200)}),
                        OperationTimeoutError);
        CHECK(polls == 1);
    }

    TEST_CASE("the starting call's Retry-After paces the first poll") {
        int polls = 0;
        PollResult<int> started;
        started.retryAfter = hours(1);
        Operation<int> op(neverDone(polls), "t", "started", started);
        try {
            op.pollUntilDone({.interval = milliseconds(1), .timeout = milliseconds(200)});
            FAIL("no timeout");
        } catch (const OperationTimeoutError& e) {
            CHECK(e.polls() == 0);
        }
        CHECK(polls == 0);

        // A starting call that knows it is done needs no poll at all.
        Operation<int> done(neverDone(polls), "t", "done", PollResult<int>{true, 7, std::nullopt});
        CHECK(done.pollUntilDone() == 7);
        CHECK(polls == 0);
    }

    TEST_CASE("cancelling the context ends a long Retry-After pause at once") {
        int polls = 0;
        Operation<int> op(neverDone(polls, hours(1)), "t", "paused");
        Context ctx;
        std::thread canceller([ctx] {
            std::this_thread::sleep_for(milliseconds(100));
            ctx.cancel();
        });
        // Without an interruptible pause this would sleep for an hour.
        CHECK_THROWS_AS(op.pollUntilDone({.timeout = milliseconds::max()}, ctx), OperationCancelled);
        canceller.join();
        CHECK(polls == 1);
    }

    TEST_CASE("a timeout of milliseconds::max() means no limit; negative values are refused") {
        int polls = 0;
        Operation<int> op(
            [&](const Context&) {
                ++polls;
                return PollResult<int>{polls == 3, polls, milliseconds(1)};
            },
            "t", "unbounded");
        CHECK(op.pollUntilDone({.interval = hours(1), .timeout = milliseconds::max()}) == 3);
        Operation<int> bad(neverDone(polls), "t", "bad");
        CHECK_THROWS_AS(bad.pollUntilDone({.interval = milliseconds(-1)}), InvalidArgument);
        CHECK_THROWS_AS(bad.pollUntilDone({.timeout = milliseconds(-1)}), InvalidArgument);
    }
}

TEST_SUITE("kvb::Context") {
    TEST_CASE("copies share cancellation; deadlines only shorten") {
        Context a;
        Context b = a.withTimeout(std::chrono::hours(1));
        CHECK_FALSE(b.isCancelled());
        a.cancel();
        CHECK(b.isCancelled());
        Context c = Context{}.withTimeout(std::chrono::milliseconds(-1));
        CHECK(c.isCancelled());
        CHECK_THROWS_AS(c.throwIfCancelled(), OperationCancelled);
        const auto soon = Context::Clock::now() + std::chrono::seconds(1);
        Context d = Context{}.withDeadline(soon).withDeadline(soon + std::chrono::hours(1));
        CHECK(d.deadline() == soon);
    }
}

TEST_SUITE("kvb::SecretString") {
    TEST_CASE("holds, compares and clears its value; moved-from is empty") {
        SecretString s("hunter2");
        CHECK(s.reveal() == "hunter2");
        SecretString t = s;
        CHECK(t == s);
        SecretString u = std::move(t);
        CHECK(t.empty());
        CHECK(u.reveal() == "hunter2");
        u.clear();
        CHECK(u.empty());
    }

    TEST_CASE("secureWipe zeroes the buffer") {
        char buf[8] = {'s', 'e', 'c', 'r', 'e', 't', '!', '!'};
        secureWipe(buf, sizeof buf);
        for (char c : buf) CHECK(c == 0);
    }
}
