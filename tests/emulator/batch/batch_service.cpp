// SPDX-License-Identifier: MIT
#include "batch_service.hpp"

#include "../crypto_util.hpp"
#include "../time_util.hpp"
#include "../url_util.hpp"
#include "batch_handlers.hpp"

#include <algorithm>

namespace emu {

namespace {

std::vector<std::string> splitBatchPath(const std::string& path) {
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

void checkApiVersion(const HttpRequest& req) {
    const std::string version = firstValue(req.query, "api-version");
    if (version.empty()) {
        throw BatchFailure(400, "MissingRequiredQueryParameter",
                           "A query parameter that's mandatory for this request is not specified.",
                           {{"QueryParameterName", "api-version"}});
    }
    if (version != BatchService::kApiVersion) {
        throw BatchFailure(
            400, "InvalidQueryParameterValue",
            "Value for one of the query parameters specified in the request URI is invalid.",
            {{"QueryParameterName", "api-version"},
             {"QueryParameterValue", version},
             {"Reason", std::string("The only supported api-version is ") + BatchService::kApiVersion}});
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

HttpReply BatchService::handle(const std::string& accountName, const HttpRequest& req) {
    HttpReply reply;
    try {
        std::lock_guard lock(mutex_);
        auto it = accounts_.find(toLower(accountName));
        if (it == accounts_.end())
            batch::notFound("AccountNotFound", "The specified account does not exist.");
        batch::authenticate(it->second, req, issuer_, tenant_);
        checkApiVersion(req);
        reply = route(it->second, req);
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

HttpReply BatchService::route(BatchAccount& account, const HttpRequest& req) {
    const std::string& path = req.path;
    if (path == "/certificates" || path.rfind("/certificates(", 0) == 0) {
        if (account.retired) {
            throw BatchFailure(400, "CertificateRetired",
                               "The Batch certificate feature was retired on 2024-02-29. Use the Azure Key "
                               "Vault VM extension to install certificates on pool nodes.");
        }
        return batch::handleCertificates(account, req, path.substr(std::string("/certificates").size()));
    }
    const auto parts = splitBatchPath(path);
    if (!parts.empty() && parts[0] == "pools") return batch::handlePools(account, req, parts);
    if (!parts.empty() && parts[0] == "jobschedules")
        return batch::handleEntities(account.jobSchedules, "jobschedules", req, parts);
    if (!parts.empty() && parts[0] == "jobs") return batch::handleEntities(account.jobs, "jobs", req, parts);
    if (parts.size() == 1 && parts[0] == "poolusagemetrics")
        return batch::handlePoolUsageMetrics(account, req);
    batch::invalidUri(req);
}

} // namespace emu
