// SPDX-License-Identifier: MIT
#pragma once

// What MSAL-based clients (the Azure SDKs' identity libraries) fetch from Entra ID before their
// first token request: the OpenID Connect discovery documents (v2.0 and v1), the JWK Set they
// name, and instance discovery. Every URL in them names the host the request came to, so a
// client that reached the emulator as login.localhost:PORT stays there.

#include "entra_service.hpp"
#include "http_types.hpp"

#include <optional>

namespace emu {

/**
 * The reply when @p req asks for a discovery document, otherwise nullopt (not a discovery path):
 * GET /{tenant}/v2.0/.well-known/openid-configuration, /{tenant}/.well-known/openid-configuration,
 * /{tenant}/discovery/v2.0/keys, /{tenant}/discovery/keys and
 * /{tenant}/discovery/instance?api-version=1.1&authorization_endpoint=URL.
 * Errors have Entra's shape (@p entra's error()).
 */
std::optional<HttpReply> discoveryReply(const EntraService& entra, const HttpRequest& req);

} // namespace emu
