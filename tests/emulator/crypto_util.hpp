// SPDX-License-Identifier: MIT
#pragma once

// Small OpenSSL wrappers for the emulator: encodings, digests, HMAC, randomness.

#include <optional>
#include <string>
#include <string_view>

namespace emu {

std::string base64Encode(std::string_view bytes);
// Strict standard base64 (padding optional); nullopt on any invalid character.
std::optional<std::string> base64Decode(std::string_view text);
std::string base64UrlEncode(std::string_view bytes);
std::optional<std::string> base64UrlDecode(std::string_view text);

std::string toHex(std::string_view bytes);
std::string sha1(std::string_view bytes);
std::string sha256(std::string_view bytes);
std::string hmacSha256(std::string_view key, std::string_view data);

std::string randomBytes(std::size_t count);
std::string newUuid();
bool constantTimeEqual(std::string_view a, std::string_view b);
// Overwrite a buffer that held secret material.
void wipe(std::string& s);

} // namespace emu
