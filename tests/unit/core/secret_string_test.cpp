// SPDX-License-Identifier: MIT
#include <kvbridge/secret_string.hpp>

#include <algorithm>
#include <array>
#include <utility>

#include <doctest/doctest.h>

using kvb::SecretBytes;
using kvb::SecretString;

namespace {
// Long enough to live on the heap rather than in std::string's inline buffer.
const std::string kLongSecret = "correct horse battery staple, but longer than any SSO buffer";
} // namespace

TEST_SUITE("core::SecretString") {
    TEST_CASE("secureWipe zeroes a buffer and tolerates null") {
        std::array<unsigned char, 32> buffer{};
        buffer.fill(0xA5);
        kvb::secureWipe(buffer.data(), buffer.size());
        CHECK(std::all_of(buffer.begin(), buffer.end(), [](unsigned char b) { return b == 0; }));
        kvb::secureWipe(nullptr, 10);
        kvb::secureWipe(buffer.data(), 0);
    }

    TEST_CASE("secureWipe of a string zeroes its whole capacity and empties it") {
        std::string text = kLongSecret;
        text.resize(5); // the tail beyond size() still holds secret bytes
        const char* data = text.data();
        const std::size_t capacity = text.capacity();
        kvb::secureWipe(text);
        CHECK(text.empty());
        CHECK(text.data() == data); // same buffer, so the check below reads wiped memory
        CHECK(std::all_of(data, data + capacity, [](char c) { return c == 0; }));
    }

    TEST_CASE("reveal returns the value; clear wipes it") {
        SecretString secret(kLongSecret);
        CHECK(secret.reveal() == kLongSecret);
        CHECK(secret.size() == kLongSecret.size());
        secret.clear();
        CHECK(secret.empty());
        CHECK(secret.reveal().empty());
    }

    TEST_CASE("construction from an rvalue string takes it over and leaves it empty") {
        std::string shortValue = "pw";
        SecretString fromShort(std::move(shortValue));
        CHECK(fromShort.reveal() == "pw");
        CHECK(shortValue.empty()); // NOLINT(bugprone-use-after-move): that is the point
        std::string longValue = kLongSecret;
        SecretString fromLong(std::move(longValue));
        CHECK(fromLong.reveal() == kLongSecret);
        CHECK(longValue.empty()); // NOLINT(bugprone-use-after-move)
    }

    TEST_CASE("copies are independent and moved-from objects are empty") {
        SecretString original(kLongSecret);
        SecretString copy(original);
        CHECK(copy == original);
        copy.clear();
        CHECK(original.reveal() == kLongSecret);

        SecretString moved(std::move(original));
        CHECK(moved.reveal() == kLongSecret);
        CHECK(original.empty()); // NOLINT(bugprone-use-after-move)

        SecretString target("old value");
        target = std::move(moved);
        CHECK(target.reveal() == kLongSecret);
        CHECK(moved.empty()); // NOLINT(bugprone-use-after-move)

        SecretString assigned("x");
        assigned = target;
        CHECK(assigned == target);
        assigned = assigned; // self-assignment keeps the value
        CHECK(assigned.reveal() == kLongSecret);
    }

    TEST_CASE("equality compares content and length") {
        CHECK(SecretString("abc") == SecretString("abc"));
        CHECK_FALSE(SecretString("abc") == SecretString("abd"));
        CHECK_FALSE(SecretString("abc") == SecretString("abcd"));
        CHECK(SecretString() == SecretString(""));
    }
}

TEST_SUITE("core::SecretBytes") {
    TEST_CASE("holds bytes; copies are independent; moved-from objects are empty") {
        const std::vector<std::uint8_t> raw{1, 2, 3, 4, 5};
        SecretBytes bytes(raw);
        CHECK(std::equal(bytes.reveal().begin(), bytes.reveal().end(), raw.begin(), raw.end()));
        CHECK(bytes.size() == raw.size());

        SecretBytes copy = bytes;
        CHECK(copy == bytes);
        copy.clear();
        CHECK(copy.empty());
        CHECK(bytes.size() == raw.size());

        SecretBytes moved(std::move(bytes));
        CHECK(moved.size() == raw.size());
        CHECK(bytes.empty()); // NOLINT(bugprone-use-after-move)

        SecretBytes target(std::vector<std::uint8_t>{9, 9});
        target = std::move(moved);
        CHECK(target.size() == raw.size());
        CHECK(moved.empty()); // NOLINT(bugprone-use-after-move)
        CHECK_FALSE(target == SecretBytes(std::vector<std::uint8_t>{1, 2, 3, 4, 6}));
    }

    TEST_CASE("construction from an rvalue vector takes its buffer without copying") {
        std::vector<std::uint8_t> raw(100, 0x42);
        const std::uint8_t* data = raw.data();
        SecretBytes bytes(std::move(raw));
        CHECK(bytes.data() == data);
        CHECK(raw.empty()); // NOLINT(bugprone-use-after-move)
    }
}
