// SPDX-License-Identifier: MIT
#pragma once

// Some validators quote the submitted value back ("The value 'xyz' is not valid"). When the
// request carried secret material, those quotes must not reach what(), logs or bindings.

#include <kvbridge/error.hpp>
#include <kvbridge/http/request.hpp>

namespace kvb::detail {

/**
 * Replace, in @p info's code, message and values, every form of a secret field that the
 * sensitive @p request body held (JSON: value, pwd, password, private JWK members; form: client
 * secret, assertions, refresh token) with "[redacted]": quoted raw, JSON-escaped, URL-encoded,
 * re-wrapped, as base64 or base64url, whole or any 16 characters of it (SecretRedactor's rules).
 * Call it before anything shortens the texts. No effect unless request.sensitiveBody.
 */
void redactEchoedSecrets(const http::Request& request, ServiceErrorInfo& info);

} // namespace kvb::detail
