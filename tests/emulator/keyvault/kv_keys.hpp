// SPDX-License-Identifier: MIT
#pragma once

// Pieces of the keys area that tests and the certificates area use.

#include "kv_json.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace emu::kv {

// HMAC key of the emulator's key-release JWS (HS256); fixed so tests can verify the token.
const std::string& keyReleaseSigningKey();

// Seconds in an ISO 8601 duration such as P90D, P2Y or PT12H (a year is 365 days, a month 30).
std::optional<std::int64_t> isoDurationSeconds(const std::string& text);

// The KeyAttestation object for an HSM key (statements signed by the emulator's attestation key).
Json attestKey(const Json& publicJwkWithKid, const std::string& kid);

} // namespace emu::kv
