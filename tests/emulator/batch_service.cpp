// SPDX-License-Identifier: MIT
#include "batch_service.hpp"

#include "crypto_util.hpp"
#include "odata_filter.hpp"
#include "shared_key.hpp"
#include "time_util.hpp"
#include "url_util.hpp"

#include <algorithm>
#include <cstdlib>

namespace emu {

namespace {

constexpr std::int64_t kMaxSkewSeconds = 15 * 60;
constexpr int kMaxResults = 1000;

std::vector<std::string> splitPath(const std::string& path) {
    std::vector<std::string> parts;
    std::size_t start = 1;
    while (start <= path.size()) {
        std::size_t slash = path.find('/', start);
        if (slash == std::string::npos) slash = path.size();
        parts.push_back(path.substr(start, slash - start));
        start = slash + 1;
    }
    if (!parts.empty() && parts.back().empty()) parts.pop_back();
    return parts;
}

[[noreturn]] void authFailed(const std::string& detail) {
    throw BatchFailure(403, "AuthenticationFailed",
                       "Server failed to authenticate the request. Make sure the value of Authorization "
                       "header is formed correctly including the signature.",
                       {{"AuthenticationErrorDetail", detail}});
}

[[noreturn]] void notFound(const std::string& code, const std::string& message) {
    throw BatchFailure(404, code, message);
}

std::unique_ptr<JsonDoc> parseBody(const HttpRequest& req) {
    auto doc = parseJsonObject(req.body);
    if (!doc)
        throw BatchFailure(400, "InvalidRequestBody",
                           "The specified Request Body is not syntactically valid.");
    return doc;
}

void requireMembers(const JsonValue& body, std::initializer_list<const char*> names) {
    for (const char* name : names) {
        if (!body.HasMember(name)) {
            throw BatchFailure(400, "MissingRequiredProperty",
                               "A required property was not specified in the request body.",
                               {{"PropertyName", name}});
        }
    }
}

void requireArrays(const JsonValue& body, std::initializer_list<const char*> names) {
    requireMembers(body, names);
    for (const char* name : names) {
        if (!body[name].IsArray()) {
            throw BatchFailure(400, "InvalidPropertyValue",
                               "The value provided for one of the properties in the request body is invalid.",
                               {{"PropertyName", name}, {"Reason", "The value must be an array."}});
        }
    }
}

const char* entityTypeName(const std::string& kind) {
    if (kind == "pools") return "Pool";
    if (kind == "jobschedules") return "JobSchedule";
    return "Job";
}

void touch(JsonDoc& doc) {
    auto& a = doc.GetAllocator();
    setString(doc, "eTag", newEtag(), a);
    setString(doc, "lastModified", isoTime(nowMillis()), a);
}

// Server-side properties a freshly added entity carries; kept when a seed already has them.
void fillComputed(JsonDoc& doc, const std::string& kind) {
    auto& a = doc.GetAllocator();
    const std::string now = isoTime(nowMillis());
    const JsonValue nowV(now.c_str(), a);
    defaultMember(doc, "eTag", JsonValue(newEtag().c_str(), a), a);
    defaultMember(doc, "lastModified", nowV, a);
    defaultMember(doc, "creationTime", nowV, a);
    defaultMember(doc, "state", JsonValue("active"), a);
    defaultMember(doc, "stateTransitionTime", nowV, a);
    if (kind == "pools") {
        defaultMember(doc, "allocationState", JsonValue("steady"), a);
        defaultMember(doc, "allocationStateTransitionTime", nowV, a);
        defaultMember(doc, "resizeTimeout", JsonValue("PT15M"), a);
        for (const char* n : {"currentDedicatedNodes", "currentLowPriorityNodes", "targetDedicatedNodes",
                              "targetLowPriorityNodes"}) {
            defaultMember(doc, n, JsonValue(0), a);
        }
        defaultMember(doc, "enableAutoScale", JsonValue(false), a);
        defaultMember(doc, "enableInterNodeCommunication", JsonValue(false), a);
        defaultMember(doc, "taskSlotsPerNode", JsonValue(1), a);
    } else if (kind == "jobs") {
        defaultMember(doc, "priority", JsonValue(0), a);
    }
}

std::string entityId(const JsonValue& body) {
    auto id = getString(body, "id");
    if (!id || id->empty()) {
        throw BatchFailure(400, "MissingRequiredProperty",
                           "A required property was not specified in the request body.",
                           {{"PropertyName", "id"}});
    }
    return *id;
}

// The entity as returned: stored JSON plus its url, optionally narrowed by $select.
std::unique_ptr<JsonDoc> present(const JsonValue& stored, const std::string& url, const HttpRequest& req) {
    auto doc = cloneJson(stored);
    setString(*doc, "url", url, doc->GetAllocator());
    const std::string select = firstValue(req.query, "$select");
    return select.empty() ? std::move(doc) : applySelect(*doc, select);
}

HttpReply withEntityHeaders(HttpReply r, const JsonValue& stored) {
    if (auto etag = getString(stored, "eTag")) r.headers.emplace_back("ETag", *etag);
    r.headers.emplace_back("Last-Modified", httpDate(nowSeconds()));
    return r;
}

void checkIfMatch(const HttpRequest& req, const JsonValue& stored) {
    auto it = req.headers.find("If-Match");
    if (it != req.headers.end() && it->second != "*" &&
        it->second != getString(stored, "eTag").value_or("")) {
        throw BatchFailure(412, "ConditionNotMet",
                           "The condition specified using HTTP conditional header(s) is not met.");
    }
}

} // namespace

BatchService::BatchService(const TokenIssuer& issuer, std::string tenant)
    : issuer_(issuer), tenant_(std::move(tenant)) {
    reset();
}

void BatchService::reset() {
    std::lock_guard lock(mutex_);
    accounts_.clear();
    BatchAccount& a = accounts_[kDefaultAccount];
    a.name = kDefaultAccount;
    a.region = kDefaultRegion;
    a.key = kDefaultKey;
}

std::vector<std::string> BatchService::regions() const {
    std::lock_guard lock(mutex_);
    std::vector<std::string> out;
    for (const auto& [name, a] : accounts_) {
        if (std::find(out.begin(), out.end(), a.region) == out.end()) out.push_back(a.region);
    }
    return out;
}

HttpReply BatchService::error(const HttpRequest& req, int status, const std::string& code,
                              const std::string& message,
                              const std::vector<std::pair<std::string, std::string>>& values) {
    const std::string requestId = newUuid();
    const std::string text = message + "\nRequestId:" + requestId + "\nTime:" + isoTime(nowMillis());
    std::string body =
        "{\"odata.metadata\":" +
        jsonQuote(req.baseUrl +
                  "/$metadata#Microsoft.Azure.Batch.Protocol.Entities.Container.errors/@Element") +
        ",\"code\":" + jsonQuote(code) + ",\"message\":{\"lang\":\"en-US\",\"value\":" + jsonQuote(text) +
        "}";
    if (!values.empty()) {
        body += ",\"values\":[";
        for (std::size_t i = 0; i < values.size(); ++i) {
            body += std::string(i ? "," : "") + "{\"key\":" + jsonQuote(values[i].first) +
                    ",\"value\":" + jsonQuote(values[i].second) + "}";
        }
        body += "]";
    }
    HttpReply r;
    r.status = status;
    r.body = body + "}";
    r.contentType = "application/json;odata=minimalmetadata";
    r.headers.emplace_back("request-id", requestId);
    return r;
}

void BatchService::authenticate(const BatchAccount& account, const HttpRequest& req) const {
    auto auth = req.headers.find("Authorization");
    if (auth == req.headers.end() || auth->second.empty()) authFailed("The Authorization header is missing.");
    const std::string& value = auth->second;
    if (value.rfind("Bearer ", 0) == 0) {
        auto claims = issuer_.validate(value.substr(7));
        if (!claims) authFailed("The access token is invalid or has expired.");
        if (claims->aud != "https://batch.core.windows.net/" &&
            claims->aud != "https://batch.core.windows.net") {
            authFailed("The access token has the wrong audience.");
        }
        if (claims->tid != tenant_) authFailed("The access token is from the wrong tenant.");
        return;
    }
    const std::string prefix = "SharedKey ";
    if (value.rfind(prefix, 0) != 0)
        authFailed("The Authorization header scheme is not SharedKey or Bearer.");
    const std::size_t colon = value.find(':', prefix.size());
    if (colon == std::string::npos) authFailed("The SharedKey Authorization header is malformed.");
    if (value.substr(prefix.size(), colon - prefix.size()) != account.name) {
        authFailed("The account name in the Authorization header does not match the request host.");
    }
    auto date = req.headers.find("ocp-date");
    if (date == req.headers.end()) date = req.headers.find("Date");
    if (date == req.headers.end()) authFailed("The request has neither an ocp-date nor a Date header.");
    auto when = parseHttpDate(date->second);
    if (!when) authFailed("The request date is not an RFC 1123 date.");
    if (std::llabs(*when - nowSeconds()) > kMaxSkewSeconds) {
        authFailed("The request date is more than 15 minutes away from the server time.");
    }
    const std::string expected = sharedKeySignature(account.key, sharedKeyStringToSign(req, account.name));
    if (expected.empty() || !constantTimeEqual(value.substr(colon + 1), expected)) {
        authFailed("The MAC signature found in the HTTP request is not the same as any computed "
                   "signature.");
    }
}

HttpReply BatchService::handle(const std::string& accountName, const HttpRequest& req) {
    HttpReply reply;
    try {
        std::lock_guard lock(mutex_);
        auto it = accounts_.find(toLower(accountName));
        if (it == accounts_.end()) notFound("AccountNotFound", "The specified account does not exist.");
        authenticate(it->second, req);
        const std::string version = firstValue(req.query, "api-version");
        if (version.empty()) {
            throw BatchFailure(400, "MissingRequiredQueryParameter",
                               "A query parameter that's mandatory for this request is not specified.",
                               {{"QueryParameterName", "api-version"}});
        }
        if (version != kApiVersion) {
            throw BatchFailure(
                400, "InvalidQueryParameterValue",
                "Value for one of the query parameters specified in the request URI is invalid.",
                {{"QueryParameterName", "api-version"},
                 {"QueryParameterValue", version},
                 {"Reason", std::string("The only supported api-version is ") + kApiVersion}});
        }
        reply = route(it->second, req, req.baseUrl);
        if (reply.headers.empty() || reply.headers.front().first != "request-id") {
            reply.headers.emplace(reply.headers.begin(), "request-id", newUuid());
        }
    } catch (const BatchFailure& f) {
        reply = error(req, f.status, f.code, f.what(), f.values);
    }
    auto ret = req.headers.find("return-client-request-id");
    auto cid = req.headers.find("client-request-id");
    if (ret != req.headers.end() && toLower(ret->second) == "true" && cid != req.headers.end()) {
        reply.headers.emplace_back("client-request-id", cid->second);
    }
    reply.headers.emplace_back("DataServiceVersion", "3.0");
    if (reply.contentType.rfind("application/json", 0) == 0)
        reply.contentType = "application/json;odata=minimalmetadata";
    return reply;
}

namespace {

[[noreturn]] void methodNotAllowed() {
    throw BatchFailure(405, "UnsupportedHttpVerb", "The resource doesn't support the specified HTTP verb.");
}

HttpReply listReply(const HttpRequest& req, const std::string& kind,
                    std::vector<std::unique_ptr<JsonDoc>> items) {
    const std::string filterText = firstValue(req.query, "$filter");
    std::vector<std::unique_ptr<JsonDoc>> kept;
    try {
        if (!filterText.empty()) {
            ODataFilter filter(filterText);
            for (auto& item : items) {
                if (filter.matches(*item)) kept.push_back(std::move(item));
            }
        } else {
            kept = std::move(items);
        }
    } catch (const std::invalid_argument& e) {
        throw BatchFailure(
            400, "InvalidQueryParameterValue",
            "Value for one of the query parameters specified in the request URI is invalid.",
            {{"QueryParameterName", "$filter"}, {"QueryParameterValue", filterText}, {"Reason", e.what()}});
    }
    auto intParam = [&](const char* name, long lo, long hi, long dflt) {
        const std::string text = firstValue(req.query, name);
        if (text.empty()) return dflt;
        char* end = nullptr;
        const long v = std::strtol(text.c_str(), &end, 10);
        if (*end != '\0' || v < lo || v > hi) {
            throw BatchFailure(
                400, "InvalidQueryParameterValue",
                "Value for one of the query parameters specified in the request URI is invalid.",
                {{"QueryParameterName", name}, {"QueryParameterValue", text}});
        }
        return v;
    };
    const long max = intParam("maxresults", 1, kMaxResults, kMaxResults);
    const long skip = intParam("$skiptoken", 0, 1L << 30, 0);
    const std::string select = firstValue(req.query, "$select");
    JsonDoc out;
    out.SetObject();
    auto& a = out.GetAllocator();
    setString(out, "odata.metadata", req.baseUrl + "/$metadata#" + kind, a);
    JsonValue value(rapidjson::kArrayType);
    for (long i = skip; i < static_cast<long>(kept.size()) && i < skip + max; ++i) {
        auto shown = select.empty() ? std::move(kept[static_cast<std::size_t>(i)])
                                    : applySelect(*kept[static_cast<std::size_t>(i)], select);
        value.PushBack(JsonValue(*shown, a), a);
    }
    out.AddMember("value", value, a);
    if (skip + max < static_cast<long>(kept.size())) {
        std::string link = req.baseUrl + req.rawPath + "?api-version=" + BatchService::kApiVersion +
                           "&maxresults=" + std::to_string(max) + "&$skiptoken=" + std::to_string(skip + max);
        if (!filterText.empty()) link += "&$filter=" + urlEncode(filterText);
        if (!select.empty()) link += "&$select=" + urlEncode(select);
        setString(out, "odata.nextLink", link, a);
    }
    HttpReply r;
    r.body = toJson(out);
    return r;
}

} // namespace

HttpReply BatchService::route(BatchAccount& account, const HttpRequest& req, const std::string&) {
    const std::string& path = req.path;
    if (path == "/certificates" || path.rfind("/certificates(", 0) == 0) {
        if (account.retired) {
            throw BatchFailure(400, "CertificateRetired",
                               "The Batch certificate feature was retired on 2024-02-29. Use the Azure Key "
                               "Vault VM extension to install certificates on pool nodes.");
        }
        return certificates(account, req, path.substr(std::string("/certificates").size()));
    }
    const auto parts = splitPath(path);
    if (!parts.empty() && parts[0] == "pools") return pools(account, req, parts);
    if (!parts.empty() && parts[0] == "jobschedules")
        return entities(account, account.jobSchedules, "jobschedules", req, parts);
    if (!parts.empty() && parts[0] == "jobs") return entities(account, account.jobs, "jobs", req, parts);
    if (parts.size() == 1 && parts[0] == "poolusagemetrics") {
        if (req.method != "GET") methodNotAllowed();
        std::vector<std::unique_ptr<JsonDoc>> items;
        const std::int64_t now = nowMillis();
        for (const auto& [id, pool] : account.pools) {
            auto doc = std::make_unique<JsonDoc>();
            doc->SetObject();
            auto& a = doc->GetAllocator();
            setString(*doc, "poolId", getString(*pool, "id").value_or(id), a);
            setString(*doc, "startTime", isoTime(now - now % 1800000 - 1800000), a);
            setString(*doc, "endTime", isoTime(now - now % 1800000), a);
            setString(*doc, "vmSize", getString(*pool, "vmSize").value_or(""), a);
            setMember(*doc, "totalCoreHours", JsonValue(0.0), a);
            items.push_back(std::move(doc));
        }
        return listReply(req, "poolusagemetrics", std::move(items));
    }
    throw BatchFailure(404, "InvalidUri", "The requested URI does not represent any resource on the server.",
                       {{"UriPath", path}});
}

void BatchService::deleteCertificate(BatchAccount& account, BatchCertificate& cert) {
    std::vector<std::string> blocking;
    for (const auto& [id, pool] : account.pools) {
        const auto refs = referencedThumbprints(*pool);
        if (std::find(refs.begin(), refs.end(), cert.thumbprint) != refs.end()) {
            blocking.push_back(getString(*pool, "id").value_or(id));
        }
    }
    if (blocking.empty()) {
        account.certificates.erase(cert.thumbprint);
        return;
    }
    const std::int64_t now = nowMillis();
    cert.previousState = "deleting";
    cert.previousStateMs = now;
    cert.state = "deletefailed";
    cert.stateMs = now;
    cert.blockingPools = blocking;
}

HttpReply BatchService::certificates(BatchAccount& account, const HttpRequest& req, const std::string& rest) {
    if (rest.empty()) {
        if (req.method == "POST") {
            auto body = parseBody(req);
            BatchCertificate cert = certificateFromAddParameter(*body);
            if (account.certificates.count(cert.thumbprint)) {
                throw BatchFailure(409, "CertificateExists", "The specified certificate already exists.");
            }
            const std::string url =
                req.baseUrl + "/certificates(thumbprintAlgorithm=sha1,thumbprint=" + cert.thumbprint + ")";
            account.certificates[cert.thumbprint] = cert;
            HttpReply r;
            r.status = 201;
            r.headers.emplace_back("DataServiceId", url);
            r.headers.emplace_back("ETag", newEtag());
            r.headers.emplace_back("Last-Modified", httpDate(nowSeconds()));
            r.contentType = "";
            return r;
        }
        if (req.method != "GET") methodNotAllowed();
        std::vector<std::unique_ptr<JsonDoc>> items;
        for (const auto& [tp, cert] : account.certificates)
            items.push_back(certificateJson(cert, req.baseUrl));
        return listReply(req, "certificates", std::move(items));
    }
    // "(thumbprintAlgorithm=sha1,thumbprint=abc)" optionally followed by "/canceldelete"
    const std::string algPrefix = "(thumbprintAlgorithm=";
    const std::size_t comma = rest.find(",thumbprint=");
    const std::size_t close = rest.find(')');
    if (rest.rfind(algPrefix, 0) != 0 || comma == std::string::npos || close == std::string::npos ||
        close < comma) {
        throw BatchFailure(400, "InvalidUri",
                           "The requested URI does not represent any resource on the server.",
                           {{"UriPath", req.path}});
    }
    const std::string alg = toLower(rest.substr(algPrefix.size(), comma - algPrefix.size()));
    const std::string thumbprint = toLower(rest.substr(comma + 12, close - comma - 12));
    const std::string tail = rest.substr(close + 1);
    if (tail != "" && tail != "/canceldelete") {
        throw BatchFailure(404, "InvalidUri",
                           "The requested URI does not represent any resource on the server.",
                           {{"UriPath", req.path}});
    }
    if (alg != "sha1") {
        throw BatchFailure(400, "InvalidUri", "The thumbprint algorithm must be sha1.",
                           {{"UriPath", req.path}});
    }
    auto it = account.certificates.find(thumbprint);
    const bool isGet = req.method == "GET", isDelete = req.method == "DELETE", isPost = req.method == "POST";
    if ((tail.empty() && !isGet && !isDelete) || (!tail.empty() && !isPost)) methodNotAllowed();
    if (it == account.certificates.end())
        notFound("CertificateNotFound", "The specified certificate does not exist.");
    BatchCertificate& cert = it->second;
    HttpReply r;
    if (isGet) {
        auto doc = certificateJson(cert, req.baseUrl);
        const std::string select = firstValue(req.query, "$select");
        r.body = toJson(select.empty() ? *doc : *applySelect(*doc, select));
        return r;
    }
    r.contentType = "";
    if (isDelete) {
        if (cert.state == "deleting") {
            throw BatchFailure(
                409, "CertificateBeingDeleted",
                "The specified certificate has been marked for deletion and is being deleted.");
        }
        deleteCertificate(account, cert);
        r.status = 202;
        return r;
    }
    if (cert.state != "deletefailed") {
        throw BatchFailure(409, "CertificateStateActive",
                           "The specified certificate is not in the deletefailed state.");
    }
    cert.previousState = cert.state;
    cert.previousStateMs = cert.stateMs;
    cert.state = "active";
    cert.stateMs = nowMillis();
    cert.blockingPools.clear();
    r.status = 204;
    return r;
}

HttpReply BatchService::entities(BatchAccount&, EntityTable& table, const std::string& kind,
                                 const HttpRequest& req, const std::vector<std::string>& parts) {
    if (parts.size() == 1) {
        if (req.method == "POST") {
            auto body = parseBody(req);
            const std::string id = entityId(*body);
            if (kind == "pools") requireMembers(*body, {"vmSize"});
            if (kind == "jobschedules") requireMembers(*body, {"schedule", "jobSpecification"});
            if (kind == "jobs") requireMembers(*body, {"poolInfo"});
            if (table.count(toLower(id))) {
                throw BatchFailure(409, std::string(entityTypeName(kind)) + "Exists",
                                   std::string("The specified ") + entityTypeName(kind) + " already exists.");
            }
            fillComputed(*body, kind);
            const std::string url = req.baseUrl + "/" + kind + "/" + id;
            HttpReply r;
            r.status = 201;
            r.contentType = "";
            r.headers.emplace_back("DataServiceId", url);
            r = withEntityHeaders(std::move(r), *body);
            table[toLower(id)] = std::move(body);
            return r;
        }
        if (req.method != "GET") methodNotAllowed();
        std::vector<std::unique_ptr<JsonDoc>> items;
        for (const auto& [key, e] : table) {
            auto doc = cloneJson(*e);
            setString(*doc, "url", req.baseUrl + "/" + kind + "/" + getString(*e, "id").value_or(key),
                      doc->GetAllocator());
            items.push_back(std::move(doc));
        }
        return listReply(req, kind, std::move(items));
    }
    if (parts.size() != 2) {
        throw BatchFailure(404, "InvalidUri",
                           "The requested URI does not represent any resource on the server.",
                           {{"UriPath", req.path}});
    }
    auto it = table.find(toLower(parts[1]));
    const std::string typeName = entityTypeName(kind);
    if (req.method == "HEAD") {
        HttpReply r;
        r.contentType = "";
        r.status = it == table.end() ? 404 : 200;
        return it == table.end() ? r : withEntityHeaders(r, *it->second);
    }
    if (req.method != "GET" && req.method != "DELETE" && req.method != "PATCH") methodNotAllowed();
    if (it == table.end()) notFound(typeName + "NotFound", "The specified " + typeName + " does not exist.");
    JsonDoc& stored = *it->second;
    HttpReply r;
    if (req.method == "GET") {
        r.body = toJson(*present(
            stored, req.baseUrl + "/" + kind + "/" + getString(stored, "id").value_or(parts[1]), req));
        return withEntityHeaders(std::move(r), stored);
    }
    checkIfMatch(req, stored);
    r.contentType = "";
    if (req.method == "DELETE") {
        table.erase(it);
        r.status = 202;
        return r;
    }
    auto body = parseBody(req);
    for (auto& m : body->GetObject()) {
        const std::string name = m.name.GetString();
        if (name == "id") continue;
        setMember(stored, name.c_str(), m.value, stored.GetAllocator());
    }
    touch(stored);
    return withEntityHeaders(std::move(r), stored);
}

HttpReply BatchService::pools(BatchAccount& account, const HttpRequest& req,
                              const std::vector<std::string>& parts) {
    if (parts.size() <= 2) return entities(account, account.pools, "pools", req, parts);
    if (parts.size() != 3) {
        throw BatchFailure(404, "InvalidUri",
                           "The requested URI does not represent any resource on the server.",
                           {{"UriPath", req.path}});
    }
    static const std::vector<std::string> kActions = {
        "updateproperties", "enableautoscale", "disableautoscale", "evaluateautoscale",
        "resize",           "stopresize",      "removenodes"};
    if (std::find(kActions.begin(), kActions.end(), parts[2]) == kActions.end()) {
        throw BatchFailure(404, "InvalidUri",
                           "The requested URI does not represent any resource on the server.",
                           {{"UriPath", req.path}});
    }
    if (req.method != "POST") methodNotAllowed();
    auto it = account.pools.find(toLower(parts[1]));
    if (it == account.pools.end()) notFound("PoolNotFound", "The specified pool does not exist.");
    checkIfMatch(req, *it->second);
    return poolAction(account, req, *it->second, parts[2]);
}

HttpReply BatchService::poolAction(BatchAccount&, const HttpRequest& req, JsonDoc& pool,
                                   const std::string& action) {
    auto& a = pool.GetAllocator();
    HttpReply r;
    r.contentType = "";
    const bool needsBody = action != "disableautoscale" && action != "stopresize";
    std::unique_ptr<JsonDoc> body = needsBody ? parseBody(req) : nullptr;
    const bool autoScale = getBool(pool, "enableAutoScale").value_or(false);
    if (action == "updateproperties") {
        requireArrays(*body, {"certificateReferences", "applicationPackageReferences", "metadata"});
        for (const char* n : {"certificateReferences", "applicationPackageReferences", "metadata"})
            setMember(pool, n, (*body)[n], a);
        if (body->HasMember("startTask"))
            setMember(pool, "startTask", (*body)["startTask"], a);
        else
            pool.RemoveMember("startTask");
        if (body->HasMember("targetNodeCommunicationMode"))
            setMember(pool, "targetNodeCommunicationMode", (*body)["targetNodeCommunicationMode"], a);
        r.status = 204;
    } else if (action == "enableautoscale") {
        setBool(pool, "enableAutoScale", true, a);
        for (const char* n : {"autoScaleFormula", "autoScaleEvaluationInterval"}) {
            if (body->HasMember(n)) setMember(pool, n, (*body)[n], a);
        }
    } else if (action == "disableautoscale") {
        setBool(pool, "enableAutoScale", false, a);
    } else if (action == "evaluateautoscale") {
        requireMembers(*body, {"autoScaleFormula"});
        if (!autoScale)
            throw BatchFailure(409, "AutoScalingNotEnabledForPool",
                               "The specified pool does not have autoscale enabled.");
        const std::string formula = getString(*body, "autoScaleFormula").value_or("");
        r.contentType = "application/json";
        r.body = "{\"timestamp\":" + jsonQuote(isoTime(nowMillis())) +
                 ",\"results\":" + jsonQuote(formula + ";$NodeDeallocationOption=requeue") + "}";
        return r;
    } else if (action == "resize") {
        if (autoScale)
            throw BatchFailure(409, "AutoScalingEnabledForPool", "The specified pool has autoscale enabled.");
        for (const char* n : {"targetDedicatedNodes", "targetLowPriorityNodes"}) {
            if (body->HasMember(n)) setMember(pool, n, (*body)[n], a);
        }
        r.status = 202;
    } else if (action == "stopresize") {
        r.status = 202;
    } else { // removenodes
        requireArrays(*body, {"nodeList"});
        r.status = 202;
    }
    touch(pool);
    return withEntityHeaders(std::move(r), pool);
}

BatchAccount& BatchService::accountOrThrow(const std::string& name) {
    auto it = accounts_.find(toLower(name));
    if (it == accounts_.end()) notFound("AccountNotFound", "The specified account does not exist.");
    return it->second;
}

void BatchService::seedAccount(const JsonValue& body) {
    const std::string name = toLower(getString(body, "name").value_or(""));
    if (name.empty() || name.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789") != std::string::npos) {
        throw BatchFailure(400, "InvalidPropertyValue",
                           "The account name must be lower-case letters and digits.",
                           {{"PropertyName", "name"}});
    }
    const std::string key = getString(body, "key").value_or(kDefaultKey);
    auto decoded = base64Decode(key);
    if (!decoded || decoded->empty()) {
        throw BatchFailure(400, "InvalidPropertyValue", "The account key must be base64.",
                           {{"PropertyName", "key"}});
    }
    wipe(*decoded);
    std::lock_guard lock(mutex_);
    BatchAccount& a = accounts_[name];
    a.name = name;
    a.region = toLower(getString(body, "region").value_or(kDefaultRegion));
    a.key = key;
    if (auto retired = getBool(body, "retired")) a.retired = *retired;
}

void BatchService::seedCertificate(const std::string& account, const JsonValue& body) {
    BatchCertificate cert = certificateFromAddParameter(body);
    std::lock_guard lock(mutex_);
    accountOrThrow(account).certificates[cert.thumbprint] = cert;
}

void BatchService::seedEntity(const std::string& account, const std::string& kind, const JsonValue& body) {
    if (!body.IsObject()) throw BatchFailure(400, "InvalidRequestBody", "The body must be a JSON object.");
    const std::string id = entityId(body);
    auto doc = cloneJson(body);
    doc->RemoveMember("url");
    fillComputed(*doc, kind);
    std::lock_guard lock(mutex_);
    BatchAccount& a = accountOrThrow(account);
    EntityTable& table = kind == "pools" ? a.pools : kind == "jobschedules" ? a.jobSchedules : a.jobs;
    table[toLower(id)] = std::move(doc);
}

void BatchService::setRetired(const std::string& account, bool retired) {
    std::lock_guard lock(mutex_);
    accountOrThrow(account).retired = retired;
}

void BatchService::loadSeeds(const JsonValue& config) {
    auto accounts = config.FindMember("batchAccounts");
    if (accounts == config.MemberEnd()) return;
    if (!accounts->value.IsArray())
        throw BatchFailure(400, "InvalidPropertyValue", "batchAccounts must be an array.");
    for (const auto& acc : accounts->value.GetArray()) {
        seedAccount(acc);
        const std::string name = toLower(getString(acc, "name").value_or(""));
        auto each = [&](const char* member, auto&& fn) {
            auto m = acc.FindMember(member);
            if (m == acc.MemberEnd()) return;
            if (!m->value.IsArray())
                throw BatchFailure(400, "InvalidPropertyValue", std::string(member) + " must be an array.");
            for (const auto& item : m->value.GetArray()) fn(item);
        };
        each("certificates", [&](const JsonValue& c) {
            if (c.IsObject() && c.HasMember("state")) {
                // A saved certificate (from --state) rather than an add parameter.
                BatchCertificate cert;
                cert.thumbprint = toLower(getString(c, "thumbprint").value_or(""));
                cert.publicData = getString(c, "publicData").value_or("");
                cert.format = getString(c, "format").value_or("pfx");
                cert.state = getString(c, "state").value_or("active");
                cert.previousState = getString(c, "previousState").value_or("");
                cert.stateMs = getInt(c, "stateMs").value_or(nowMillis());
                cert.previousStateMs = getInt(c, "previousStateMs").value_or(0);
                auto pools = c.FindMember("blockingPools");
                if (pools != c.MemberEnd() && pools->value.IsArray()) {
                    for (const auto& p : pools->value.GetArray()) {
                        if (p.IsString()) cert.blockingPools.emplace_back(p.GetString());
                    }
                }
                std::lock_guard lock(mutex_);
                accountOrThrow(name).certificates[cert.thumbprint] = cert;
            } else {
                seedCertificate(name, c);
            }
        });
        each("pools", [&](const JsonValue& p) { seedEntity(name, "pools", p); });
        each("jobSchedules", [&](const JsonValue& p) { seedEntity(name, "jobschedules", p); });
        each("jobs", [&](const JsonValue& p) { seedEntity(name, "jobs", p); });
    }
}

std::string BatchService::saveState() const {
    std::lock_guard lock(mutex_);
    JsonDoc doc;
    doc.SetObject();
    auto& a = doc.GetAllocator();
    JsonValue accounts(rapidjson::kArrayType);
    for (const auto& [name, acc] : accounts_) {
        JsonValue o(rapidjson::kObjectType);
        setString(o, "name", acc.name, a);
        setString(o, "region", acc.region, a);
        setString(o, "key", acc.key, a);
        setBool(o, "retired", acc.retired, a);
        JsonValue certs(rapidjson::kArrayType);
        for (const auto& [tp, c] : acc.certificates) {
            JsonValue cv(rapidjson::kObjectType);
            setString(cv, "thumbprint", c.thumbprint, a);
            setString(cv, "publicData", c.publicData, a);
            setString(cv, "format", c.format, a);
            setString(cv, "state", c.state, a);
            setString(cv, "previousState", c.previousState, a);
            setInt(cv, "stateMs", c.stateMs, a);
            setInt(cv, "previousStateMs", c.previousStateMs, a);
            JsonValue pools(rapidjson::kArrayType);
            for (const auto& p : c.blockingPools) pools.PushBack(JsonValue(p.c_str(), a), a);
            cv.AddMember("blockingPools", pools, a);
            certs.PushBack(cv, a);
        }
        o.AddMember("certificates", certs, a);
        auto table = [&](const char* member, const EntityTable& t) {
            JsonValue arr(rapidjson::kArrayType);
            for (const auto& [id, e] : t) arr.PushBack(JsonValue(*e, a), a);
            o.AddMember(JsonValue(member, a), arr, a);
        };
        table("pools", acc.pools);
        table("jobSchedules", acc.jobSchedules);
        table("jobs", acc.jobs);
        accounts.PushBack(o, a);
    }
    doc.AddMember("batchAccounts", accounts, a);
    return toJson(doc);
}

void BatchService::loadState(const JsonValue& state) {
    {
        std::lock_guard lock(mutex_);
        accounts_.clear();
    }
    loadSeeds(state);
}

} // namespace emu
