// SPDX-License-Identifier: MIT
// The wipe wrappers really wipe: every heap block the program frees is inspected at the moment
// it is handed back (through replaced allocation functions, which the language allows), so a
// secret left in a released buffer is seen. Control cases prove the inspection itself works.

#include <kvbridge/secret_string.hpp>

#include <kvbridge/kvbridge.h>

#include <doctest/doctest.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <cstring>
#include <new>
#include <optional>
#include <string>
#include <vector>

#include <malloc.h>

namespace {

// A secret long enough to live on the heap (never in a small-string buffer).
const char kPattern[] = "hygiene-SECRET-0123456789-abcdefghijklmnopqrstuvwxyz-ABCDEFGHIJ";
constexpr std::size_t kPatternSize = sizeof kPattern - 1;

// The bytes looked for; set before arming.
const char* watched = kPattern;
std::size_t watchedSize = kPatternSize;
std::atomic<bool> armed{false};
std::atomic<int> blocksSeen{0};    // freed while armed, large enough to have held the secret
std::atomic<int> blocksLeaking{0}; // freed while armed, still holding it

void inspect(void* p) noexcept {
    if (p == nullptr || !armed.load()) return;
    const std::size_t size = malloc_usable_size(p);
    if (size < watchedSize) return;
    ++blocksSeen;
    const auto* bytes = static_cast<const char*>(p);
    if (std::search(bytes, bytes + size, watched, watched + watchedSize) != bytes + size) ++blocksLeaking;
}

struct Watch {
    explicit Watch(std::size_t patternSize = kPatternSize) {
        watchedSize = patternSize;
        blocksSeen = 0;
        blocksLeaking = 0;
        armed = true;
    }
    ~Watch() { armed = false; }
};

} // namespace

// Replaced global allocation functions: plain malloc/free, with a look at each block on release.
void* operator new(std::size_t size) {
    if (void* p = std::malloc(size == 0 ? 1 : size)) return p;
    throw std::bad_alloc();
}
void operator delete(void* p) noexcept {
    inspect(p);
    std::free(p);
}
void operator delete(void* p, std::size_t) noexcept {
    inspect(p);
    std::free(p);
}

#if !defined(__SANITIZE_ADDRESS__) && !defined(__SANITIZE_THREAD__)
// The C ABI frees with free(): interpose it (the executable's definition comes first) so the
// block kvb_string_dispose() releases can be inspected too. Not under ASan or TSan, which own free().
extern "C" void __libc_free(void* p);
extern "C" void free(void* p) {
    inspect(p);
    __libc_free(p);
}
#endif

TEST_SUITE("hygiene::wipe") {
    TEST_CASE("control: a plain std::string leaves its secret in the freed block") {
        std::optional<std::string> plain(std::in_place, kPattern);
        Watch watch;
        plain.reset();
        CHECK(blocksSeen >= 1);
        CHECK(blocksLeaking >= 1);
    }

    TEST_CASE("SecretString wipes its buffer before releasing it") {
        std::optional<kvb::SecretString> secret(std::in_place, std::string_view(kPattern));
        REQUIRE(secret->reveal() == kPattern);
        Watch watch;
        secret.reset();
        CHECK(blocksSeen >= 1);
        CHECK(blocksLeaking == 0);
    }

    TEST_CASE("SecretString copies and moves leave no copy behind") {
        std::optional<kvb::SecretString> a(std::in_place, std::string_view(kPattern));
        std::optional<kvb::SecretString> b(*a);
        std::optional<kvb::SecretString> c(std::move(*a));
        kvb::SecretString d;
        d = *b;
        Watch watch;
        a.reset();
        b.reset();
        c.reset();
        d.clear();
        CHECK(blocksSeen >= 2);
        CHECK(blocksLeaking == 0);
    }

    TEST_CASE("SecretBytes wipes its buffer before releasing it") {
        std::optional<kvb::SecretBytes> bytes(std::in_place,
                                              std::vector<std::uint8_t>(kPattern, kPattern + kPatternSize));
        Watch watch;
        bytes.reset();
        CHECK(blocksSeen >= 1);
        CHECK(blocksLeaking == 0);
    }

    TEST_CASE("secureWipe zeroes a buffer and a string") {
        std::vector<unsigned char> buffer(kPattern, kPattern + kPatternSize);
        kvb::secureWipe(buffer.data(), buffer.size());
        CHECK(std::all_of(buffer.begin(), buffer.end(), [](unsigned char c) { return c == 0; }));
        std::optional<std::string> text(std::in_place, kPattern);
        kvb::secureWipe(*text);
        Watch watch;
        text.reset();
        CHECK(blocksSeen >= 1);
        CHECK(blocksLeaking == 0);
    }

#if !defined(__SANITIZE_ADDRESS__) && !defined(__SANITIZE_THREAD__)
    TEST_CASE("kvb_string_dispose wipes what the C ABI handed out") {
        kvb_string out{nullptr, 0};
        REQUIRE(kvb_pki_hex_to_x5t(&out, "0123456789ABCDEF0123456789ABCDEF01234567") == 0);
        REQUIRE(out.ptr != nullptr);
        // Plant the secret in the caller-held block, as if the call had returned one.
        const std::size_t n = std::min(out.size, kPatternSize);
        std::memcpy(out.ptr, kPattern, n);
        out.ptr[n] = '\0';
        out.size = n;
        {
            Watch watch(n);
            kvb_string_dispose(&out);
            CHECK(blocksLeaking == 0);
        }
        CHECK(out.ptr == nullptr);
        CHECK(out.size == 0);
        // Control: freeing without the wipe is seen.
        char* raw = static_cast<char*>(std::malloc(kPatternSize + 1));
        std::memcpy(raw, kPattern, kPatternSize + 1);
        Watch watch(n);
        std::free(raw);
        CHECK(blocksLeaking == 1);
    }
#endif
}
