// SPDX-License-Identifier: MIT
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

TEST_SUITE("kvb::Operation") {
    TEST_CASE("pollUntilDone polls until done and keeps the value and resume token") {
        int polls = 0;
        Operation<std::string> op(
            [&](const Context&) {
                ++polls;
                PollResult<std::string> r;
                r.done = polls == 3;
                r.value = "state" + std::to_string(polls);
                r.retryAfter = std::chrono::milliseconds(1);
                return r;
            },
            "token-1");
        CHECK_FALSE(op.hasValue());
        CHECK_THROWS_AS(op.value(), InvalidArgument);
        CHECK(op.pollUntilDone(std::chrono::milliseconds(1)) == "state3");
        CHECK(op.isDone());
        CHECK(op.resumeToken() == "token-1");
    }

    TEST_CASE("pollUntilDone stops with OperationCancelled when the context is cancelled") {
        Context ctx;
        Operation<int> op([](const Context&) { return PollResult<int>{}; }, "t");
        ctx.cancel();
        CHECK_THROWS_AS(op.pollUntilDone(std::chrono::milliseconds(1), ctx), OperationCancelled);
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
