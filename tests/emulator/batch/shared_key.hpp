// SPDX-License-Identifier: MIT
#pragma once

// Batch Shared Key: the string-to-sign of a request and its signature, as described in
// tests/data/specs/README.md ("Batch Shared Key").

#include "../http_types.hpp"

#include <string>

namespace emu {

std::string sharedKeyStringToSign(const HttpRequest& req, const std::string& account);
// base64(HMAC-SHA256(base64decode(keyBase64), stringToSign)); "" when the key is not base64.
std::string sharedKeySignature(const std::string& keyBase64, const std::string& stringToSign);

} // namespace emu
