// SPDX-License-Identifier: MIT
// Microsoft.KeyVault/vaults: create or update (a long-running operation polled through
// Azure-AsyncOperation), get, delete, checkNameAvailability; and the data plane's RBAC check for
// the vaults made here.
#include "arm_common.hpp"

#include "../crypto_util.hpp"
#include "../time_util.hpp"
#include "../url_util.hpp"

#include <cctype>

namespace emu {

namespace {

constexpr const char* kVaultType = "Microsoft.KeyVault/vaults";

// 3-24 letters, digits and hyphens; starts with a letter, ends with a letter or digit, no "--".
bool validVaultName(const std::string& n) {
    if (n.size() < 3 || n.size() > 24 || !std::isalpha(static_cast<unsigned char>(n.front())) ||
        n.back() == '-')
        return false;
    for (std::size_t i = 0; i < n.size(); ++i) {
        const char c = n[i];
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-') return false;
        if (c == '-' && i > 0 && n[i - 1] == '-') return false;
    }
    return true;
}

const char* kNameRule =
    "Vault names must be between 3-24 alphanumeric characters. The name must begin with a "
    "letter, end with a letter or digit, and not contain consecutive hyphens.";

[[noreturn]] void badRequest(const std::string& message) {
    throw ArmFailure(400, "BadRequest", message);
}

} // namespace

kv::Json ArmService::vaultJson(const Vault& v, const HttpRequest& req) const {
    kv::Json j = kv::Json::object();
    j["id"] = "/subscriptions/" + subscription_ + "/resourceGroups/" + v.resourceGroup + "/providers/" +
              kVaultType + "/" + v.name;
    j["name"] = v.name;
    j["type"] = kVaultType;
    j["location"] = v.location;
    j["tags"] = v.tags;
    kv::Json props = v.properties;
    props["vaultUri"] = arm::vaultUri(v.name, req);
    props["provisioningState"] = nowMillis() >= v.readyAtMs ? "Succeeded" : "Accepted";
    j["properties"] = props;
    return j;
}

HttpReply ArmService::vaults(const HttpRequest& req, const ArmCaller& caller, const Target& t) {
    if (t.rest.size() != 2 || t.resourceGroup.empty())
        throw ArmFailure(404, "InvalidResourceType",
                         "Vaults are addressed as resourceGroups/{rg}/providers/" + std::string(kVaultType) +
                             "/{name}.");
    const std::string name = t.rest[1];
    const std::string id = t.scope + "/providers/" + kVaultType + "/" + name;
    const std::string version = firstValue(req.query, "api-version");
    if (req.method == "GET") {
        require(caller, "Microsoft.KeyVault/vaults/read", id);
        std::lock_guard lock(mutex_);
        auto it = vaults_.find(name);
        if (it == vaults_.end() || toLower(it->second.resourceGroup) != toLower(t.resourceGroup))
            arm::notFound(kVaultType, name, t.resourceGroup);
        return arm::jsonReply(vaultJson(it->second, req));
    }
    if (req.method == "DELETE") {
        require(caller, "Microsoft.KeyVault/vaults/delete", id);
        {
            std::lock_guard lock(mutex_);
            auto it = vaults_.find(name);
            if (it == vaults_.end() || toLower(it->second.resourceGroup) != toLower(t.resourceGroup)) {
                return arm::noContent();
            }
            vaults_.erase(it);
        }
        if (dropVault_) dropVault_(name);
        return arm::jsonReply(kv::Json::object(), 200);
    }
    if (req.method != "PUT")
        throw ArmFailure(405, "MethodNotAllowed", "The vaults resource does not support " + req.method + ".");
    require(caller, "Microsoft.KeyVault/vaults/write", id);
    const kv::Json body = arm::parseBody(req);
    if (!validVaultName(name)) badRequest("The vault name '" + name + "' is invalid. " + kNameRule);
    const auto location = body.str("location");
    if (!location || location->empty())
        throw ArmFailure(400, "LocationRequired", "The location property is required for this definition.");
    const kv::Json* in = body.find("properties");
    if (in == nullptr || !in->isObject()) badRequest("The 'properties' of the vault are required.");
    const auto tenantId = in->str("tenantId");
    if (!tenantId || !arm::isGuid(*tenantId))
        badRequest("properties.tenantId is required and must be a GUID.");
    if (toLower(*tenantId) != toLower(tenant_))
        badRequest("The tenant '" + *tenantId + "' is not the tenant of subscription '" + subscription_ +
                   "'.");
    const kv::Json* sku = in->find("sku");
    const std::string skuName =
        sku != nullptr && sku->isObject() ? toLower(sku->str("name").value_or("")) : "";
    if (skuName != "standard" && skuName != "premium")
        badRequest("properties.sku is required: {\"family\":\"A\",\"name\":\"standard\"|\"premium\"}.");
    const std::int64_t retention = in->integer("softDeleteRetentionInDays").value_or(90);
    if (retention < 7 || retention > 90) badRequest("softDeleteRetentionInDays must be between 7 and 90.");
    for (const char* flag : {"enableRbacAuthorization", "enablePurgeProtection", "enableSoftDelete"})
        if (in->has(flag) && !in->boolean(flag))
            badRequest(std::string("properties.") + flag + " must be a boolean.");

    kv::Json props = kv::Json::object();
    props["tenantId"] = *tenantId;
    kv::Json skuOut = kv::Json::object();
    skuOut["family"] = "A";
    skuOut["name"] = skuName;
    props["sku"] = skuOut;
    props["accessPolicies"] = in->has("accessPolicies") ? (*in)["accessPolicies"] : kv::Json::array();
    props["enabledForDeployment"] = in->boolean("enabledForDeployment").value_or(false);
    props["enabledForDiskEncryption"] = in->boolean("enabledForDiskEncryption").value_or(false);
    props["enabledForTemplateDeployment"] = in->boolean("enabledForTemplateDeployment").value_or(false);
    props["enableSoftDelete"] = in->boolean("enableSoftDelete").value_or(true);
    props["softDeleteRetentionInDays"] = retention;
    props["enableRbacAuthorization"] = in->boolean("enableRbacAuthorization").value_or(false);
    if (in->boolean("enablePurgeProtection").value_or(false)) props["enablePurgeProtection"] = true;
    props["publicNetworkAccess"] = in->str("publicNetworkAccess").value_or("Enabled");

    std::lock_guard lock(mutex_);
    auto it = vaults_.find(name);
    if (it != vaults_.end()) {
        Vault& v = it->second;
        if (toLower(v.resourceGroup) != toLower(t.resourceGroup))
            throw ArmFailure(
                409, "VaultAlreadyExists",
                "The vault name '" + name +
                    "' is already in use. Vault names are globally unique so it is possible that the "
                    "name is already taken.");
        if (v.properties.boolean("enablePurgeProtection").value_or(false) &&
            !props.has("enablePurgeProtection"))
            badRequest("The property \"enablePurgeProtection\" cannot be set to false. Enabling the purge "
                       "protection for a vault is an irreversible action.");
        v.location = *location;
        v.tags = body.has("tags") ? body["tags"] : kv::Json::object();
        v.properties = props;
        return arm::jsonReply(vaultJson(v, req), 200);
    }
    Vault v;
    v.name = name;
    v.resourceGroup = t.resourceGroup;
    v.location = *location;
    v.tags = body.has("tags") ? body["tags"] : kv::Json::object();
    v.properties = props;
    const std::int64_t now = nowMillis();
    v.readyAtMs = now + config_.vaultCreateDelayMs;
    const std::string opId = newUuid();
    operations_[opId] = Operation{name, now, v.readyAtMs};
    vaults_[name] = v;
    HttpReply r = arm::jsonReply(vaultJson(v, req), 201);
    std::string base = req.baseUrl;
    while (!base.empty() && base.back() == '/') base.pop_back();
    r.headers.emplace_back("Azure-AsyncOperation", base + "/subscriptions/" + subscription_ +
                                                       "/providers/Microsoft.KeyVault/locations/" +
                                                       toLower(*location) + "/operationResults/" + opId +
                                                       "?api-version=" + version);
    if (config_.retryAfterSeconds > 0)
        r.headers.emplace_back("Retry-After", std::to_string(config_.retryAfterSeconds));
    return r;
}

HttpReply ArmService::vaultOperation(const HttpRequest& req, const std::string& location,
                                     const std::string& id) {
    if (req.method != "GET")
        throw ArmFailure(405, "MethodNotAllowed", "Operation results are read with GET.");
    std::lock_guard lock(mutex_);
    auto it = operations_.find(toLower(id));
    if (it == operations_.end())
        throw ArmFailure(404, "OperationNotFound", "The operation '" + id + "' was not found.");
    const bool done = nowMillis() >= it->second.readyAtMs;
    kv::Json j = kv::Json::object();
    j["id"] = "/subscriptions/" + subscription_ + "/providers/Microsoft.KeyVault/locations/" + location +
              "/operationResults/" + id;
    j["name"] = id;
    j["status"] = done ? "Succeeded" : "InProgress";
    j["startTime"] = isoTime(it->second.startMs);
    if (done) j["endTime"] = isoTime(it->second.readyAtMs);
    HttpReply r = arm::jsonReply(j);
    if (!done && config_.retryAfterSeconds > 0)
        r.headers.emplace_back("Retry-After", std::to_string(config_.retryAfterSeconds));
    return r;
}

HttpReply ArmService::checkVaultName(const HttpRequest& req, const ArmCaller& caller) {
    if (req.method != "POST") throw ArmFailure(405, "MethodNotAllowed", "checkNameAvailability takes POST.");
    require(caller, "Microsoft.KeyVault/checkNameAvailability/read", "/subscriptions/" + subscription_);
    const kv::Json body = arm::parseBody(req);
    const auto name = body.str("name");
    if (!name || toLower(body.str("type").value_or("")) != toLower(kVaultType))
        badRequest("checkNameAvailability needs {\"name\":\"...\",\"type\":\"Microsoft.KeyVault/vaults\"}.");
    kv::Json out = kv::Json::object();
    std::lock_guard lock(mutex_);
    if (!validVaultName(*name)) {
        out["nameAvailable"] = false;
        out["reason"] = "AccountNameInvalid";
        out["message"] = std::string(kNameRule);
    } else if (vaults_.count(*name) != 0) {
        out["nameAvailable"] = false;
        out["reason"] = "AlreadyExists";
        out["message"] =
            "The vault name '" + *name +
            "' is already in use. Vault names are globally unique so it is possible that the name is "
            "already taken. If you are sure that the vault name was not taken then it is possible "
            "that a vault with the same name was recently deleted but not purged after being placed "
            "in a recoverable state.";
    } else {
        out["nameAvailable"] = true;
    }
    return arm::jsonReply(out);
}

std::optional<HttpReply> ArmService::authorizeVault(const std::string& vaultName, const HttpRequest& req,
                                                    const ArmCaller& caller) const {
    std::string vaultId, location;
    {
        std::lock_guard lock(mutex_);
        auto it = vaults_.find(vaultName);
        if (it == vaults_.end() || !it->second.properties.boolean("enableRbacAuthorization").value_or(false))
            return std::nullopt;
        vaultId = "/subscriptions/" + subscription_ + "/resourceGroups/" + it->second.resourceGroup +
                  "/providers/" + kVaultType + "/" + it->second.name;
        location = it->second.location;
    }
    const arm::DataAction need = arm::keyVaultDataAction(req.method, req.path);
    const std::string scope = vaultId + need.subScope;
    if (access_.allows(caller.oid, scope, need.action, arm::AccessControl::Plane::Data)) return std::nullopt;
    // Key Vault's own error shape, as the service words a missing role assignment.
    kv::Json inner = kv::Json::object();
    inner["code"] = "ForbiddenByRbac";
    kv::Json err = kv::Json::object();
    err["code"] = "Forbidden";
    err["message"] =
        "Caller is not authorized to perform action on resource.\r\nIf role assignments, deny "
        "assignments or role definitions were changed recently, please observe propagation time.\r\n"
        "Caller: appid=" +
        caller.appid + ";oid=" + caller.oid + ";iss=https://sts.windows.net/" + caller.tid +
        "/\r\nAction: '" + need.action + "'\r\nResource: '" + toLower(scope) +
        "'\r\nAssignment: (not found)\r\nDenyAssignmentId: null\r\nDecisionReason: null \r\nVault: " +
        vaultName + ";location=" + location + "\r\n";
    err["innererror"] = inner;
    kv::Json body = kv::Json::object();
    body["error"] = err;
    return arm::jsonReply(body, 403);
}

} // namespace emu
