// SPDX-License-Identifier: MIT
#pragma once

// Pieces shared by every credential that talks HTTP to a token endpoint: the authority host,
// form bodies built without stray copies of secrets, sending with failures turned into
// AuthenticationError, and reading the token response.

#include <kvbridge/http/pipeline.hpp>
#include <kvbridge/identity/credential_options.hpp>
#include <kvbridge/identity/token_credential.hpp>

#include <chrono>
#include <string>
#include <string_view>

namespace kvb::identity {

using TimePoint = std::chrono::system_clock::time_point;

/** options.authorityHost, else AZURE_AUTHORITY_HOST, else the public cloud; no trailing '/'.
 *  @throws InvalidArgument when it is not an https URL. */
std::string resolveAuthorityHost(const CredentialOptions& options);

/** @throws InvalidArgument when @p tenantId is empty or not a tenant id/domain (it goes in a path). */
void checkTenantId(std::string_view tenantId);

/** Append "name=value" (form-encoded, '&'-separated) to @p body without temporary copies. */
void appendFormField(std::string& body, std::string_view name, std::string_view value);

/** Append client_assertion_type (JWT bearer) and client_assertion = @p assertion. */
void appendClientAssertion(std::string& body, std::string_view assertion);

/** The value of environment variable @p name, or empty. */
std::string environment(const char* name);

/**
 * Send @p request; a transport failure or a status other than 200 becomes an AuthenticationError
 * that starts with @p who and carries the service's error code and the first line of its
 * description (never the request body).
 */
http::RawResponse sendTokenRequest(const http::Pipeline& pipeline, http::Request& request,
                                   std::string_view who, const Context& context);

/**
 * Read a token response: access_token plus expires_in or expires_on (number or string; Unix
 * seconds or a date), and refresh_in when present. The body is wiped by the caller.
 * @throws AuthenticationError naming @p who when the body is not such a response.
 */
AccessToken parseTokenResponse(std::string_view body, TimePoint now, std::string_view who);

/** "scope1 scope2" */
std::string joinScopes(const TokenRequestContext& request);

/** @throws InvalidArgument when @p request has no scope. */
void checkScopes(const TokenRequestContext& request, std::string_view who);

} // namespace kvb::identity
