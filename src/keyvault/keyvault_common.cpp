// SPDX-License-Identifier: MIT
#include "keyvault/keyvault_common.hpp"

#include <kvbridge/error.hpp>

#include <algorithm>
#include <array>
#include <optional>
#include <string_view>

#include "identity/auth_policies.hpp"
#include "keyvault/object_attributes.hpp"

namespace kvb::keyvault {

namespace {

// Character classes by table lookup: every model read has an id, 25 of them on a list page.
class CharClass {
public:
    constexpr explicit CharClass(std::string_view members) {
        for (const char c : members) table_[static_cast<unsigned char>(c)] = true;
    }
    constexpr bool operator()(char c) const { return table_[static_cast<unsigned char>(c)]; }

private:
    std::array<bool, 256> table_{};
};

constexpr CharClass kPathChar("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_~.");
constexpr CharClass kHostChar("abcdefghijklmnopqrstuvwxyz0123456789-.");

bool plainSegment(std::string_view segment) {
    for (const char c : segment)
        if (!kPathChar(c)) return false;
    return true;
}

// Lower-case letters, digits, '-' and single dots, with a letter somewhere (not an IP literal)
// and no dot at either end. The character loop is a table lookup only: vault hosts start with a
// letter, so the letter search ends at once.
bool plainHost(std::string_view host) {
    if (host.empty() || host.front() == '.' || host.back() == '.') return false;
    for (const char c : host)
        if (!kHostChar(c)) return false;
    const bool letter = std::any_of(host.begin(), host.end(), [](char c) { return c >= 'a' && c <= 'z'; });
    return letter && host.find("..") == std::string_view::npos;
}

bool plainPort(std::string_view port) {
    if (port.empty() || port.size() > 5 || port.front() == '0') return false;
    int value = 0;
    for (const char c : port) {
        if (c < '0' || c > '9') return false;
        value = value * 10 + (c - '0');
    }
    return value <= 65535;
}

} // namespace

KeyVaultId KeyVaultId::parse(std::string_view id) {
    if (const auto plain = splitPlainId(id)) {
        KeyVaultId out;
        out.vaultUrl = plain->vaultUrl;
        out.collection = plain->collection;
        out.name = plain->name;
        out.version = plain->version;
        return out;
    }
    const auto url = kvb::detail::Url::parse(id);
    if (url.scheme != "https") throw InvalidArgument("Key Vault id must be an https URL");
    std::vector<std::string> parts;
    std::string_view path = url.path;
    while (!path.empty()) {
        if (path.front() == '/') {
            path.remove_prefix(1);
            continue;
        }
        const auto slash = path.find('/');
        parts.emplace_back(kvb::detail::urlUnescape(path.substr(0, slash)));
        if (slash == std::string_view::npos) break;
        path.remove_prefix(slash);
    }
    if (parts.size() < 2 || parts.size() > 3)
        throw InvalidArgument("not a Key Vault object id: expected https://vault/collection/name[/version]");
    KeyVaultId out;
    out.vaultUrl = url.origin();
    out.collection = parts[0];
    out.name = parts[1];
    if (parts.size() == 3) out.version = parts[2];
    return out;
}

} // namespace kvb::keyvault

namespace kvb::keyvault {

std::optional<IdParts> splitPlainId(std::string_view id) noexcept {
    constexpr std::string_view kScheme = "https://";
    if (id.substr(0, kScheme.size()) != kScheme) return std::nullopt;
    const auto slash = id.find('/', kScheme.size());
    if (slash == std::string_view::npos) return std::nullopt;
    const auto authority = id.substr(kScheme.size(), slash - kScheme.size());
    const auto colon = authority.find(':');
    if (!plainHost(authority.substr(0, colon))) return std::nullopt;
    if (colon != std::string_view::npos && !plainPort(authority.substr(colon + 1))) return std::nullopt;
    std::array<std::string_view, 3> parts;
    std::size_t count = 0;
    std::string_view path = id.substr(slash);
    while (!path.empty()) {
        if (path.front() == '/') {
            path.remove_prefix(1);
            continue;
        }
        const auto end = path.find('/');
        const auto segment = path.substr(0, end);
        if (count == parts.size() || segment == "." || segment == ".." || !plainSegment(segment))
            return std::nullopt;
        parts[count++] = segment;
        if (end == std::string_view::npos) break;
        path.remove_prefix(end);
    }
    if (count < 2) return std::nullopt;
    return IdParts{id.substr(0, slash), parts[0], parts[1], parts[2]};
}

namespace {
// Newest first: a feature of one version is in every version before it in this list.
constexpr std::array<std::string_view, 4> kApiVersions{"2026-04-01", "2025-07-01", "7.6", "7.5"};

std::size_t age(std::string_view apiVersion) {
    return static_cast<std::size_t>(std::find(kApiVersions.begin(), kApiVersions.end(), apiVersion) -
                                    kApiVersions.begin());
}
} // namespace

void validateName(std::string_view name, std::string_view what) {
    const bool ok = !name.empty() && name.size() <= 127 && std::all_of(name.begin(), name.end(), [](char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-';
    });
    if (!ok)
        throw InvalidArgument(std::string(what) + " name must be 1-127 characters of 0-9, a-z, A-Z and '-'");
}

void validateVersion(std::string_view version) {
    const bool ok = version.size() <= 64 && std::all_of(version.begin(), version.end(), [](char c) {
                        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
                    });
    if (!ok) throw InvalidArgument("version must be alphanumeric");
}

VaultConnection::VaultConnection(std::string_view url,
                                 std::shared_ptr<const identity::TokenCredential> credential,
                                 const KeyVaultClientOptions& options)
    : apiVersion(options.apiVersion) {
    const auto parsed = kvb::detail::parseServiceUrl(url, "vault URL");
    if (!credential) throw InvalidArgument("a TokenCredential is required");
    if (age(apiVersion) == kApiVersions.size())
        throw InvalidArgument("unsupported Key Vault api-version '" + apiVersion + "'");
    vaultUrl = parsed.origin();
    identity::ChallengePolicyOptions challenge;
    challenge.verifyChallengeResource = options.verifyChallengeResource;
    pipeline =
        http::buildPipeline(options.client, identity::makeChallengePolicy(std::move(credential), challenge));
}

void VaultConnection::requireApiVersion(std::string_view minimum, std::string_view feature) const {
    if (age(apiVersion) > age(minimum))
        throw InvalidArgument(std::string(feature) + " needs api-version " + std::string(minimum) +
                              " or later");
}

kvb::detail::UrlBuilder VaultConnection::url(std::initializer_list<std::string_view> segments) const {
    kvb::detail::UrlBuilder b(vaultUrl);
    for (auto s : segments) b.segment(s);
    b.query("api-version", apiVersion);
    return b;
}

void validateListOptions(const KeyVaultListOptions& options, PendingItems pending) {
    if (options.maxResults && (*options.maxResults < 1 || *options.maxResults > 25))
        throw InvalidArgument("maxResults must be between 1 and 25");
    if (options.includePending && pending == PendingItems::No)
        throw InvalidArgument("includePending applies to the certificate and deleted-certificate lists only");
}

http::Request jsonRequest(http::Method method, std::string url, std::string_view body, bool sensitive) {
    http::Request r(method, std::move(url));
    r.body.assign(body);
    r.sensitiveBody = sensitive;
    r.headers.set("Content-Type", "application/json");
    return r;
}

} // namespace kvb::keyvault
