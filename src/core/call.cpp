// SPDX-License-Identifier: MIT
#include "core/call.hpp"

#include <algorithm>

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

void readErrorBody(const std::string& body, ServiceErrorInfo& info) {
    rapidjson::Document doc;
    doc.Parse(body.data(), body.size());
    if (doc.HasParseError() || !doc.IsObject()) return;
    const auto* error = findMember(doc, "error");
    if (error && error->IsObject()) {
        // Key Vault: {"error":{"code","message","innererror":{"code"}}}
        if (const auto* c = findMember(*error, "code"); c && c->IsString()) info.serviceCode = c->GetString();
        if (const auto* m = findMember(*error, "message"); m && m->IsString()) info.message = m->GetString();
        if (const auto* inner = findMember(*error, "innererror"); inner && inner->IsObject())
            if (const auto* ic = findMember(*inner, "code"); ic && ic->IsString())
                info.values["innererror"] = ic->GetString();
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
    for (const char* name : {"x-ms-request-id", "request-id"})
        if (auto v = response.headers.get(name)) {
            info.requestId = std::string(*v);
            break;
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

void checkNextLink(const std::string& firstUrl, const std::string& nextLink) {
    Url first, next;
    try {
        first = Url::parse(firstUrl);
        next = Url::parse(nextLink);
    } catch (const InvalidArgument&) {
        throw ParseError("next link is not a valid URL");
    }
    // Key Vault writes next links with an explicit default port (https://v.vault.azure.net:443/...).
    const auto effectivePort = [](const Url& u) {
        return u.port != 0 ? u.port : (u.scheme == "https" ? 443 : 80);
    };
    if (first.scheme != next.scheme || first.host != next.host || effectivePort(first) != effectivePort(next))
        throw ParseError("next link points to another host (" + next.host + "); refusing to follow it");
}

} // namespace kvb::detail
