// SPDX-License-Identifier: MIT
// Microsoft.ManagedIdentity user-assigned identities, and Microsoft.Batch accounts and pools. A
// pool put here is published to the Batch data plane (its twin there goes resizing, then steady)
// with the identities resolved to their client and principal ids.
#include "arm_common.hpp"

#include "../crypto_util.hpp"
#include "../json_util.hpp"
#include "../time_util.hpp"
#include "../url_util.hpp"

namespace emu {

namespace {

constexpr const char* kIdentityType = "Microsoft.ManagedIdentity/userAssignedIdentities";
constexpr const char* kAccountType = "Microsoft.Batch/batchAccounts";
constexpr const char* kPoolType = "Microsoft.Batch/batchAccounts/pools";

std::string capitalized(std::string s) {
    if (!s.empty()) s[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(s[0])));
    return s;
}

} // namespace

kv::Json ArmService::identityJson(const Identity& i) const {
    kv::Json j = kv::Json::object();
    j["id"] = "/subscriptions/" + subscription_ + "/resourceGroups/" + i.resourceGroup + "/providers/" +
              kIdentityType + "/" + i.name;
    j["name"] = i.name;
    j["type"] = kIdentityType;
    j["location"] = i.location;
    j["tags"] = i.tags.isNull() ? kv::Json::object() : i.tags;
    kv::Json props = kv::Json::object();
    props["tenantId"] = tenant_;
    props["principalId"] = i.principalId;
    props["clientId"] = i.clientId;
    j["properties"] = props;
    return j;
}

HttpReply ArmService::identities(const HttpRequest& req, const ArmCaller& caller, const Target& t) {
    if (t.rest.size() != 2 || t.resourceGroup.empty())
        throw ArmFailure(404, "InvalidResourceType",
                         "Identities are addressed as resourceGroups/{rg}/providers/" +
                             std::string(kIdentityType) + "/{name}.");
    const std::string id = t.scope + "/providers/" + kIdentityType + "/" + t.rest[1];
    if (req.method == "GET") {
        require(caller, std::string(kIdentityType) + "/read", id);
        std::lock_guard lock(mutex_);
        auto it = identities_.find(id);
        if (it == identities_.end()) arm::notFound(kIdentityType, t.rest[1], t.resourceGroup);
        return arm::jsonReply(identityJson(it->second));
    }
    if (req.method == "DELETE") {
        require(caller, std::string(kIdentityType) + "/delete", id);
        std::lock_guard lock(mutex_);
        return identities_.erase(id) > 0 ? arm::jsonReply(kv::Json::object()) : arm::noContent();
    }
    if (req.method != "PUT" && req.method != "PATCH")
        throw ArmFailure(405, "MethodNotAllowed", "Identities take GET, PUT, PATCH and DELETE.");
    require(caller, std::string(kIdentityType) + "/write", id);
    const kv::Json body = arm::parseBody(req);
    std::lock_guard lock(mutex_);
    auto it = identities_.find(id);
    const auto location = body.str("location");
    if (it == identities_.end() && (!location || location->empty()))
        throw ArmFailure(400, "LocationRequired", "The location property is required for this definition.");
    const bool created = it == identities_.end();
    if (created) {
        Identity fresh{t.rest[1], t.resourceGroup, *location, newUuid(), newUuid(), kv::Json::object()};
        it = identities_.emplace(id, fresh).first;
    }
    if (location && !location->empty()) it->second.location = *location;
    if (body.has("tags")) it->second.tags = body["tags"];
    return arm::jsonReply(identityJson(it->second), created ? 201 : 200);
}

std::optional<ManagedIdentityRef> ArmService::identity(const std::string& field,
                                                       const std::string& value) const {
    std::lock_guard lock(mutex_);
    for (const auto& [id, i] : identities_) {
        const bool hit = field == "client_id"    ? toLower(i.clientId) == toLower(value)
                         : field == "object_id"  ? toLower(i.principalId) == toLower(value)
                         : field == "msi_res_id" ? toLower(id) == toLower(value)
                                                 : false;
        if (hit) return ManagedIdentityRef{i.clientId, i.principalId};
    }
    return std::nullopt;
}

HttpReply ArmService::batchAccounts(const HttpRequest& req, const ArmCaller& caller, const Target& t) {
    if (t.rest.size() != 2 || t.resourceGroup.empty() || req.method != "GET")
        throw ArmFailure(405, "MethodNotAllowed",
                         "The emulator reads Batch accounts (GET .../batchAccounts/{name}).");
    const std::string name = toLower(t.rest[1]);
    const std::string id = t.scope + "/providers/" + kAccountType + "/" + name;
    require(caller, std::string(kAccountType) + "/read", id);
    const auto region = batch_.accountRegion(name);
    if (!region) arm::notFound(kAccountType, t.rest[1], t.resourceGroup);
    kv::Json extras = kv::Json::object();
    {
        std::lock_guard lock(mutex_);
        if (auto it = accountExtras_.find(name); it != accountExtras_.end()) extras = it->second;
    }
    kv::Json props = kv::Json::object();
    props["accountEndpoint"] = name + "." + *region + ".batch.azure.com";
    props["provisioningState"] = "Succeeded";
    props["poolAllocationMode"] = extras.str("poolAllocationMode").value_or("BatchService");
    if (extras.has("keyVaultReference")) props["keyVaultReference"] = extras["keyVaultReference"];
    props["dedicatedCoreQuota"] = 20;
    props["lowPriorityCoreQuota"] = 20;
    props["poolQuota"] = 20;
    props["activeJobAndJobScheduleQuota"] = 20;
    props["publicNetworkAccess"] = "Enabled";
    kv::Json j = kv::Json::object();
    j["id"] = id;
    j["name"] = name;
    j["type"] = kAccountType;
    j["location"] = *region;
    if (extras.has("identity")) {
        j["identity"] = extras["identity"];
    } else {
        kv::Json none = kv::Json::object();
        none["type"] = "None";
        j["identity"] = none;
    }
    j["properties"] = props;
    return arm::jsonReply(j);
}

kv::Json ArmService::poolJson(const Pool& p) const {
    kv::Json j = p.body;
    j["etag"] = p.etag;
    kv::Json& props = j["properties"];
    if (auto twin = batch_.entity(p.account, "pools", p.name)) {
        const std::string state = getString(*twin, "allocationState").value_or("steady");
        props["allocationState"] = capitalized(state);
        if (auto when = getString(*twin, "allocationStateTransitionTime"))
            props["allocationStateTransitionTime"] = *when;
        props["currentDedicatedNodes"] = getInt(*twin, "currentDedicatedNodes").value_or(0);
        props["currentLowPriorityNodes"] = getInt(*twin, "currentLowPriorityNodes").value_or(0);
    }
    return j;
}

void ArmService::publishPool(const Pool& p) {
    const kv::Json& props = p.body["properties"];
    kv::Json twin = kv::Json::object();
    twin["id"] = p.name;
    twin["vmSize"] = props.str("vmSize").value_or("");
    const kv::Json& vmc = props["deploymentConfiguration"]["virtualMachineConfiguration"];
    if (vmc.isObject()) {
        kv::Json out = vmc;
        if (auto sku = vmc.str("nodeAgentSkuId")) {
            out.erase("nodeAgentSkuId");
            out["nodeAgentSKUId"] = *sku;
        }
        twin["virtualMachineConfiguration"] = out;
    }
    const kv::Json& scale = props["scaleSettings"];
    if (const kv::Json* auto_ = scale.find("autoScale"); auto_ != nullptr && auto_->isObject()) {
        twin["enableAutoScale"] = true;
        twin["autoScaleFormula"] = auto_->str("formula").value_or("");
        twin["autoScaleEvaluationInterval"] = auto_->str("evaluationInterval").value_or("PT15M");
        twin["targetDedicatedNodes"] = 0;
        twin["targetLowPriorityNodes"] = 0;
    } else {
        const kv::Json& fixed = scale["fixedScale"];
        twin["enableAutoScale"] = false;
        twin["targetDedicatedNodes"] = fixed.integer("targetDedicatedNodes").value_or(0);
        twin["targetLowPriorityNodes"] = fixed.integer("targetLowPriorityNodes").value_or(0);
    }
    twin["taskSlotsPerNode"] = props.integer("taskSlotsPerNode").value_or(1);
    twin["allocationState"] = "resizing";
    twin["allocationStateTransitionTime"] = isoTime(nowMillis());
    twin["currentDedicatedNodes"] = 0;
    twin["currentLowPriorityNodes"] = 0;
    const kv::Json& identity = p.body["identity"];
    if (identity.isObject() && identity["userAssignedIdentities"].isObject()) {
        kv::Json list = kv::Json::array();
        for (const auto& [resourceId, ids] : identity["userAssignedIdentities"].asObject()) {
            kv::Json item = kv::Json::object();
            item["resourceId"] = resourceId;
            item["clientId"] = ids.str("clientId").value_or("");
            item["principalId"] = ids.str("principalId").value_or("");
            list.push(item);
        }
        kv::Json out = kv::Json::object();
        out["type"] = "UserAssigned";
        out["userAssignedIdentities"] = list;
        twin["identity"] = out;
    }
    auto doc = parseJsonObject(twin.dump());
    batch_.seedEntity(p.account, "pools", *doc);
    const std::string key = p.account + "/" + p.name, etag = p.etag;
    later_(std::chrono::milliseconds(config_.poolResizeDelayMs), [this, key, etag, account = p.account,
                                                                  name = p.name] {
        std::lock_guard lock(mutex_);
        auto it = pools_.find(key);
        if (it == pools_.end() || it->second.etag != etag) return; // put again since: that one settles it
        batch_.updateEntity(account, "pools", name, [](JsonDoc& pool) {
            auto& a = pool.GetAllocator();
            setString(pool, "allocationState", "steady", a);
            setString(pool, "allocationStateTransitionTime", isoTime(nowMillis()), a);
            if (!getBool(pool, "enableAutoScale").value_or(false)) {
                setInt(pool, "currentDedicatedNodes", getInt(pool, "targetDedicatedNodes").value_or(0), a);
                setInt(pool, "currentLowPriorityNodes", getInt(pool, "targetLowPriorityNodes").value_or(0),
                       a);
            }
        });
    });
}

HttpReply ArmService::pools(const HttpRequest& req, const ArmCaller& caller, const Target& t) {
    if (t.rest.size() != 4 || t.resourceGroup.empty())
        throw ArmFailure(404, "InvalidResourceType",
                         "Pools are addressed as .../batchAccounts/{account}/pools/{pool}.");
    const std::string account = toLower(t.rest[1]), name = t.rest[3];
    const std::string accountId = t.scope + "/providers/" + kAccountType + "/" + account;
    const std::string id = accountId + "/pools/" + name;
    const std::string verb = req.method == "GET" ? "read" : req.method == "DELETE" ? "delete" : "write";
    require(caller, std::string(kPoolType) + "/" + verb, id);
    if (!batch_.accountRegion(account)) arm::notFound(kAccountType, t.rest[1], t.resourceGroup);
    const std::string key = account + "/" + toLower(name);
    std::lock_guard lock(mutex_);
    auto it = pools_.find(key);
    if (req.method == "GET") {
        if (it == pools_.end() || !batch_.entity(account, "pools", name)) {
            if (it != pools_.end()) pools_.erase(it); // deleted through the data plane
            arm::notFound(kPoolType, account + "/" + name, t.resourceGroup);
        }
        HttpReply r = arm::jsonReply(poolJson(it->second));
        r.headers.emplace_back("ETag", it->second.etag);
        return r;
    }
    if (req.method == "DELETE") {
        const bool had = it != pools_.end();
        if (had) pools_.erase(it);
        const bool twin = batch_.removeEntity(account, "pools", name);
        return had || twin ? arm::jsonReply(kv::Json::object()) : arm::noContent();
    }
    if (req.method != "PUT" && req.method != "PATCH")
        throw ArmFailure(405, "MethodNotAllowed", "Pools take GET, PUT, PATCH and DELETE.");
    const kv::Json body = arm::parseBody(req);
    if (req.method == "PATCH" && it == pools_.end())
        arm::notFound(kPoolType, account + "/" + name, t.resourceGroup);
    Pool p = req.method == "PATCH" ? it->second : Pool{account, t.resourceGroup, name, kv::Json::object(),
                                                       "",      nowMillis()};
    kv::Json props = req.method == "PATCH" ? p.body["properties"] : kv::Json::object();
    if (const kv::Json* in = body.find("properties"); in != nullptr && in->isObject()) {
        for (const auto& [k, v] : in->asObject()) props[k] = v;
    } else if (req.method == "PUT") {
        throw ArmFailure(400, "InvalidRequestBody", "The pool's properties are required.");
    }
    if (!props.str("vmSize")) throw ArmFailure(400, "InvalidRequestBody", "properties.vmSize is required.");
    const std::string now = isoTime(nowMillis());
    props["provisioningState"] = "Succeeded";
    props["provisioningStateTransitionTime"] = now;
    props["lastModified"] = now;
    if (!props.has("creationTime")) props["creationTime"] = now;
    if (!props.has("interNodeCommunication")) props["interNodeCommunication"] = "Disabled";
    if (!props.has("taskSlotsPerNode")) props["taskSlotsPerNode"] = 1;
    if (const kv::Json* identity = body.find("identity")) {
        const std::string type = identity->str("type").value_or("None");
        kv::Json out = kv::Json::object();
        out["type"] = type;
        if (type == "UserAssigned") {
            const kv::Json& wanted = (*identity)["userAssignedIdentities"];
            if (!wanted.isObject() || wanted.asObject().empty())
                throw ArmFailure(400, "InvalidRequestBody",
                                 "identity.userAssignedIdentities must name at least one identity.");
            kv::Json resolved = kv::Json::object();
            for (const auto& [resourceId, ignored] : wanted.asObject()) {
                auto found = identities_.find(resourceId);
                if (found == identities_.end())
                    throw ArmFailure(400, "InvalidParameterValue",
                                     "The user assigned identity '" + resourceId + "' was not found.");
                kv::Json ids = kv::Json::object();
                ids["principalId"] = found->second.principalId;
                ids["clientId"] = found->second.clientId;
                resolved[resourceId] = ids;
            }
            out["userAssignedIdentities"] = resolved;
        } else if (type != "None") {
            throw ArmFailure(400, "InvalidRequestBody", "identity.type must be UserAssigned or None.");
        }
        p.body["identity"] = out;
    }
    p.body["id"] = id;
    p.body["name"] = name;
    p.body["type"] = kPoolType;
    p.body["properties"] = props;
    p.etag = "W/\"" + newEtag() + "\"";
    publishPool(p);
    pools_[key] = p;
    HttpReply r = arm::jsonReply(poolJson(p));
    r.headers.emplace_back("ETag", p.etag);
    return r;
}

} // namespace emu
