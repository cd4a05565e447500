// SPDX-License-Identifier: MIT
// Pools, job schedules and jobs alike: kept as the JSON the service returns (ids compared case-
// insensitively), added with the server-side properties filled in, read with $select, listed
// through batch_paging.cpp, patched and deleted under If-Match, each reply with ETag and
// Last-Modified. Pool actions: batch_pools.cpp.
#include "../time_util.hpp"
#include "../url_util.hpp"
#include "batch_handlers.hpp"
#include "odata_filter.hpp"

namespace emu::batch {

namespace {

const char* entityTypeName(const std::string& kind) {
    if (kind == "pools") return "Pool";
    if (kind == "jobschedules") return "JobSchedule";
    return "Job";
}

// The entity as returned: stored JSON plus its url, optionally narrowed by $select.
std::unique_ptr<JsonDoc> present(const JsonValue& stored, const std::string& url, const HttpRequest& req) {
    auto doc = cloneJson(stored);
    setString(*doc, "url", url, doc->GetAllocator());
    const std::string select = firstValue(req.query, "$select");
    return select.empty() ? std::move(doc) : applySelect(*doc, select);
}

HttpReply add(EntityTable& table, const std::string& kind, const HttpRequest& req) {
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
    HttpReply r;
    r.status = 201;
    r.contentType = "";
    r.headers.emplace_back("DataServiceId", req.baseUrl + "/" + kind + "/" + id);
    r = withEntityHeaders(std::move(r), *body);
    table[toLower(id)] = std::move(body);
    return r;
}

HttpReply list(const EntityTable& table, const std::string& kind, const HttpRequest& req) {
    std::vector<std::unique_ptr<JsonDoc>> items;
    for (const auto& [key, e] : table) {
        auto doc = cloneJson(*e);
        setString(*doc, "url", req.baseUrl + "/" + kind + "/" + getString(*e, "id").value_or(key),
                  doc->GetAllocator());
        items.push_back(std::move(doc));
    }
    return listReply(req, kind, std::move(items));
}

} // namespace

std::string entityId(const JsonValue& body) {
    auto id = getString(body, "id");
    if (!id || id->empty()) missingProperty("id");
    return *id;
}

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

void touch(JsonDoc& doc) {
    auto& a = doc.GetAllocator();
    setString(doc, "eTag", newEtag(), a);
    setString(doc, "lastModified", isoTime(nowMillis()), a);
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

HttpReply handleEntities(EntityTable& table, const std::string& kind, const HttpRequest& req,
                         const std::vector<std::string>& parts) {
    if (parts.size() == 1) {
        if (req.method == "POST") return add(table, kind, req);
        if (req.method != "GET") methodNotAllowed();
        return list(table, kind, req);
    }
    if (parts.size() != 2) invalidUri(req);
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

} // namespace emu::batch
