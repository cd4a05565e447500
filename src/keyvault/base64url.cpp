// SPDX-License-Identifier: MIT
#include "keyvault/base64url.hpp"

#include <kvbridge/error.hpp>

#include <array>

namespace kvb::keyvault::detail {

namespace {

constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

int sextet(char c) {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '-' || c == '+') return 62;
    if (c == '_' || c == '/') return 63;
    return -1;
}

} // namespace

std::string base64UrlEncode(std::span<const std::uint8_t> bytes) {
    std::string out;
    out.reserve((bytes.size() + 2) / 3 * 4);
    std::size_t i = 0;
    for (; i + 2 < bytes.size(); i += 3) {
        const std::uint32_t v = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
        out += kAlphabet[(v >> 18) & 63];
        out += kAlphabet[(v >> 12) & 63];
        out += kAlphabet[(v >> 6) & 63];
        out += kAlphabet[v & 63];
    }
    if (const auto rest = bytes.size() - i; rest > 0) {
        const std::uint32_t v = (bytes[i] << 16) | (rest == 2 ? bytes[i + 1] << 8 : 0);
        out += kAlphabet[(v >> 18) & 63];
        out += kAlphabet[(v >> 12) & 63];
        if (rest == 2) out += kAlphabet[(v >> 6) & 63];
    }
    return out;
}

std::vector<std::uint8_t> base64UrlDecode(std::string_view text, std::string_view what) {
    while (!text.empty() && text.back() == '=') text.remove_suffix(1);
    if (text.size() % 4 == 1) throw ParseError(std::string(what) + " is not valid base64url");
    std::vector<std::uint8_t> out;
    out.reserve(text.size() * 3 / 4);
    std::uint32_t acc = 0;
    int bits = 0;
    for (char c : text) {
        const int v = sextet(c);
        if (v < 0) throw ParseError(std::string(what) + " is not valid base64url");
        acc = (acc << 6) | static_cast<std::uint32_t>(v);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out.push_back(static_cast<std::uint8_t>((acc >> bits) & 0xff));
        }
    }
    secureWipe(&acc, sizeof acc);
    return out;
}

std::vector<std::uint8_t> optBytes(const kvb::detail::JsonValue& obj, std::string_view name) {
    auto text = kvb::detail::optString(obj, name);
    if (!text) return {};
    return base64UrlDecode(*text, name);
}

SecretBytes optSecretBytes(const kvb::detail::JsonValue& obj, std::string_view name) {
    const auto* member = kvb::detail::findMember(obj, name);
    if (member == nullptr) return {};
    if (!member->IsString()) throw ParseError("'" + std::string(name) + "' is not a string");
    return SecretBytes(base64UrlDecode({member->GetString(), member->GetStringLength()}, name));
}

void writeBytes(kvb::detail::JsonWriter& w, std::string_view name, std::span<const std::uint8_t> bytes) {
    if (bytes.empty()) return;
    std::string text = base64UrlEncode(bytes);
    w.member(name, std::string_view(text));
    secureWipe(text);
}

} // namespace kvb::keyvault::detail
