// SPDX-License-Identifier: MIT
#include "keyvault/base64url.hpp"

#include <kvbridge/error.hpp>

#include "core/encoding.hpp"

namespace kvb::keyvault {

std::vector<std::uint8_t> base64UrlDecode(std::string_view text, std::string_view what) {
    try {
        return kvb::detail::base64UrlDecode(text);
    } catch (const ParseError& e) {
        throw ParseError(std::string(what) + ": " + e.what());
    }
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
    std::string text = kvb::detail::base64UrlEncode(bytes);
    w.member(name, std::string_view(text));
    secureWipe(text);
}

} // namespace kvb::keyvault
