// SPDX-License-Identifier: MIT
#include "core/encoding.hpp"

#include <algorithm>
#include <array>

#include <openssl/evp.h>

#include <kvbridge/error.hpp>
#include <kvbridge/secret_string.hpp>

namespace kvb::detail {
namespace {

constexpr std::string_view kStandardAlphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

// Whole groups only, so chunk boundaries never split a group; well under INT_MAX for EVP_*Block.
constexpr std::size_t kEncodeChunk = 3 * 1024 * 1024;
constexpr std::size_t kDecodeChunk = 4 * 1024 * 1024;

constexpr std::array<int, 256> makeDecodeTable() {
    std::array<int, 256> table{};
    table.fill(-1);
    for (std::size_t i = 0; i < kStandardAlphabet.size(); ++i) {
        table[static_cast<unsigned char>(kStandardAlphabet[i])] = static_cast<int>(i);
    }
    return table;
}

constexpr std::array<int, 256> kDecodeTable = makeDecodeTable();

[[noreturn]] void fail(std::string_view what, std::size_t position) {
    throw ParseError("invalid " + std::string(what) + " at offset " + std::to_string(position));
}

// Checks a padded standard-alphabet text completely, so EVP_DecodeBlock (which skips whitespace
// and accepts some oddities) only ever sees canonical input. Returns the number of '=' signs.
std::size_t validateBase64(std::string_view text, std::string_view what) {
    if (text.size() % 4 != 0) {
        throw ParseError("invalid " + std::string(what) + ": length is not a multiple of 4");
    }
    std::size_t padding = 0;
    if (!text.empty() && text.back() == '=') {
        padding = text[text.size() - 2] == '=' ? 2 : 1;
    }
    const std::size_t dataEnd = text.size() - padding;
    for (std::size_t i = 0; i < dataEnd; ++i) {
        if (kDecodeTable[static_cast<unsigned char>(text[i])] < 0) {
            fail(std::string(what) + " character", i);
        }
    }
    if (padding > 0) {
        // The bits of the last symbol that fall past the final byte must be zero (RFC 4648 3.5).
        const int last = kDecodeTable[static_cast<unsigned char>(text[dataEnd - 1])];
        const int unusedMask = padding == 2 ? 0x0F : 0x03;
        if ((last & unusedMask) != 0) {
            fail(std::string(what) + " trailing bits", dataEnd - 1);
        }
    }
    return padding;
}

std::vector<std::uint8_t> decodeValidated(std::string_view text, std::size_t padding) {
    std::vector<std::uint8_t> out((text.size() / 4) * 3);
    std::size_t written = 0;
    for (std::size_t offset = 0; offset < text.size(); offset += kDecodeChunk) {
        const std::size_t len = std::min(kDecodeChunk, text.size() - offset);
        const int n = EVP_DecodeBlock(out.data() + written,
                                      reinterpret_cast<const unsigned char*>(text.data() + offset),
                                      static_cast<int>(len));
        if (n < 0) {
            fail("base64", offset);
        }
        written += static_cast<std::size_t>(n);
    }
    // EVP_DecodeBlock counts the padding as decoded zero bytes.
    out.resize(written - padding);
    return out;
}

} // namespace

std::string base64Encode(std::span<const std::uint8_t> data) {
    std::string out;
    out.reserve(((data.size() + 2) / 3) * 4 + 1);
    std::vector<unsigned char> buffer;
    for (std::size_t offset = 0; offset < data.size(); offset += kEncodeChunk) {
        const std::size_t len = std::min(kEncodeChunk, data.size() - offset);
        buffer.resize(((len + 2) / 3) * 4 + 1);
        const int n = EVP_EncodeBlock(buffer.data(), data.data() + offset, static_cast<int>(len));
        out.append(reinterpret_cast<const char*>(buffer.data()), static_cast<std::size_t>(n));
    }
    secureWipe(buffer.data(), buffer.size());
    return out;
}

std::string base64Encode(std::string_view data) {
    return base64Encode(asBytes(data));
}

std::vector<std::uint8_t> base64Decode(std::string_view text) {
    const std::size_t padding = validateBase64(text, "base64");
    return decodeValidated(text, padding);
}

std::string base64UrlEncode(std::span<const std::uint8_t> data) {
    std::string out = base64Encode(data);
    while (!out.empty() && out.back() == '=') {
        out.pop_back();
    }
    std::replace(out.begin(), out.end(), '+', '-');
    std::replace(out.begin(), out.end(), '/', '_');
    return out;
}

std::string base64UrlEncode(std::string_view data) {
    return base64UrlEncode(asBytes(data));
}

std::vector<std::uint8_t> base64UrlDecode(std::string_view text) {
    std::string_view body = text;
    std::size_t given = 0;
    while (!body.empty() && body.back() == '=' && given < 2) {
        body.remove_suffix(1);
        ++given;
    }
    if (body.size() % 4 == 1) {
        throw ParseError("invalid base64url: impossible length");
    }
    const std::size_t needed = (4 - body.size() % 4) % 4;
    if (given != 0 && given != needed) {
        throw ParseError("invalid base64url: wrong padding");
    }
    // Translate to the standard alphabet; '+' and '/' are not base64url and must not slip through.
    std::string standard(body);
    for (std::size_t i = 0; i < standard.size(); ++i) {
        char& c = standard[i];
        if (c == '+' || c == '/' || c == '=') {
            secureWipe(standard);
            fail("base64url character", i);
        }
        if (c == '-') {
            c = '+';
        } else if (c == '_') {
            c = '/';
        }
    }
    standard.append(needed, '=');
    try {
        const std::size_t padding = validateBase64(standard, "base64url");
        auto out = decodeValidated(standard, padding);
        secureWipe(standard);
        return out;
    } catch (...) {
        secureWipe(standard);
        throw;
    }
}

std::string hexEncode(std::span<const std::uint8_t> data, HexCase letterCase) {
    const char* digits = letterCase == HexCase::Upper ? "0123456789ABCDEF" : "0123456789abcdef";
    std::string out;
    out.reserve(data.size() * 2);
    for (const std::uint8_t byte : data) {
        out.push_back(digits[byte >> 4]);
        out.push_back(digits[byte & 0x0F]);
    }
    return out;
}

int hexDigitValue(char c) noexcept {
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

std::vector<std::uint8_t> hexDecode(std::string_view text) {
    if (text.size() % 2 != 0) {
        throw ParseError("invalid hex: odd length");
    }
    std::vector<std::uint8_t> out(text.size() / 2);
    for (std::size_t i = 0; i < out.size(); ++i) {
        const int high = hexDigitValue(text[2 * i]);
        const int low = hexDigitValue(text[2 * i + 1]);
        if (high < 0 || low < 0) {
            secureWipe(out.data(), out.size());
            fail("hex character", high < 0 ? 2 * i : 2 * i + 1);
        }
        out[i] = static_cast<std::uint8_t>((high << 4) | low);
    }
    return out;
}

} // namespace kvb::detail
