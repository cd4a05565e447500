// SPDX-License-Identifier: MIT
#pragma once

// Key Vault's binary JSON fields (base64url, no padding) over core/encoding, with errors naming
// the field, and straight-to-SecretBytes reading for private key parts.

#include <kvbridge/secret_string.hpp>

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/json.hpp"

namespace kvb::keyvault {

/** @throws ParseError naming @p what when @p text is not base64url. */
std::vector<std::uint8_t> base64UrlDecode(std::string_view text, std::string_view what);

/** Optional binary member: absent or null gives an empty vector. */
std::vector<std::uint8_t> optBytes(const kvb::detail::JsonValue& obj, std::string_view name);
/** Optional secret binary member, decoded straight into a wiped buffer. */
SecretBytes optSecretBytes(const kvb::detail::JsonValue& obj, std::string_view name);

/** Write @p bytes as a base64url member; nothing when empty. The temporary text is wiped. */
void writeBytes(kvb::detail::JsonWriter& w, std::string_view name, std::span<const std::uint8_t> bytes);

} // namespace kvb::keyvault
