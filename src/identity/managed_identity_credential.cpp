// SPDX-License-Identifier: MIT
#include <kvbridge/identity/managed_identity_credential.hpp>

#include <kvbridge/error.hpp>

#include <algorithm>
#include <atomic>

#include "core/url.hpp"
#include "identity/token_cache.hpp"
#include "identity/token_request.hpp"

namespace kvb::identity {

namespace {
constexpr const char* kImdsEndpoint = "http://169.254.169.254/metadata/identity/oauth2/token";
constexpr const char* kManagedIdentityWho = "ManagedIdentityCredential";

std::string resourceOf(const TokenRequestContext& request) {
    if (request.scopes.size() != 1)
        throw InvalidArgument("ManagedIdentityCredential: exactly one scope is required");
    std::string resource = request.scopes.front();
    const std::string suffix = "/.default";
    if (resource.size() > suffix.size() &&
        resource.compare(resource.size() - suffix.size(), suffix.size(), suffix) == 0)
        resource.resize(resource.size() - suffix.size());
    return resource;
}
} // namespace

struct ManagedIdentityCredential::Impl {
    bool appService = false;
    std::string endpoint;
    SecretString identityHeader;
    std::string idName; ///< query name of the user-assigned id, empty for system-assigned
    std::string idValue;
    std::shared_ptr<const http::Pipeline> probe;  ///< short connect timeout, no retries
    std::shared_ptr<const http::Pipeline> normal; ///< once the endpoint answered
    mutable std::atomic<bool> reachable{false};
    TokenCache cache;

    AccessToken fetch(const TokenRequestContext& request, const Context& context) const {
        kvb::detail::UrlBuilder url(endpoint);
        url.query("api-version", appService ? "2019-08-01" : "2018-02-01")
            .query("resource", resourceOf(request));
        if (!idName.empty()) url.query(idName, idValue);
        http::Request get(http::Method::Get, url.str());
        if (appService)
            get.headers.set("X-IDENTITY-HEADER", identityHeader.reveal());
        else
            get.headers.set("Metadata", "true");
        const bool known = reachable.load();
        const auto sent = std::chrono::system_clock::now();
        auto response = sendTokenRequest(known ? *normal : *probe, get, kManagedIdentityWho, context);
        reachable = true;
        return parseTokenResponse(response.body, sent, kManagedIdentityWho);
    }
};

ManagedIdentityCredential::ManagedIdentityCredential(ManagedIdentityCredentialOptions options)
    : impl_(std::make_unique<Impl>()) {
    const int ids = !options.clientId.empty() + !options.objectId.empty() + !options.resourceId.empty();
    if (ids > 1)
        throw InvalidArgument("ManagedIdentityCredential: set at most one of clientId, objectId, resourceId");
    std::string identityEndpoint = options.identityEndpoint;
    SecretString identityHeader = options.identityHeader;
    if (identityEndpoint.empty()) identityEndpoint = environment("IDENTITY_ENDPOINT");
    if (identityHeader.empty()) identityHeader = SecretString(environment("IDENTITY_HEADER"));
    impl_->appService = !identityEndpoint.empty() && !identityHeader.empty();
    if (impl_->appService) {
        impl_->endpoint = identityEndpoint;
        impl_->identityHeader = std::move(identityHeader);
    } else {
        impl_->endpoint = options.imdsEndpoint;
        if (impl_->endpoint.empty()) impl_->endpoint = environment("KVB_IMDS_ENDPOINT");
        if (impl_->endpoint.empty()) impl_->endpoint = kImdsEndpoint;
    }
    (void)kvb::detail::Url::parse(impl_->endpoint); // InvalidArgument when it is not an http(s) URL
    if (!options.clientId.empty()) {
        impl_->idName = "client_id";
        impl_->idValue = options.clientId;
    } else if (!options.objectId.empty()) {
        impl_->idName = impl_->appService ? "principal_id" : "object_id";
        impl_->idValue = options.objectId;
    } else if (!options.resourceId.empty()) {
        impl_->idName = impl_->appService ? "mi_res_id" : "msi_res_id";
        impl_->idValue = options.resourceId;
    }
    impl_->normal = http::buildPipeline(options.client, nullptr);
    http::ClientOptions probe = options.client;
    probe.retry.maxRetries = 0;
    probe.transport = nullptr; // its own handles, with the short connect timeout
    probe.transportOptions.connectTimeout =
        std::min(probe.transportOptions.connectTimeout, options.probeTimeout);
    impl_->probe = options.client.transport ? impl_->normal : http::buildPipeline(probe, nullptr);
}

ManagedIdentityCredential::~ManagedIdentityCredential() = default;

AccessToken ManagedIdentityCredential::getToken(const TokenRequestContext& request,
                                                const Context& context) const {
    (void)resourceOf(request);
    return impl_->cache.get(
        request, [this](const TokenRequestContext& r, const Context& c) { return impl_->fetch(r, c); },
        context);
}

std::string ManagedIdentityCredential::name() const {
    return kManagedIdentityWho;
}

} // namespace kvb::identity
