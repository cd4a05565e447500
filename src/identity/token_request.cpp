// SPDX-License-Identifier: MIT
#include "identity/token_request.hpp"

#include <kvbridge/error.hpp>

#include <cstdlib>

#include "core/call.hpp"
#include "core/json.hpp"
#include "core/time_format.hpp"
#include "core/url.hpp"

namespace kvb::identity {

namespace {

constexpr const char* kPublicCloud = "https://login.microsoftonline.com";

bool isUnreserved(unsigned char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '.' || c == '_' || c == '~';
}

void appendEscaped(std::string& body, std::string_view text) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    for (const char ch : text) {
        const auto c = static_cast<unsigned char>(ch);
        if (isUnreserved(c)) {
            body += ch;
        } else {
            body += '%';
            body += kHex[c >> 4];
            body += kHex[c & 15];
        }
    }
}

std::string firstLine(const std::string& text) {
    return text.substr(0, text.find_first_of("\r\n"));
}

// Seconds as a JSON number or a numeric string.
std::optional<std::int64_t> seconds(const kvb::detail::JsonValue& obj, std::string_view name) {
    const auto* v = kvb::detail::findMember(obj, name);
    if (!v) return std::nullopt;
    if (v->IsInt64()) return v->GetInt64();
    if (v->IsNumber()) return kvb::detail::wholeSeconds(v->GetDouble());
    if (v->IsString()) {
        const std::string text = v->GetString();
        char* end = nullptr;
        const long long n = std::strtoll(text.c_str(), &end, 10);
        if (!text.empty() && end && *end == '\0') return n;
    }
    return std::nullopt;
}

// expires_on as Unix seconds, or a date ("2026-11-28T10:00:00Z", or the old App Service
// "11/28/2026 10:00:00 AM +00:00" which we do not accept: the 2019-08-01 API sends seconds).
std::optional<TimePoint> expiresOn(const kvb::detail::JsonValue& obj) {
    if (auto s = seconds(obj, "expires_on")) return kvb::detail::fromUnixSeconds(*s);
    if (auto text = kvb::detail::optString(obj, "expires_on")) return kvb::detail::parseIso8601(*text);
    return std::nullopt;
}

} // namespace

std::string resolveAuthorityHost(const CredentialOptions& options) {
    std::string host = options.authorityHost;
    if (host.empty()) host = environment("AZURE_AUTHORITY_HOST");
    if (host.empty()) host = kPublicCloud;
    while (!host.empty() && host.back() == '/') host.pop_back();
    const auto url = kvb::detail::Url::parse(host);
    if (url.scheme != "https") throw InvalidArgument("the authority host must be an https URL: " + host);
    return host;
}

void checkTenantId(std::string_view tenantId) {
    if (tenantId.empty()) throw InvalidArgument("the tenant id is empty");
    for (const char ch : tenantId) {
        const auto c = static_cast<unsigned char>(ch);
        if (!(std::isalnum(c) || c == '-' || c == '.'))
            throw InvalidArgument("the tenant id may hold only letters, digits, '-' and '.'");
    }
}

void appendFormField(std::string& body, std::string_view name, std::string_view value) {
    if (!body.empty()) body += '&';
    appendEscaped(body, name);
    body += '=';
    appendEscaped(body, value);
}

void appendClientAssertion(std::string& body, std::string_view assertion) {
    appendFormField(body, "client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
    appendFormField(body, "client_assertion", assertion);
}

std::string environment(const char* name) {
    const char* value = std::getenv(name);
    return value ? value : "";
}

http::RawResponse sendTokenRequest(const http::Pipeline& pipeline, http::Request& request,
                                   std::string_view who, const Context& context) {
    http::RawResponse response;
    try {
        response = pipeline.send(request, context);
    } catch (const http::TransportError& e) {
        throw AuthenticationError(std::string(who) + ": the token endpoint could not be reached (" +
                                  e.what() + ")");
    }
    response.sensitiveBody = true;
    if (response.status == 200) return response;
    const ServiceErrorInfo info = kvb::detail::errorInfoFromResponse(response, request);
    std::string message =
        std::string(who) + " authentication failed (HTTP " + std::to_string(info.httpStatus);
    if (!info.serviceCode.empty()) message += ", " + info.serviceCode;
    message += ")";
    if (!info.message.empty()) message += ": " + firstLine(info.message);
    throw AuthenticationError(message);
}

AccessToken parseTokenResponse(std::string_view body, TimePoint now, std::string_view who) {
    const std::string what = std::string(who) + " token response";
    rapidjson::Document doc;
    try {
        doc = kvb::detail::parseJson(body, what);
    } catch (const ParseError& e) {
        throw AuthenticationError(e.what());
    }
    if (!doc.IsObject()) throw AuthenticationError(what + " is not a JSON object");
    const auto* tokenValue = kvb::detail::findMember(doc, "access_token");
    if (!tokenValue || !tokenValue->IsString() || tokenValue->GetStringLength() == 0)
        throw AuthenticationError(what + " has no access_token");
    AccessToken token;
    token.token = SecretString(std::string_view(tokenValue->GetString(), tokenValue->GetStringLength()));
    if (auto in = seconds(doc, "expires_in")) {
        token.expiresOn = kvb::detail::addSeconds(now, *in);
    } else if (auto on = expiresOn(doc)) {
        token.expiresOn = *on;
    } else {
        throw AuthenticationError(what + " has neither expires_in nor a readable expires_on");
    }
    if (auto refresh = seconds(doc, "refresh_in")) token.refreshOn = kvb::detail::addSeconds(now, *refresh);
    // RapidJSON keeps its own copy of the token text: wipe it before the document goes away.
    auto& mutableToken = doc["access_token"];
    secureWipe(const_cast<char*>(mutableToken.GetString()), mutableToken.GetStringLength());
    return token;
}

std::string joinScopes(const TokenRequestContext& request) {
    std::string out;
    for (const auto& s : request.scopes) {
        if (!out.empty()) out += ' ';
        out += s;
    }
    return out;
}

void checkScopes(const TokenRequestContext& request, std::string_view who) {
    if (request.scopes.empty()) throw InvalidArgument(std::string(who) + ": at least one scope is required");
}

} // namespace kvb::identity
