// SPDX-License-Identifier: MIT
#include "arm/arm_connection.hpp"

#include <kvbridge/error.hpp>

#include <algorithm>

#include "identity/auth_policies.hpp"

namespace kvb::arm {

namespace {

bool asciiAlnum(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool hexDigit(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

} // namespace

ArmConnection::ArmConnection(std::shared_ptr<const identity::TokenCredential> credential,
                             const ArmClientOptions& options, std::string_view defaultApiVersion)
    : apiVersion(options.apiVersion.empty() ? std::string(defaultApiVersion) : options.apiVersion) {
    endpoint = kvb::detail::parseServiceUrl(options.endpoint, "Resource Manager endpoint").origin();
    if (!credential) throw InvalidArgument("a TokenCredential is required");
    if (options.scope.empty()) throw InvalidArgument("Resource Manager scope must not be empty");
    pipeline = http::buildPipeline(options.client,
                                   identity::makeBearerPolicy(std::move(credential), {options.scope}));
}

kvb::detail::UrlBuilder ArmConnection::url(const ResourceId& id,
                                           std::initializer_list<std::string_view> extra) const {
    kvb::detail::UrlBuilder b(endpoint);
    for (const auto& segment : id.segments()) b.segment(segment);
    for (const auto segment : extra) b.segment(segment);
    b.query("api-version", apiVersion);
    return b;
}

SubscriptionConnection::SubscriptionConnection(std::string subscription,
                                               std::shared_ptr<const identity::TokenCredential> credential,
                                               const ArmClientOptions& options,
                                               std::string_view defaultApiVersion)
    : subscriptionId(ResourceId::subscription(subscription).subscriptionId()),
      conn(std::move(credential), options, defaultApiVersion) {}

ResourceId SubscriptionConnection::resourceGroup(std::string_view name) const {
    if (name.empty() || name.size() > 90 || name.back() == '.')
        throw InvalidArgument("resource group name must be 1-90 characters and not end in '.'");
    return ResourceId::resourceGroup(subscriptionId, name);
}

void validateName(std::string_view name, std::string_view what, std::size_t min, std::size_t max,
                  std::string_view extra) {
    const bool ok = name.size() >= min && name.size() <= max && asciiAlnum(name.front()) &&
                    std::all_of(name.begin(), name.end(), [&](char c) {
                        return asciiAlnum(c) || extra.find(c) != std::string_view::npos;
                    });
    if (!ok) {
        std::string allowed = "letters, digits";
        for (const char c : extra) allowed += std::string(", '") + c + "'";
        throw InvalidArgument(std::string(what) + " name must be " + std::to_string(min) + "-" +
                              std::to_string(max) + " characters of " + allowed +
                              ", starting with a letter or digit");
    }
}

void validateGuid(std::string_view text, std::string_view what) {
    bool ok = text.size() == 36;
    for (std::size_t i = 0; ok && i < text.size(); ++i) {
        const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
        ok = dash ? text[i] == '-' : hexDigit(text[i]);
    }
    if (!ok) throw InvalidArgument(std::string(what) + " must be a GUID (8-4-4-4-12 hex digits)");
}

http::Request jsonRequest(http::Method method, std::string url, std::string body, bool sensitive) {
    http::Request r(method, std::move(url));
    r.body = std::move(body);
    r.sensitiveBody = sensitive;
    r.headers.set("Content-Type", "application/json");
    return r;
}

const JsonValue* propertiesOf(const JsonValue& resource) {
    const auto* properties = kvb::detail::findMember(resource, "properties");
    return properties && properties->IsObject() ? properties : nullptr;
}

} // namespace kvb::arm
