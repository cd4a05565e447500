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

namespace {

void attachToken(http::Request& request, const AccessToken& token) {
    // Built in a per-thread buffer that keeps its capacity (no allocation per request) and is
    // wiped after every use.
    thread_local std::string value;
    value.assign("Bearer ");
    value += token.token.reveal();
    request.headers.set("Authorization", value);
    secureWipe(value);
}

/**
 * The hosts of the request origins ("https://host:port", as written in the URLs) a policy has
 * checked: tokens only travel over TLS, plain http only to loopback hosts when explicitly
 * allowed. An origin is parsed once; every later request to it costs one map lookup.
 */
class SecureOrigins {
public:
    explicit SecureOrigins(bool allowHttpLoopback) : allowHttpLoopback_(allowHttpLoopback) {}

    /**
     * The host of @p request's URL (a view into this cache, or into @p scratch when the cache is
     * full). @throws AuthenticationError when the request may not carry a token.
     */
    std::string_view host(const http::Request& request, std::string& scratch) const {
        const std::string_view origin = originOf(request.url);
        {
            std::shared_lock lock(mutex_);
            if (auto it = hosts_.find(origin); it != hosts_.end()) return it->second;
        }
        const auto url = kvb::detail::Url::parse(request.url);
        if (url.scheme != "https" && !(allowHttpLoopback_ && url.isLoopback()))
            throw AuthenticationError("refusing to send a bearer token over plain http to " + url.host);
        std::unique_lock lock(mutex_);
        // Entries are never changed or erased, so references to them stay valid; a client talks
        // to a handful of origins, the bound only guards against a caller that does not.
        if (hosts_.size() >= kMaxOrigins) {
            scratch = url.host;
            return scratch;
        }
        return hosts_.emplace(std::string(origin), url.host).first->second;
    }

private:
    static constexpr std::size_t kMaxOrigins = 64;

    // "scheme://authority" of an absolute URL; the host depends on nothing else.
    static std::string_view originOf(std::string_view url) {
        const auto sep = url.find("://");
        if (sep == std::string_view::npos) return {};
        return url.substr(0, url.find_first_of("/?#", sep + 3));
    }

    bool allowHttpLoopback_;
    mutable std::shared_mutex mutex_;
    mutable std::map<std::string, std::string, std::less<>> hosts_;
};

class BearerPolicy final : public http::Policy {
public:
    BearerPolicy(std::shared_ptr<const TokenCredential> credential, std::vector<std::string> scopes,
                 BearerPolicyOptions options)
        : credential_(std::move(credential)), origins_(options.allowHttpLoopback) {
        request_.scopes = std::move(scopes);
    }

    http::RawResponse send(http::Request& request, const http::NextPolicy& next,
                           const Context& context) const override {
        std::string scratch;
        (void)origins_.host(request, scratch);
        attachToken(request, credential_->getToken(request_, context));
        auto response = next(request, context);
        if (response.status != 401) return response;
        // The token may have been revoked or the clock moved: one fresh token, one more try.
        TokenRequestContext fresh = request_;
        fresh.forceRefresh = true;
        attachToken(request, credential_->getToken(fresh, context));
        return next(request, context);
    }

private:
    std::shared_ptr<const TokenCredential> credential_;
    TokenRequestContext request_;
    SecureOrigins origins_;
};

class ChallengePolicy final : public http::Policy {
public:
    ChallengePolicy(std::shared_ptr<const TokenCredential> credential, ChallengePolicyOptions options)
        : credential_(std::move(credential)), options_(options), origins_(false) {}

    http::RawResponse send(http::Request& request, const http::NextPolicy& next,
                           const Context& context) const override {
        std::string scratch;
        const std::string_view host = origins_.host(request, scratch);
        if (auto known = cached(host)) {
            attachToken(request, credential_->getToken(known->request, context));
            auto response = next(request, context);
            if (response.status != 401) return response;
            // The vault may have moved tenants: learn the new challenge and try once more.
            auto fresh = challengeFrom(response, host);
            if (!fresh ||
                (fresh->scope == known->challenge.scope && fresh->tenantId == known->challenge.tenantId))
                return response;
            attachToken(request, credential_->getToken(remember(host, *fresh)->request, context));
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
        attachToken(request, credential_->getToken(remember(host, *learned)->request, context));
        return next(request, context);
    }

private:
    /** A vault's challenge and the token request it calls for, built once. */
    struct Known {
        Challenge challenge;
        TokenRequestContext request;
    };

    std::shared_ptr<const Known> cached(std::string_view host) const {
        std::shared_lock lock(mutex_);
        auto it = challenges_.find(host);
        if (it == challenges_.end()) return nullptr;
        return it->second;
    }

    std::shared_ptr<const Known> remember(std::string_view host, const Challenge& challenge) const {
        auto known = std::make_shared<Known>();
        known->challenge = challenge;
        known->request.scopes = {challenge.scope};
        known->request.tenantId = challenge.tenantId;
        std::unique_lock lock(mutex_);
        challenges_.insert_or_assign(std::string(host), known);
        return known;
    }

    std::optional<Challenge> challengeFrom(const http::RawResponse& response, std::string_view host) const {
        auto header = response.headers.get("WWW-Authenticate");
        if (!header) return std::nullopt;
        auto challenge = parseChallenge(*header);
        if (!challenge) return std::nullopt;
        if (options_.verifyChallengeResource && !challengeMatchesHost(*challenge, host))
            throw AuthenticationError("the challenge resource '" + challenge->scope +
                                      "' does not match the vault host '" + std::string(host) + "'");
        return challenge;
    }

    std::shared_ptr<const TokenCredential> credential_;
    ChallengePolicyOptions options_;
    SecureOrigins origins_;
    mutable std::shared_mutex mutex_;
    mutable std::map<std::string, std::shared_ptr<const Known>, std::less<>> challenges_;
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
} // namespace kvb::identity
