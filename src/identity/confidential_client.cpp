// SPDX-License-Identifier: MIT
#include "identity/confidential_client.hpp"

#include <kvbridge/error.hpp>
#include <kvbridge/log.hpp>

#include "identity/token_request.hpp"

namespace kvb::identity {

ConfidentialClient::ConfidentialClient(std::string credentialName, std::string tenantId, std::string clientId,
                                       const CredentialOptions& options, Proof proof)
    : name_(std::move(credentialName)), tenantId_(std::move(tenantId)), clientId_(std::move(clientId)),
      authority_(resolveAuthorityHost(options)), pipeline_(http::buildPipeline(options.client, nullptr)),
      proof_(std::move(proof)) {
    checkTenantId(tenantId_);
    if (clientId_.empty()) throw InvalidArgument(name_ + ": the client id is empty");
}

std::string ConfidentialClient::tokenEndpoint(const std::string& tenantId) const {
    return authority_ + "/" + tenantId + "/oauth2/v2.0/token";
}

AccessToken ConfidentialClient::getToken(const TokenRequestContext& request, const Context& context) const {
    checkScopes(request, name_);
    const TokenCache::Fetch fetchOne = [this](const TokenRequestContext& r, const Context& c) {
        return fetch(r, c);
    };
    if (!request.tenantId.empty()) {
        checkTenantId(request.tenantId);
        return cache_.get(request, fetchOne, context); // no copy of the request on the hot path
    }
    TokenRequestContext keyed = request;
    keyed.tenantId = tenantId_;
    return cache_.get(keyed, fetchOne, context);
}

AccessToken ConfidentialClient::fetch(const TokenRequestContext& request, const Context& context) const {
    const std::string endpoint = tokenEndpoint(request.tenantId);
    http::Request post(http::Method::Post, endpoint);
    post.sensitiveBody = true;
    post.headers.set("Content-Type", "application/x-www-form-urlencoded");
    post.headers.set("Accept", "application/json");
    appendFormField(post.body, "grant_type", "client_credentials");
    appendFormField(post.body, "client_id", clientId_);
    appendFormField(post.body, "scope", joinScopes(request));
    proof_(post.body, endpoint, context);
    const auto sent = std::chrono::system_clock::now();
    auto response = sendTokenRequest(*pipeline_, post, name_, context);
    AccessToken token = parseTokenResponse(response.body, sent, name_);
    if (shouldLog(LogLevel::Informational))
        log(LogLevel::Informational, name_ + ": got a token for " + joinScopes(request));
    return token;
}

} // namespace kvb::identity
