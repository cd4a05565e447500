// SPDX-License-Identifier: MIT
#include "identity/encoding.hpp"

#include <kvbridge/error.hpp>

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/sha.h>

namespace kvb::identity::detail {

std::span<const std::uint8_t> asBytes(std::string_view text) noexcept {
    return {reinterpret_cast<const std::uint8_t*>(text.data()), text.size()};
}

std::string base64Encode(std::span<const std::uint8_t> data) {
    std::string out(4 * ((data.size() + 2) / 3) + 1, '\0');
    const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()), data.data(),
                                  static_cast<int>(data.size()));
    out.resize(static_cast<std::size_t>(n));
    return out;
}

std::optional<Bytes> base64Decode(std::string_view text) {
    if (text.size() % 4 != 0) return std::nullopt;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const unsigned char c = static_cast<unsigned char>(text[i]);
        const bool alnum = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
        const bool pad = c == '=' && i + 2 >= text.size() && (i + 1 == text.size() || text[i + 1] == '=');
        if (!alnum && c != '+' && c != '/' && !pad) return std::nullopt;
    }
    Bytes out(3 * (text.size() / 4) + 1);
    const int n = EVP_DecodeBlock(out.data(), reinterpret_cast<const unsigned char*>(text.data()),
                                  static_cast<int>(text.size()));
    if (n < 0) return std::nullopt;
    // EVP_DecodeBlock counts the bytes that stand for the padding: drop them.
    std::size_t size = static_cast<std::size_t>(n);
    if (!text.empty() && text.back() == '=') --size;
    if (text.size() >= 2 && text[text.size() - 2] == '=') --size;
    out.resize(size);
    return out;
}

std::string base64UrlEncode(std::span<const std::uint8_t> data) {
    std::string out = base64Encode(data);
    while (!out.empty() && out.back() == '=') out.pop_back();
    for (auto& c : out) {
        if (c == '+')
            c = '-';
        else if (c == '/')
            c = '_';
    }
    return out;
}

namespace {
Bytes digest(const EVP_MD* md, std::span<const std::uint8_t> data) {
    Bytes out(static_cast<std::size_t>(EVP_MD_get_size(md)));
    unsigned int n = 0;
    if (EVP_Digest(data.data(), data.size(), out.data(), &n, md, nullptr) != 1)
        throw CryptoError("digest failed");
    out.resize(n);
    return out;
}
} // namespace

Bytes sha1(std::span<const std::uint8_t> data) {
    return digest(EVP_sha1(), data);
}
Bytes sha256(std::span<const std::uint8_t> data) {
    return digest(EVP_sha256(), data);
}

Bytes hmacSha256(std::span<const std::uint8_t> key, std::string_view message) {
    Bytes out(EVP_MAX_MD_SIZE);
    unsigned int n = 0;
    if (!HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
              reinterpret_cast<const unsigned char*>(message.data()), message.size(), out.data(), &n))
        throw CryptoError("HMAC-SHA256 failed");
    out.resize(n);
    return out;
}

} // namespace kvb::identity::detail
