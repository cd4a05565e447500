// SPDX-License-Identifier: MIT
#include "entra_service.hpp"

#include "crypto_util.hpp"
#include "time_util.hpp"
#include "tls_identity.hpp"
#include "url_util.hpp"

#include <algorithm>
#include <stdexcept>

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

namespace emu {

namespace {

constexpr std::int64_t kSkewSeconds = 300;
constexpr const char* kAssertionType = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

struct X509Free {
    void operator()(X509* p) const { X509_free(p); }
};
using X509Own = std::unique_ptr<X509, X509Free>;

X509Own readPem(const std::string& pem) {
    BIO* bio = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
    if (bio == nullptr) return nullptr;
    X509Own cert(PEM_read_bio_X509(bio, nullptr, nullptr, nullptr));
    BIO_free(bio);
    return cert;
}

bool verifyRs256(X509* cert, const std::string& input, const std::string& sig) {
    EVP_PKEY* key = X509_get0_pubkey(cert);
    if (key == nullptr || EVP_PKEY_base_id(key) != EVP_PKEY_RSA) return false;
    EVP_MD_CTX* ctx = EVP_MD_CTX_new();
    bool ok = ctx != nullptr && EVP_DigestVerifyInit(ctx, nullptr, EVP_sha256(), nullptr, key) == 1 &&
              EVP_DigestVerify(ctx, reinterpret_cast<const unsigned char*>(sig.data()), sig.size(),
                               reinterpret_cast<const unsigned char*>(input.data()), input.size()) == 1;
    EVP_MD_CTX_free(ctx);
    return ok;
}

// "https://<any host>/<tenant>/oauth2/v2.0/token"
bool audienceMatches(const std::string& aud, const std::string& tenant) {
    const std::string prefix = "https://";
    if (aud.rfind(prefix, 0) != 0) return false;
    const std::size_t slash = aud.find('/', prefix.size());
    if (slash == std::string::npos || slash == prefix.size()) return false;
    return aud.substr(slash) == "/" + tenant + "/oauth2/v2.0/token";
}

} // namespace

EntraService::EntraService(const TokenIssuer& issuer) : issuer_(issuer) {
    reset();
}

void EntraService::reset() {
    std::lock_guard lock(mutex_);
    clients_.clear();
    clients_[kDefaultClientId] = EntraClient{kDefaultClientId, kDefaultClientSecret, {}};
    lifetime_ = 3600;
}

void EntraService::registerClient(const EntraClient& client) {
    if (client.clientId.empty()) throw std::invalid_argument("clientId is required");
    for (const auto& pem : client.certPems) {
        if (!readPem(pem)) throw std::invalid_argument("certificatePem is not a PEM certificate");
    }
    std::lock_guard lock(mutex_);
    EntraClient& slot = clients_[client.clientId];
    slot.clientId = client.clientId;
    if (!client.secret.empty()) slot.secret = client.secret;
    for (const auto& pem : client.certPems) slot.certPems.push_back(pem);
}

void EntraService::setTokenLifetime(std::int64_t seconds) {
    std::lock_guard lock(mutex_);
    lifetime_ = seconds;
}

std::int64_t EntraService::tokenLifetime() const {
    std::lock_guard lock(mutex_);
    return lifetime_;
}

HttpReply EntraService::error(int status, const std::string& error, int code, const std::string& text) const {
    const std::string trace = newUuid();
    const std::string correlation = newUuid();
    const std::string stamp = isoTime(nowMillis());
    const std::string description = "AADSTS" + std::to_string(code) + ": " + text + "\r\nTrace ID: " + trace +
                                    "\r\nCorrelation ID: " + correlation + "\r\nTimestamp: " + stamp;
    HttpReply r;
    r.status = status;
    r.body = "{\"error\":" + jsonQuote(error) + ",\"error_description\":" + jsonQuote(description) +
             ",\"error_codes\":[" + std::to_string(code) + "],\"timestamp\":" + jsonQuote(stamp) +
             ",\"trace_id\":" + jsonQuote(trace) + ",\"correlation_id\":" + jsonQuote(correlation) +
             ",\"error_uri\":" +
             jsonQuote("https://login.microsoftonline.com/error?code=" + std::to_string(code)) + "}";
    r.headers.emplace_back("Cache-Control", "no-store, no-cache");
    return r;
}

HttpReply EntraService::tokenReply(const std::string& aud, const std::string& tid,
                                   const std::string& appid) const {
    const std::int64_t life = tokenLifetime();
    HttpReply r;
    r.body = "{\"token_type\":\"Bearer\",\"expires_in\":" + std::to_string(life) +
             ",\"ext_expires_in\":" + std::to_string(life) +
             ",\"access_token\":" + jsonQuote(issuer_.issue(aud, tid, appid, appid, life)) + "}";
    r.headers.emplace_back("Cache-Control", "no-store, no-cache");
    return r;
}

bool EntraService::verifyAssertion(const EntraClient& client, const std::string& tenant,
                                   const std::string& assertion, std::string& why) const {
    const std::size_t dot1 = assertion.find('.');
    const std::size_t dot2 = dot1 == std::string::npos ? dot1 : assertion.find('.', dot1 + 1);
    if (dot2 == std::string::npos) {
        why = "Client assertion is not a valid JWT.";
        return false;
    }
    const auto headerText = base64UrlDecode(assertion.substr(0, dot1));
    const auto payloadText = base64UrlDecode(assertion.substr(dot1 + 1, dot2 - dot1 - 1));
    const auto sig = base64UrlDecode(assertion.substr(dot2 + 1));
    auto header = headerText ? parseJsonObject(*headerText) : nullptr;
    auto payload = payloadText ? parseJsonObject(*payloadText) : nullptr;
    if (!header || !payload || !sig) {
        why = "Client assertion is not a valid JWT.";
        return false;
    }
    if (getString(*header, "alg").value_or("") != "RS256") {
        why = "Client assertion must be signed with RS256.";
        return false;
    }
    const auto x5tS256 = getString(*header, "x5t#S256");
    const auto x5t = getString(*header, "x5t");
    if (!x5tS256 && !x5t) {
        why = "Client assertion header has no x5t or x5t#S256.";
        return false;
    }
    X509Own match;
    for (const auto& pem : client.certPems) {
        X509Own cert = readPem(pem);
        if (!cert) continue;
        const std::string der = x509Der(cert.get());
        const bool hit =
            x5tS256 ? *x5tS256 == base64UrlEncode(sha256(der)) : *x5t == base64UrlEncode(sha1(der));
        if (hit) {
            match = std::move(cert);
            break;
        }
    }
    if (!match) {
        why = "Client assertion contains an invalid signature. The key was not found: no registered "
              "certificate has this thumbprint.";
        return false;
    }
    if (!verifyRs256(match.get(), assertion.substr(0, dot2), *sig)) {
        why = "Client assertion failed signature validation.";
        return false;
    }
    std::string aud = getString(*payload, "aud").value_or("");
    if (!audienceMatches(aud, tenant)) {
        why = "The audience claim of the client assertion is not the token endpoint.";
        return false;
    }
    if (getString(*payload, "iss").value_or("") != client.clientId ||
        getString(*payload, "sub").value_or("") != client.clientId) {
        why = "The iss and sub claims of the client assertion must be the client id.";
        return false;
    }
    const std::int64_t now = nowSeconds();
    const auto exp = getInt(*payload, "exp");
    if (!exp || *exp + kSkewSeconds <= now) {
        why = "The client assertion has expired.";
        return false;
    }
    const auto nbf = getInt(*payload, "nbf");
    if (nbf && *nbf > now + kSkewSeconds) {
        why = "The client assertion is not valid yet.";
        return false;
    }
    return true;
}

EntraReply EntraService::token(const std::string& tenant, const HttpRequest& req) {
    EntraReply out;
    if (tenant != tenant_ &&
        std::find(otherTenants_.begin(), otherTenants_.end(), tenant) == otherTenants_.end()) {
        out.reply = error(400, "invalid_request", 90002,
                          "Tenant '" + tenant +
                              "' not found. Check to make sure you have the "
                              "correct tenant ID and are signing into the correct cloud.");
        return out;
    }
    auto ct = req.headers.find("Content-Type");
    if (ct == req.headers.end() ||
        toLower(ct->second).find("application/x-www-form-urlencoded") == std::string::npos) {
        out.reply = error(400, "invalid_request", 900144,
                          "The request body must contain the following parameter: 'grant_type'.");
        return out;
    }
    auto form = parseForm(req.body);
    const std::string grant = firstValue(form, "grant_type");
    const std::string clientId = firstValue(form, "client_id");
    const std::string scope = firstValue(form, "scope");
    std::string secret = firstValue(form, "client_secret");
    const std::string assertion = firstValue(form, "client_assertion");
    const std::string assertionType = firstValue(form, "client_assertion_type");
    for (auto& kv : form) wipe(kv.second);
    out.clientId = clientId;
    if (grant.empty()) {
        out.reply = error(400, "invalid_request", 900144,
                          "The request body must contain the following parameter: 'grant_type'.");
        return out;
    }
    if (grant != "client_credentials") {
        out.reply = error(400, "unsupported_grant_type", 70003,
                          "The app requested an unsupported grant type '" + grant + "'.");
        return out;
    }
    if (clientId.empty()) {
        out.reply = error(400, "invalid_request", 900144,
                          "The request body must contain the following parameter: 'client_id'.");
        return out;
    }
    if (scope.empty()) {
        out.reply = error(400, "invalid_request", 90014,
                          "The required field 'scope' is missing from the credential.");
        return out;
    }
    const std::string suffix = "/.default";
    if (scope.size() <= suffix.size() ||
        scope.compare(scope.size() - suffix.size(), suffix.size(), suffix) != 0 ||
        scope.find(' ') != std::string::npos) {
        out.reply = error(400, "invalid_scope", 1002012,
                          "The provided value for scope " + scope +
                              " is not valid. Client credential flows must have a scope value "
                              "with /.default suffixed to the resource identifier.");
        return out;
    }
    EntraClient client;
    {
        std::lock_guard lock(mutex_);
        auto it = clients_.find(clientId);
        if (it == clients_.end()) {
            out.reply = error(400, "unauthorized_client", 700016,
                              "Application with identifier '" + clientId +
                                  "' was not found in the directory '" + tenant_ + "'.");
            return out;
        }
        client = it->second;
    }
    bool ok = false;
    if (!assertion.empty() || !assertionType.empty()) {
        std::string why;
        if (assertionType != kAssertionType) {
            why = "The client_assertion_type must be " + std::string(kAssertionType) + ".";
        } else {
            ok = verifyAssertion(client, tenant, assertion, why);
        }
        if (!ok) {
            out.reply = error(401, "invalid_client", 700027, why);
            wipe(client.secret);
            return out;
        }
    } else if (!secret.empty()) {
        ok = !client.secret.empty() && constantTimeEqual(secret, client.secret);
        wipe(secret);
        if (!ok) {
            out.reply = error(401, "invalid_client", 7000215,
                              "Invalid client secret provided. Ensure the secret being sent in the "
                              "request is the client secret value, not the client secret ID, for a "
                              "secret added to app '" +
                                  clientId + "'.");
            wipe(client.secret);
            return out;
        }
    } else {
        out.reply = error(401, "invalid_client", 7000216,
                          "'client_assertion', 'client_secret' or 'request' is required for the "
                          "'client_credentials' grant type.");
        return out;
    }
    wipe(client.secret);
    out.reply = tokenReply(scope.substr(0, scope.size() - suffix.size()), tenant, clientId);
    return out;
}

EntraReply EntraService::managedIdentity(const HttpRequest& req) {
    EntraReply out;
    auto bad = [](int status, const std::string& text) {
        HttpReply r;
        r.status = status;
        r.body = "{\"error\":\"invalid_request\",\"error_description\":" + jsonQuote(text) + "}";
        return r;
    };
    if (firstValue(req.query, "api-version").empty()) {
        out.reply = bad(400, "Required query variable 'api-version' is missing");
        return out;
    }
    const std::string resource = firstValue(req.query, "resource");
    if (resource.empty()) {
        out.reply = bad(400, "Required query variable 'resource' is missing");
        return out;
    }
    std::string id = firstValue(req.query, "client_id");
    if (id.empty()) id = firstValue(req.query, "object_id");
    if (id.empty()) id = firstValue(req.query, "msi_res_id");
    if (id.empty()) id = kSystemAssignedId;
    // A user-assigned identity made through Resource Manager answers to its client id, object id
    // or resource id; its tokens name its client id (appid) and principal id (oid).
    std::string oid = id;
    for (const char* field : {"client_id", "object_id", "msi_res_id"}) {
        const std::string value = firstValue(req.query, field);
        if (value.empty() || !identities_) continue;
        if (auto found = identities_(field, value)) {
            id = found->clientId;
            oid = found->principalId;
        }
        break;
    }
    out.clientId = id;
    const std::int64_t life = tokenLifetime();
    HttpReply r;
    r.body = "{\"access_token\":" + jsonQuote(issuer_.issue(resource, tenant_, id, oid, life)) +
             ",\"expires_in\":\"" + std::to_string(life) + "\",\"expires_on\":\"" +
             std::to_string(nowSeconds() + life) + "\",\"ext_expires_in\":\"" + std::to_string(life) +
             "\",\"not_before\":\"" + std::to_string(nowSeconds()) +
             "\",\"resource\":" + jsonQuote(resource) +
             ",\"token_type\":\"Bearer\",\"client_id\":" + jsonQuote(id) + "}";
    out.reply = r;
    return out;
}

EntraReply EntraService::imds(const HttpRequest& req) {
    auto h = req.headers.find("Metadata");
    if (h == req.headers.end() || toLower(h->second) != "true") {
        EntraReply out;
        out.reply.status = 400;
        out.reply.body =
            R"({"error":"invalid_request","error_description":"Required metadata header not specified"})";
        return out;
    }
    return managedIdentity(req);
}

EntraReply EntraService::appService(const HttpRequest& req) {
    auto h = req.headers.find("X-IDENTITY-HEADER");
    if (h == req.headers.end() || h->second != kIdentityHeader) {
        EntraReply out;
        out.reply.status = 401;
        out.reply.body =
            R"({"statusCode":401,"message":"Unauthorized request: the X-IDENTITY-HEADER header is missing or wrong."})";
        return out;
    }
    return managedIdentity(req);
}

std::string EntraService::saveState() const {
    std::lock_guard lock(mutex_);
    std::string out = "{\"tokenLifetimeSeconds\":" + std::to_string(lifetime_) + ",\"clients\":[";
    bool first = true;
    for (const auto& [id, c] : clients_) {
        if (!first) out += ",";
        first = false;
        out += "{\"clientId\":" + jsonQuote(id);
        if (!c.secret.empty()) out += ",\"secret\":" + jsonQuote(c.secret);
        out += ",\"certificatePems\":[";
        for (std::size_t i = 0; i < c.certPems.size(); ++i) {
            out += (i ? "," : "") + jsonQuote(c.certPems[i]);
        }
        out += "]}";
    }
    return out + "]}";
}

void EntraService::loadState(const JsonValue& state) {
    if (!state.IsObject()) return;
    if (auto life = getInt(state, "tokenLifetimeSeconds")) setTokenLifetime(*life);
    auto it = state.FindMember("clients");
    if (it == state.MemberEnd() || !it->value.IsArray()) return;
    for (const auto& c : it->value.GetArray()) {
        EntraClient client;
        client.clientId = getString(c, "clientId").value_or("");
        client.secret = getString(c, "secret").value_or("");
        if (auto pem = getString(c, "certificatePem")) client.certPems.push_back(*pem);
        auto pems = c.FindMember("certificatePems");
        if (pems != c.MemberEnd() && pems->value.IsArray()) {
            for (const auto& p : pems->value.GetArray()) {
                if (p.IsString()) client.certPems.emplace_back(p.GetString(), p.GetStringLength());
            }
        }
        registerClient(client);
    }
}

} // namespace emu
