// SPDX-License-Identifier: MIT
#pragma once

// Drives KeyVaultService::handle directly (no HTTP) with small request builders.

#include "../keyvault_service.hpp"
#include "../kv_common.hpp"
#include "../kv_json.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace kvtest {

using emu::kv::Json;

inline const std::string kBase = "https://testvault.vault.localhost:4443";

struct Result {
    int status = 0;
    Json body;
    std::string raw;
    std::vector<std::pair<std::string, std::string>> headers;
    // The value of header @p name, "" when absent.
    std::string header(const std::string& name) const {
        for (const auto& [n, v] : headers)
            if (n == name) return v;
        return "";
    }
    std::string errorCode() const {
        const Json* e = body.find("error");
        return e ? e->str("code").value_or("") : "";
    }
};

// path may carry a query ("?maxresults=2"); api-version is added unless the query names one.
inline Result call(emu::KeyVaultService& svc, const std::string& method, const std::string& pathAndQuery,
                   const std::string& body = {}) {
    emu::HttpRequest req;
    req.method = method;
    std::string path = pathAndQuery, query;
    if (auto q = pathAndQuery.find('?'); q != std::string::npos) {
        path = pathAndQuery.substr(0, q);
        query = pathAndQuery.substr(q + 1);
    }
    req.path = path;
    req.rawPath = path;
    bool hasVersion = false;
    std::size_t pos = 0;
    while (!query.empty() && pos <= query.size()) {
        std::size_t amp = query.find('&', pos);
        if (amp == std::string::npos) amp = query.size();
        std::string kv = query.substr(pos, amp - pos);
        auto eq = kv.find('=');
        std::string k = kv.substr(0, eq), v = eq == std::string::npos ? "" : kv.substr(eq + 1);
        hasVersion = hasVersion || k == "api-version";
        req.query.emplace(k, v);
        pos = amp + 1;
    }
    if (!hasVersion) req.query.emplace("api-version", "2026-04-01");
    req.body = body;
    req.host = "testvault.vault.localhost";
    req.baseUrl = kBase;
    auto reply = svc.handle("testvault", req);
    Result r;
    r.status = reply.status;
    r.raw = reply.body;
    r.headers = reply.headers;
    if (!reply.body.empty()) r.body = Json::parse(reply.body).value_or(Json());
    return r;
}

// Call GET @p path until it stops answering 404, for at most 10 s; the first other answer.
inline Result getOnceThere(emu::KeyVaultService& svc, const std::string& path) {
    for (int i = 0; i < 200; ++i) {
        Result r = call(svc, "GET", path);
        if (r.status != 404) return r;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return call(svc, "GET", path);
}

// The path and query of an absolute nextLink on kBase.
inline std::string relative(const std::string& url) {
    REQUIRE(url.rfind(kBase, 0) == 0);
    return url.substr(kBase.size());
}

// Every page of a listing from @p first, following nextLink; stops at a failed page.
inline std::vector<Result> allPages(emu::KeyVaultService& svc, std::string first) {
    std::vector<Result> pages;
    for (std::string next = std::move(first); !next.empty();) {
        pages.push_back(call(svc, "GET", next));
        const Json* link = pages.back().body.find("nextLink");
        next = pages.back().status == 200 && link != nullptr && link->isString() ? relative(link->asString())
                                                                                 : "";
    }
    return pages;
}

} // namespace kvtest
