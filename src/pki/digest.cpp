// SPDX-License-Identifier: MIT
#include "pki/digest.hpp"

#include <climits>

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "pki/openssl_util.hpp"

namespace kvb::detail {
namespace {
std::vector<std::uint8_t> digest(const EVP_MD* md, std::span<const std::uint8_t> data) {
    std::vector<std::uint8_t> out(EVP_MAX_MD_SIZE);
    unsigned int size = 0;
    if (EVP_Digest(data.data(), data.size(), out.data(), &size, md, nullptr) != 1) {
        throwCrypto("digest failed");
    }
    out.resize(size);
    return out;
}
} // namespace

std::vector<std::uint8_t> sha1(std::span<const std::uint8_t> data) {
    return digest(EVP_sha1(), data);
}

std::vector<std::uint8_t> sha256(std::span<const std::uint8_t> data) {
    return digest(EVP_sha256(), data);
}

std::vector<std::uint8_t> hmacSha256(std::span<const std::uint8_t> key, std::span<const std::uint8_t> data) {
    std::vector<std::uint8_t> out(EVP_MAX_MD_SIZE);
    unsigned int size = 0;
    if (key.size() > static_cast<std::size_t>(INT_MAX) ||
        HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), data.data(), data.size(), out.data(),
             &size) == nullptr) {
        throwCrypto("HMAC-SHA256 failed");
    }
    out.resize(size);
    return out;
}

} // namespace kvb::detail
