// SPDX-License-Identifier: MIT
#include "core/call.hpp"

#include <algorithm>
#include <cctype>

#include "core/echo_redaction.hpp"
#include "core/url.hpp"

namespace kvb::detail {

namespace {

// Service messages are kept, but bounded: a huge or hostile body must not become a huge what().
// Only after redaction: a quote cut short here would no longer hold the whole secret, and what
// is left of it would be harder to recognise.
void bound(std::string& text) {
    constexpr std::size_t kMax = 1024;
    if (text.size() > kMax) {
        text.resize(kMax);
        text += "...";
    }
}

void boundAll(ServiceErrorInfo& info) {
    bound(info.serviceCode);
    bound(info.message);
    for (auto& [key, value] : info.values) bound(value);
}

// ARM's "details" tree ({"code","message","target","details":[...]}) flattened into values under
// "details[0].code", "details[0].details[1].message", ...: deployment failures nest the cause
// a level or two down. Bounded in depth and count, like every other part of a service answer.
void readErrorDetails(const JsonValue& error, const std::string& prefix, int depth, ServiceErrorInfo& info) {
    constexpr int kMaxDepth = 3;
    constexpr std::size_t kMaxValues = 48;
    const auto* details = findMember(error, "details");
    if (!details || !details->IsArray() || depth >= kMaxDepth) return;
    std::size_t index = 0;
    for (const auto& detail : details->GetArray()) {
        if (!detail.IsObject() || info.values.size() >= kMaxValues) return;
        const std::string at = prefix + "details[" + std::to_string(index++) + "].";
        for (const char* field : {"code", "message", "target"})
            if (const auto* v = findMember(detail, field); v && v->IsString())
                info.values[at + field] = v->GetString();
        readErrorDetails(detail, at, depth + 1, info);
    }
}

void readErrorBody(const std::string& body, ServiceErrorInfo& info) {
    rapidjson::Document doc;
    doc.Parse(body.data(), body.size());
    if (doc.HasParseError() || !doc.IsObject()) return;
    const auto* error = findMember(doc, "error");
    if (error && error->IsObject()) {
        // Key Vault: {"error":{"code","message","innererror":{"code"}}}
        // Resource Manager: {"error":{"code","message","target","details":[...]}}
        if (const auto* c = findMember(*error, "code"); c && c->IsString()) info.serviceCode = c->GetString();
        if (const auto* m = findMember(*error, "message"); m && m->IsString()) info.message = m->GetString();
        if (const auto* inner = findMember(*error, "innererror"); inner && inner->IsObject())
            if (const auto* ic = findMember(*inner, "code"); ic && ic->IsString())
                info.values["innererror"] = ic->GetString();
        if (const auto* t = findMember(*error, "target"); t && t->IsString())
            info.values["target"] = t->GetString();
        readErrorDetails(*error, "", 0, info);
        return;
    }
    if (error && error->IsString()) {
        // Entra ID: {"error":"invalid_client","error_description":"AADSTS..."}
        info.serviceCode = error->GetString();
        if (const auto* d = findMember(doc, "error_description"); d && d->IsString())
            info.message = d->GetString();
        return;
    }
    // Batch: {"code","message":{"lang","value"},"values":[{"key","value"}]}
    if (const auto* c = findMember(doc, "code"); c && c->IsString()) info.serviceCode = c->GetString();
    if (const auto* m = findMember(doc, "message")) {
        if (m->IsString())
            info.message = m->GetString();
        else if (const auto* v = findMember(*m, "value"); v && v->IsString())
            info.message = v->GetString();
    }
    if (const auto* values = findMember(doc, "values"); values && values->IsArray()) {
        for (const auto& kv : values->GetArray()) {
            const auto* k = findMember(kv, "key");
            const auto* v = findMember(kv, "value");
            if (k && v && k->IsString() && v->IsString()) info.values[k->GetString()] = v->GetString();
        }
    }
}

} // namespace

ServiceErrorInfo errorInfoFromResponse(const http::RawResponse& response, const http::Request& request) {
    ServiceErrorInfo info;
    info.httpStatus = response.status;
    // Resource Manager answers carry a correlation id as well, the one its support asks for
    // first; some of its proxies answer with that alone.
    for (const char* name : {"x-ms-request-id", "request-id", "x-ms-correlation-request-id"})
        if (auto v = response.headers.get(name)) {
            info.requestId = std::string(*v);
            break;
        }
    // Resource Manager's counters of what is left of each throttling quota: on a 429 they say
    // which one ran out ("x-ms-ratelimit-remaining-subscription-writes: 0").
    for (const auto& [name, value] : response.headers.entries()) {
        constexpr std::string_view kRateLimit = "x-ms-ratelimit-remaining-";
        std::string lower(name);
        std::transform(lower.begin(), lower.end(), lower.begin(),
                       [](char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); });
        if (lower == "x-ms-correlation-request-id" || lower.rfind(kRateLimit, 0) == 0)
            info.values[lower] = value;
    }
    for (const char* name : {"x-ms-client-request-id", "client-request-id"})
        if (auto v = request.headers.get(name)) {
            info.clientRequestId = std::string(*v);
            break;
        }
    readErrorBody(response.body, info);
    redactEchoedSecrets(request, info);
    boundAll(info);
    if (info.message.empty() && !response.reason.empty()) info.message = response.reason;
    return info;
}

void throwForResponse(const http::RawResponse& response, const http::Request& request) {
    throwServiceError(errorInfoFromResponse(response, request));
}

http::RawResponse sendExpecting(const http::Pipeline& pipeline, http::Request& request,
                                std::initializer_list<int> ok, const Context& context) {
    http::RawResponse raw = pipeline.send(request, context);
    if (std::find(ok.begin(), ok.end(), raw.status) == ok.end()) throwForResponse(raw, request);
    return raw;
}

Response<std::monostate> sendNoContent(const http::Pipeline& pipeline, http::Request& request,
                                       std::initializer_list<int> ok, const Context& context) {
    http::RawResponse raw = sendExpecting(pipeline, request, ok, context);
    Response<std::monostate> out;
    out.status = raw.status;
    out.headers = std::move(raw.headers);
    return out;
}

void checkNextLink(const std::string& firstUrl, const std::string& nextLink, std::string_view what) {
    Url first, next;
    try {
        first = Url::parse(firstUrl);
        next = Url::parse(nextLink);
    } catch (const InvalidArgument&) {
        throw ParseError(std::string(what) + " is not a valid URL");
    }
    // Key Vault writes next links with an explicit default port (https://v.vault.azure.net:443/...).
    const auto effectivePort = [](const Url& u) {
        return u.port != 0 ? u.port : (u.scheme == "https" ? 443 : 80);
    };
    if (first.scheme != next.scheme || first.host != next.host || effectivePort(first) != effectivePort(next))
        throw ParseError(std::string(what) + " points to another host (" + next.host +
                         "); refusing to follow it");
}

} // namespace kvb::detail
