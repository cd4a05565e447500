// SPDX-License-Identifier: MIT
#include "entra_discovery.hpp"

#include "json_util.hpp"
#include "url_util.hpp"

#include <array>
#include <string_view>

namespace emu {

namespace {

// The public cloud's authority hosts as instance discovery lists them (one cloud, four names).
constexpr std::array<std::string_view, 4> kPublicAliases = {"login.microsoftonline.com", "login.windows.net",
                                                            "login.microsoft.com", "sts.windows.net"};
constexpr std::string_view kLocalAuthority = "login.localhost";

// Tenant segments Entra serves without naming one tenant; issuers then carry "{tenantid}".
bool isMultiTenantAlias(const std::string& tenant) {
    return tenant == "common" || tenant == "organizations";
}

bool isPublicAlias(std::string_view host) {
    for (auto alias : kPublicAliases) {
        if (host == alias) return true;
    }
    return false;
}

HttpReply documentReply(std::string body) {
    HttpReply r;
    r.body = std::move(body);
    // As Entra sends them: clients may keep discovery metadata for a day.
    r.headers.emplace_back("Cache-Control", "max-age=86400, private");
    return r;
}

std::string jsonArray(std::initializer_list<std::string_view> items) {
    std::string out = "[";
    for (auto item : items) out += (out.size() > 1 ? "," : "") + jsonQuote(std::string(item));
    return out + "]";
}

// One OpenID Connect discovery document: the endpoints MSAL reads (issuer, authorization,
// token, jwks_uri, end_session) and the capability lists Entra publishes beside them. v2.0 and
// v1 differ in their endpoints' paths, issuer, key set and the scopes and response types listed.
std::string oidcDocument(bool v2, const std::string& base, const std::string& host,
                         const std::string& tenant) {
    const std::string oauth = base + "/" + tenant + (v2 ? "/oauth2/v2.0" : "/oauth2");
    const std::string issuerTenant = isMultiTenantAlias(tenant) ? "{tenantid}" : tenant;
    // Entra names sts.windows.net as the public cloud's v1 issuer; login.localhost is its own.
    const std::string issuer = v2                    ? base + "/" + issuerTenant + "/v2.0"
                               : isPublicAlias(host) ? "https://sts.windows.net/" + issuerTenant + "/"
                                                     : base + "/" + issuerTenant + "/";
    const std::string jwks =
        v2 ? base + "/" + tenant + "/discovery/v2.0/keys" : base + "/common/discovery/keys";
    const std::string responseTypes =
        v2 ? jsonArray({"code", "id_token", "code id_token", "id_token token"})
           : jsonArray({"code", "id_token", "code id_token", "token id_token", "token"});
    const std::string scopes =
        v2 ? jsonArray({"openid", "profile", "email", "offline_access"}) : "[\"openid\"]";
    return "{\"token_endpoint\":" + jsonQuote(oauth + "/token") +
           ",\"token_endpoint_auth_methods_supported\":" +
           jsonArray({"client_secret_post", "private_key_jwt", "client_secret_basic"}) +
           ",\"jwks_uri\":" + jsonQuote(jwks) +
           ",\"response_modes_supported\":" + jsonArray({"query", "fragment", "form_post"}) +
           ",\"subject_types_supported\":[\"pairwise\"],\"id_token_signing_alg_values_supported\":["
           "\"RS256\"]" +
           ",\"response_types_supported\":" + responseTypes + ",\"scopes_supported\":" + scopes +
           ",\"issuer\":" + jsonQuote(issuer) + ",\"request_uri_parameter_supported\":false" +
           ",\"authorization_endpoint\":" + jsonQuote(oauth + "/authorize") +
           ",\"device_authorization_endpoint\":" + jsonQuote(oauth + "/devicecode") +
           ",\"http_logout_supported\":true,\"frontchannel_logout_supported\":true" +
           ",\"end_session_endpoint\":" + jsonQuote(oauth + "/logout") +
           ",\"claims_supported\":" + jsonArray({"sub", "iss", "aud", "exp", "iat", "nbf", "tid", "ver"}) +
           "}";
}

// Instance discovery for an authorization endpoint: which cloud its host belongs to and where
// its tenant's discovery document is. Hosts of no cloud the emulator serves get Entra's
// invalid_instance, as a foreign host does from the real service.
HttpReply instanceDiscovery(const EntraService& entra, const HttpRequest& req) {
    if (firstValue(req.query, "api-version").empty()) {
        return entra.error(400, "invalid_request", 900144,
                           "The request body must contain the following parameter: 'api-version'.");
    }
    const std::string endpoint = firstValue(req.query, "authorization_endpoint");
    std::string hostAndPort, tenant, tail;
    if (!endpoint.empty()) {
        const std::string scheme = "https://";
        const std::size_t hostEnd = endpoint.find('/', scheme.size());
        const std::size_t tenantEnd =
            hostEnd == std::string::npos ? hostEnd : endpoint.find('/', hostEnd + 1);
        if (toLower(endpoint.substr(0, scheme.size())) == scheme && tenantEnd != std::string::npos) {
            hostAndPort = toLower(endpoint.substr(scheme.size(), hostEnd - scheme.size()));
            tenant = endpoint.substr(hostEnd + 1, tenantEnd - hostEnd - 1);
            tail = endpoint.substr(tenantEnd);
        }
        const std::string host = hostAndPort.substr(0, hostAndPort.rfind(':'));
        const bool known = isPublicAlias(host) || host == kLocalAuthority;
        if (tenant.empty() || !known || (tail != "/oauth2/v2.0/authorize" && tail != "/oauth2/authorize")) {
            HttpReply r = entra.error(400, "invalid_instance", 50049, "Unknown or invalid instance.");
            return r;
        }
    }
    const std::string local =
        hostAndPort.rfind(std::string(kLocalAuthority), 0) == 0 ? hostAndPort : std::string(kLocalAuthority);
    std::string body = "{";
    if (!tenant.empty()) {
        const std::string version = tail == "/oauth2/v2.0/authorize" ? "/v2.0" : "";
        body += "\"tenant_discovery_endpoint\":" +
                jsonQuote("https://" + hostAndPort + "/" + tenant + version +
                          "/.well-known/openid-configuration") +
                ",";
    }
    body += "\"api-version\":\"1.1\",\"metadata\":[{\"preferred_network\":\"login.microsoftonline.com\","
            "\"preferred_cache\":\"login.windows.net\",\"aliases\":[";
    for (std::size_t i = 0; i < kPublicAliases.size(); ++i) {
        body += (i ? "," : "") + jsonQuote(std::string(kPublicAliases[i]));
    }
    body += "]},{\"preferred_network\":" + jsonQuote(local) + ",\"preferred_cache\":" + jsonQuote(local) +
            ",\"aliases\":[" + jsonQuote(local) + "]}]}";
    return documentReply(body);
}

} // namespace

std::optional<HttpReply> discoveryReply(const EntraService& entra, const HttpRequest& req) {
    // "/{tenant}/<rest>"
    const std::string& path = req.path;
    const std::size_t slash = path.find('/', 1);
    if (path.size() < 2 || path[0] != '/' || slash == std::string::npos) return std::nullopt;
    const std::string tenant = path.substr(1, slash - 1);
    const std::string rest = path.substr(slash);
    enum class Kind { V2, V1, Keys, Instance };
    Kind kind;
    if (rest == "/v2.0/.well-known/openid-configuration") {
        kind = Kind::V2;
    } else if (rest == "/.well-known/openid-configuration") {
        kind = Kind::V1;
    } else if (rest == "/discovery/v2.0/keys" || rest == "/discovery/keys") {
        kind = Kind::Keys;
    } else if (rest == "/discovery/instance") {
        kind = Kind::Instance;
    } else {
        return std::nullopt;
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return entra.error(405, "invalid_request", 900561,
                           "The endpoint only accepts GET requests. Received a " + req.method + " request.");
    }
    if (kind == Kind::Instance) return instanceDiscovery(entra, req);
    if (!entra.servesTenant(tenant) && !isMultiTenantAlias(tenant)) {
        return entra.error(400, "invalid_tenant", 90002,
                           "Tenant '" + tenant +
                               "' not found. Check to make sure you have the correct tenant ID and are "
                               "signing into the correct cloud.");
    }
    switch (kind) {
    case Kind::V2:
    case Kind::V1: return documentReply(oidcDocument(kind == Kind::V2, req.baseUrl, req.host, tenant));
    default:
        // The emulator's access tokens are HS256 under a key made per process and never
        // published (like Entra's tokens for Azure resources, they are for the resource alone),
        // and it issues no id tokens: so the set has no key to offer.
        return documentReply("{\"keys\":[]}");
    }
}

} // namespace emu
