// SPDX-License-Identifier: MIT
#include "http/policies.hpp"

#include <kvbridge/error.hpp>
#include <kvbridge/version.hpp>

#include <openssl/rand.h>
#include <sys/utsname.h>

#include <array>
#include <atomic>
#include <cstdint>
#include <cstring>
#include <mutex>
#include <pthread.h>

namespace kvb::detail {

namespace {

// Request ids only need to be unique, not secret: a per-thread splitmix64 sequence seeded from
// OpenSSL costs a fraction of RAND_bytes per request. A forked child reseeds (it would repeat
// its parent's ids otherwise): fork bumps the generation every thread compares with its own.
std::atomic<unsigned> forkGeneration{1};

void bumpForkGeneration() {
    forkGeneration.fetch_add(1, std::memory_order_relaxed);
}

std::uint64_t splitmix64(std::uint64_t& state) {
    std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

std::array<unsigned char, 16> idBytes() {
    static std::once_flag atfork;
    std::call_once(atfork, [] { pthread_atfork(nullptr, nullptr, bumpForkGeneration); });
    thread_local std::uint64_t state = 0;
    thread_local unsigned seededFor = 0;
    const unsigned generation = forkGeneration.load(std::memory_order_relaxed);
    if (seededFor != generation) {
        if (RAND_bytes(reinterpret_cast<unsigned char*>(&state), sizeof state) != 1)
            throw CryptoError("random generator failed");
        seededFor = generation;
    }
    std::array<unsigned char, 16> b{};
    const std::uint64_t hi = splitmix64(state);
    const std::uint64_t lo = splitmix64(state);
    std::memcpy(b.data(), &hi, 8);
    std::memcpy(b.data() + 8, &lo, 8);
    return b;
}

// 8-4-4-4-12 lower-case hex digits of a version 4, RFC 4122 variant UUID, into @p out.
void formatUuid(std::array<unsigned char, 16> b, char (&out)[36]) {
    b[6] = static_cast<unsigned char>((b[6] & 0x0f) | 0x40); // version 4
    b[8] = static_cast<unsigned char>((b[8] & 0x3f) | 0x80); // RFC 4122 variant
    static constexpr char kHex[] = "0123456789abcdef";
    std::size_t at = 0;
    for (const unsigned char byte : b) {
        if (at == 8 || at == 13 || at == 18 || at == 23) out[at++] = '-';
        out[at++] = kHex[byte >> 4];
        out[at++] = kHex[byte & 0x0f];
    }
}

} // namespace

std::string newUuid() {
    char out[36];
    formatUuid(idBytes(), out);
    return std::string(out, sizeof out);
}

http::RawResponse RequestIdPolicy::send(http::Request& request, const http::NextPolicy& next,
                                        const Context& context) const {
    // Room for what the policies add (id, User-Agent, Authorization, Content-Type) in one go.
    request.headers.reserve(request.headers.size() + 4);
    // Set once, before the retry policy: every try of one call carries the same id.
    if (!request.headers.contains("x-ms-client-request-id") &&
        !request.headers.contains("client-request-id")) {
        char id[36];
        formatUuid(idBytes(), id);
        request.headers.set("x-ms-client-request-id", std::string_view(id, sizeof id));
    }
    return next(request, context);
}

UserAgentPolicy::UserAgentPolicy(const std::string& applicationId) {
    utsname u{};
    std::string platform = "unknown";
    if (uname(&u) == 0) platform = std::string(u.sysname) + " " + u.machine;
    userAgent_ = (applicationId.empty() ? "" : applicationId + " ") + "kvbridge/" + versionString() + " (" +
                 platform + ")";
}

http::RawResponse UserAgentPolicy::send(http::Request& request, const http::NextPolicy& next,
                                        const Context& context) const {
    request.headers.set("User-Agent", userAgent_);
    return next(request, context);
}

} // namespace kvb::detail
