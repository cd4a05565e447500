// SPDX-License-Identifier: MIT
// Bearer and Key Vault challenge authentication policies.

#include <kvbridge/error.hpp>
#include <kvbridge/secret_string.hpp>

#include <map>
#include <mutex>
#include <shared_mutex>

#include "core/url.hpp"
#include "identity/auth_policies.hpp"
#include "identity/challenge.hpp"

namespace kvb::identity {

TokenCredential::~TokenCredential() = default;

namespace detail {

namespace {

void attachToken(http::Request& request, const AccessToken& token) {
    std::string value = "Bearer ";
    value += token.token.reveal();
    request.headers.set("Authorization", value);
    secureWipe(value);
}

// Tokens only travel over TLS; plain http is allowed to loopback hosts when explicitly asked.
void requireSecureUrl(const http::Request& request, bool allowHttpLoopback) {
    const auto url = kvb::detail::Url::parse(request.url);
    if (url.scheme == "https") return;
    if (allowHttpLoopback && url.isLoopback()) return;
    throw AuthenticationError("refusing to send a bearer token over plain http to " + url.host);
}

class BearerPolicy final : public http::Policy {
public:
    BearerPolicy(std::shared_ptr<const TokenCredential> credential, std::vector<std::string> scopes,
                 BearerPolicyOptions options)
        : credential_(std::move(credential)), options_(options) {
        request_.scopes = std::move(scopes);
    }

    http::RawResponse send(http::Request& request, const http::NextPolicy& next,
                           const Context& context) const override {
        requireSecureUrl(request, options_.allowHttpLoopback);
        attachToken(request, credential_->getToken(request_, context));
        return next(request, context);
    }

private:
    std::shared_ptr<const TokenCredential> credential_;
    TokenRequestContext request_;
    BearerPolicyOptions options_;
};

class ChallengePolicy final : public http::Policy {
public:
    ChallengePolicy(std::shared_ptr<const TokenCredential> credential, ChallengePolicyOptions options)
        : credential_(std::move(credential)), options_(options) {}

    http::RawResponse send(http::Request& request, const http::NextPolicy& next,
                           const Context& context) const override {
        requireSecureUrl(request, false);
        const std::string host = kvb::detail::Url::parse(request.url).host;
        if (auto known = cached(host)) {
            attachToken(request, tokenFor(*known, context));
            auto response = next(request, context);
            if (response.status != 401) return response;
            // The vault may have moved tenants: learn the new challenge and try once more.
            auto fresh = challengeFrom(response, host);
            if (!fresh || (fresh->scope == known->scope && fresh->tenantId == known->tenantId))
                return response;
            remember(host, *fresh);
            attachToken(request, tokenFor(*fresh, context));
            return next(request, context);
        }
        // First request to this vault: probe without the body (secret material is never sent
        // before we know who we talk to), learn the challenge, then send the real request.
        http::Request probe(request.method, request.url);
        probe.headers = request.headers;
        probe.headers.remove("Authorization");
        probe.headers.remove("Content-Type");
        auto response = next(probe, context);
        if (response.status != 401) return response;
        auto learned = challengeFrom(response, host);
        if (!learned) return response;
        remember(host, *learned);
        attachToken(request, tokenFor(*learned, context));
        return next(request, context);
    }

private:
    std::optional<Challenge> cached(const std::string& host) const {
        std::shared_lock lock(mutex_);
        auto it = challenges_.find(host);
        if (it == challenges_.end()) return std::nullopt;
        return it->second;
    }

    void remember(const std::string& host, const Challenge& challenge) const {
        std::unique_lock lock(mutex_);
        challenges_[host] = challenge;
    }

    std::optional<Challenge> challengeFrom(const http::RawResponse& response, const std::string& host) const {
        auto header = response.headers.get("WWW-Authenticate");
        if (!header) return std::nullopt;
        auto challenge = parseChallenge(*header);
        if (!challenge) return std::nullopt;
        if (options_.verifyChallengeResource && !challengeMatchesHost(*challenge, host))
            throw AuthenticationError("the challenge resource '" + challenge->scope +
                                      "' does not match the vault host '" + host + "'");
        return challenge;
    }

    AccessToken tokenFor(const Challenge& challenge, const Context& context) const {
        TokenRequestContext request;
        request.scopes = {challenge.scope};
        request.tenantId = challenge.tenantId;
        return credential_->getToken(request, context);
    }

    std::shared_ptr<const TokenCredential> credential_;
    ChallengePolicyOptions options_;
    mutable std::shared_mutex mutex_;
    mutable std::map<std::string, Challenge> challenges_;
};

} // namespace

std::shared_ptr<const http::Policy> makeBearerPolicy(std::shared_ptr<const TokenCredential> credential,
                                                     std::vector<std::string> scopes,
                                                     BearerPolicyOptions options) {
    if (!credential) throw InvalidArgument("a TokenCredential is required");
    return std::make_shared<BearerPolicy>(std::move(credential), std::move(scopes), options);
}

std::shared_ptr<const http::Policy> makeChallengePolicy(std::shared_ptr<const TokenCredential> credential,
                                                        ChallengePolicyOptions options) {
    if (!credential) throw InvalidArgument("a TokenCredential is required");
    return std::make_shared<ChallengePolicy>(std::move(credential), options);
}

} // namespace detail
} // namespace kvb::identity
