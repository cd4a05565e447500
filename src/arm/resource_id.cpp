// SPDX-License-Identifier: MIT
#include <kvbridge/arm/resource_id.hpp>

#include <kvbridge/error.hpp>
#include <kvbridge/http/headers.hpp>

#include <utility>

namespace kvb::arm {

namespace {

constexpr std::string_view kSubscriptions = "subscriptions";
constexpr std::string_view kResourceGroups = "resourceGroups";
constexpr std::string_view kProviders = "providers";

// Ids are not secret, but one pasted by mistake may be anything: the message quotes a bounded
// part of it.
std::string quotedId(std::string_view id) {
    constexpr std::size_t kMax = 300;
    return "'" + std::string(id.substr(0, kMax)) + (id.size() > kMax ? "...'" : "'");
}

[[noreturn]] void badId(std::string_view id, const std::string& problem) {
    throw InvalidArgument("resource id " + quotedId(id) + " is not valid: " + problem);
}

// A character that cannot stand in an id: it would end the path (query, fragment), split a
// segment, or never appear in a name Resource Manager accepts.
bool forbidden(char c) {
    const auto u = static_cast<unsigned char>(c);
    return c == '/' || c == '?' || c == '#' || u < 0x20 || u == 0x7f;
}

void checkPart(std::string_view part, std::string_view what) {
    if (part.empty()) throw InvalidArgument("resource id part '" + std::string(what) + "' must not be empty");
    for (const char c : part)
        if (forbidden(c))
            throw InvalidArgument("resource id part '" + std::string(what) + "' (" + quotedId(part) +
                                  ") must not hold '/', '?', '#' or control characters");
}

std::vector<std::string_view> split(std::string_view id) {
    if (id.empty()) badId(id, "it is empty");
    if (id.front() != '/') badId(id, "it must start with '/'");
    if (id.size() > 1 && id.back() == '/') badId(id, "it ends with '/'");
    std::vector<std::string_view> out;
    std::string_view rest = id.substr(1);
    while (true) {
        const auto slash = rest.find('/');
        const auto segment = rest.substr(0, slash);
        if (segment.empty()) badId(id, "it has an empty segment ('//')");
        for (const char c : segment)
            if (forbidden(c)) badId(id, "it holds '?', '#' or a control character");
        out.push_back(segment);
        if (slash == std::string_view::npos) return out;
        rest.remove_prefix(slash + 1);
    }
}

bool isKeyword(std::string_view segment, std::string_view keyword) {
    return http::equalsIgnoreCase(segment, keyword);
}

} // namespace

ResourceId ResourceId::parse(std::string_view id) {
    const auto segments = split(id);
    const std::size_t n = segments.size();
    ResourceId out;
    std::size_t i = 0;
    if (isKeyword(segments[0], kSubscriptions)) {
        if (n < 2) badId(id, "'subscriptions' has no subscription id after it");
        out.subscriptionId_ = segments[1];
        i = 2;
        if (i < n && isKeyword(segments[i], kResourceGroups)) {
            if (i + 1 >= n) badId(id, "'resourceGroups' has no resource group name after it");
            out.resourceGroup_ = segments[i + 1];
            i += 2;
        }
    } else if (isKeyword(segments[0], kResourceGroups)) {
        badId(id, "'resourceGroups' must follow '/subscriptions/{id}'");
    } else if (!isKeyword(segments[0], kProviders)) {
        badId(id, "it must start with '/subscriptions/' or '/providers/'");
    }
    while (i < n) {
        if (!isKeyword(segments[i], kProviders))
            badId(id, "'" + std::string(segments[i]) + "' stands where 'providers' or the end was expected");
        if (i + 1 >= n) badId(id, "'providers' has no namespace after it");
        ProviderPart part;
        part.providerNamespace = segments[i + 1];
        i += 2;
        while (i < n && !isKeyword(segments[i], kProviders)) {
            if (i + 1 >= n)
                badId(id, "resource type '" + std::string(segments[i]) + "' has no name after it");
            part.chain.push_back({std::string(segments[i]), std::string(segments[i + 1])});
            i += 2;
        }
        if (part.chain.empty())
            badId(id, "provider '" + part.providerNamespace + "' has no resource type and name after it");
        out.providers_.push_back(std::move(part));
    }
    return out;
}

ResourceId ResourceId::subscription(std::string_view subscriptionId) {
    checkPart(subscriptionId, "subscription id");
    ResourceId out;
    out.subscriptionId_ = subscriptionId;
    return out;
}

ResourceId ResourceId::resourceGroup(std::string_view subscriptionId, std::string_view resourceGroupName) {
    auto out = subscription(subscriptionId);
    checkPart(resourceGroupName, "resource group name");
    out.resourceGroup_ = resourceGroupName;
    return out;
}

ResourceId ResourceId::withProvider(std::string_view providerNamespace, std::string_view type,
                                    std::string_view name) const {
    checkPart(providerNamespace, "provider namespace");
    checkPart(type, "resource type");
    checkPart(name, "resource name");
    ResourceId out = *this;
    out.providers_.push_back({std::string(providerNamespace), {{std::string(type), std::string(name)}}});
    return out;
}

ResourceId ResourceId::child(std::string_view type, std::string_view name) const {
    if (providers_.empty())
        throw InvalidArgument("resource id " + quotedId(str()) +
                              " names no provider resource to hold a child");
    checkPart(type, "resource type");
    checkPart(name, "resource name");
    ResourceId out = *this;
    out.providers_.back().chain.push_back({std::string(type), std::string(name)});
    return out;
}

std::string ResourceId::providerNamespace() const {
    return providers_.empty() ? std::string() : providers_.back().providerNamespace;
}

std::string ResourceId::resourceType() const {
    if (providers_.empty())
        return resourceGroup_.empty() ? "Microsoft.Resources/subscriptions"
                                      : "Microsoft.Resources/resourceGroups";
    const auto& part = providers_.back();
    std::string type = part.providerNamespace;
    for (const auto& link : part.chain) type += "/" + link.type;
    return type;
}

const std::string& ResourceId::name() const noexcept {
    if (!providers_.empty()) return providers_.back().chain.back().name;
    return resourceGroup_.empty() ? subscriptionId_ : resourceGroup_;
}

std::optional<ResourceId> ResourceId::parent() const {
    ResourceId out = *this;
    if (!out.providers_.empty()) {
        auto& chain = out.providers_.back().chain;
        if (chain.size() > 1) {
            chain.pop_back();
            return out;
        }
        out.providers_.pop_back();
        if (out.providers_.empty() && out.subscriptionId_.empty()) return std::nullopt;
        return out;
    }
    if (!out.resourceGroup_.empty()) {
        out.resourceGroup_.clear();
        return out;
    }
    return std::nullopt;
}

std::vector<std::string> ResourceId::segments() const {
    std::vector<std::string> out;
    if (!subscriptionId_.empty()) {
        out.emplace_back(kSubscriptions);
        out.push_back(subscriptionId_);
    }
    if (!resourceGroup_.empty()) {
        out.emplace_back(kResourceGroups);
        out.push_back(resourceGroup_);
    }
    for (const auto& part : providers_) {
        out.emplace_back(kProviders);
        out.push_back(part.providerNamespace);
        for (const auto& link : part.chain) {
            out.push_back(link.type);
            out.push_back(link.name);
        }
    }
    return out;
}

std::string ResourceId::str() const {
    std::string out;
    for (const auto& segment : segments()) out += "/" + segment;
    return out;
}

bool operator==(const ResourceId& a, const ResourceId& b) {
    return http::equalsIgnoreCase(a.str(), b.str());
}

} // namespace kvb::arm
