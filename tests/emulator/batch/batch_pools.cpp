// SPDX-License-Identifier: MIT
// What pools have beyond the common entity operations (batch_entities.cpp): the actions under
// /pools/<id>/ (updateproperties, which replaces the certificate references; autoscale; resize;
// remove nodes), each under If-Match, and the account's /poolusagemetrics.
#include "../time_util.hpp"
#include "../url_util.hpp"
#include "batch_handlers.hpp"

#include <algorithm>

namespace emu::batch {

namespace {

HttpReply poolAction(const HttpRequest& req, JsonDoc& pool, const std::string& action) {
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

} // namespace

HttpReply handlePools(BatchAccount& account, const HttpRequest& req, const std::vector<std::string>& parts) {
    if (parts.size() <= 2) return handleEntities(account.pools, "pools", req, parts);
    if (parts.size() != 3) invalidUri(req);
    static const std::vector<std::string> kActions = {
        "updateproperties", "enableautoscale", "disableautoscale", "evaluateautoscale",
        "resize",           "stopresize",      "removenodes"};
    if (std::find(kActions.begin(), kActions.end(), parts[2]) == kActions.end()) invalidUri(req);
    if (req.method != "POST") methodNotAllowed();
    auto it = account.pools.find(toLower(parts[1]));
    if (it == account.pools.end()) notFound("PoolNotFound", "The specified pool does not exist.");
    checkIfMatch(req, *it->second);
    return poolAction(req, *it->second, parts[2]);
}

HttpReply handlePoolUsageMetrics(const BatchAccount& account, const HttpRequest& req) {
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

} // namespace emu::batch
