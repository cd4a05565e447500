// SPDX-License-Identifier: MIT
// The Resource Manager front: path parsing, api-versions, the error body, the caller's rights,
// the configuration and the state file. The resource providers live in arm_keyvault.cpp,
// arm_access.cpp and arm_compute.cpp.
#include "arm_common.hpp"

#include "../crypto_util.hpp"
#include "../entra_service.hpp"
#include "../time_util.hpp"
#include "../url_util.hpp"

#include <algorithm>
#include <array>
#include <cctype>

namespace emu {

namespace {

struct ProviderVersions {
    const char* ns; // lower-case
    std::vector<std::string> versions;
};

const std::array kProviders = {
    ProviderVersions{"microsoft.keyvault", {"2023-07-01", "2024-11-01", "2025-05-01"}},
    ProviderVersions{"microsoft.authorization", {"2015-07-01", "2022-04-01"}},
    ProviderVersions{"microsoft.managedidentity", {"2023-01-31", "2024-11-30"}},
    ProviderVersions{"microsoft.batch", {"2024-07-01"}},
};

std::string ownerAssignmentName(std::size_t index) {
    std::string n = std::to_string(index + 1);
    return "00000000-0000-4000-8000-" + std::string(12 - n.size(), '0') + n;
}

} // namespace

namespace arm {

kv::Json parseBody(const HttpRequest& req) {
    auto body = kv::Json::parse(req.body.empty() ? "{}" : req.body);
    if (!body || !body->isObject())
        throw ArmFailure(
            400, "InvalidRequestContent",
            "The request content was invalid and could not be deserialized: the body is not a JSON "
            "object.");
    return *body;
}

HttpReply noContent() {
    HttpReply r;
    r.status = 204;
    r.contentType = "";
    return r;
}

HttpReply jsonReply(const kv::Json& body, int status) {
    HttpReply r;
    r.status = status;
    r.body = body.dump();
    return r;
}

void notFound(const std::string& type, const std::string& name, const std::string& rg) {
    throw ArmFailure(
        404, "ResourceNotFound",
        "The Resource '" + type + "/" + name + "' under resource group '" + rg +
            "' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix");
}

bool isGuid(const std::string& s) {
    if (s.size() != 36) return false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
        if (dash ? s[i] != '-' : !std::isxdigit(static_cast<unsigned char>(s[i]))) return false;
    }
    return true;
}

std::string vaultUri(const std::string& name, const HttpRequest& req) {
    const std::string lowerName = toLower(name);
    if (req.host.size() > 10 && req.host.compare(req.host.size() - 10, 10, ".localhost") == 0) {
        // Keep the port the client reached the emulator on: the data plane is the same server.
        const std::size_t colon = req.baseUrl.rfind(':');
        const std::string port = colon != std::string::npos && colon > 6 ? req.baseUrl.substr(colon) : "";
        return "https://" + lowerName + ".vault.localhost" + port + "/";
    }
    return "https://" + lowerName + ".vault.azure.net/";
}

} // namespace arm

ArmService::ArmService(BatchService& batch, std::string tenant, Scheduler later)
    : batch_(batch), tenant_(std::move(tenant)), later_(std::move(later)) {
    reset();
}

HttpReply ArmService::error(int status, const std::string& code, const std::string& message) {
    kv::Json err = kv::Json::object();
    err["code"] = code;
    err["message"] = message;
    err["details"] = kv::Json::array();
    kv::Json body = kv::Json::object();
    body["error"] = err;
    return arm::jsonReply(body, status);
}

HttpReply ArmService::handle(const HttpRequest& req, const ArmCaller& caller) {
    try {
        return route(req, caller);
    } catch (const ArmFailure& f) {
        return error(f.status, f.code, f.what());
    } catch (const BatchFailure& f) {
        return error(f.status, f.code, f.what());
    } catch (const std::exception&) {
        return error(500, "InternalServerError", "The emulator failed to handle the request.");
    }
}

HttpReply ArmService::route(const HttpRequest& req, const ArmCaller& caller) {
    Target t;
    t.segs = arm::splitSegments(req.path);
    const auto& s = t.segs;
    if (s.size() < 2 || toLower(s[0]) != "subscriptions")
        throw ArmFailure(404, "InvalidResourceType",
                         "The resource type could not be found for " + req.method + " " + req.path + ".");
    if (toLower(s[1]) != toLower(subscription_))
        throw ArmFailure(404, "SubscriptionNotFound", "The subscription '" + s[1] + "' could not be found.");
    std::size_t p = s.size();
    for (std::size_t i = s.size() - 1; i >= 2; --i) {
        if (toLower(s[i]) == "providers" && i + 1 < s.size()) {
            p = i;
            break;
        }
    }
    if (s.size() >= 4 && toLower(s[2]) == "resourcegroups") t.resourceGroup = s[3];
    if (p == s.size())
        throw ArmFailure(404, "InvalidResourceType", "No resource provider in the path " + req.path + ".");
    t.ns = toLower(s[p + 1]);
    t.rest.assign(s.begin() + static_cast<std::ptrdiff_t>(p) + 2, s.end());
    for (std::size_t i = 0; i < p; ++i) t.scope += "/" + s[i];

    const std::string version = firstValue(req.query, "api-version");
    if (req.query.find("api-version") == req.query.end())
        throw ArmFailure(400, "MissingApiVersionParameter",
                         "The api-version query parameter (?api-version=) is required for all requests.");
    auto provider = std::find_if(kProviders.begin(), kProviders.end(),
                                 [&](const ProviderVersions& pv) { return t.ns == pv.ns; });
    const std::string type = t.rest.empty() ? "" : t.rest[0];
    if (provider == kProviders.end() || type.empty())
        throw ArmFailure(404, "InvalidResourceNamespace",
                         "The resource namespace '" + s[p + 1] + "' is invalid.");
    if (std::find(provider->versions.begin(), provider->versions.end(), version) ==
        provider->versions.end()) {
        std::string list;
        for (const auto& v : provider->versions) list += (list.empty() ? "" : ", ") + v;
        throw ArmFailure(400, "NoRegisteredProviderFound",
                         "No registered resource provider found for location 'global' and API version '" +
                             version + "' for type '" + type + "'. The supported api-versions are '" + list +
                             "'.");
    }
    const std::string lt = toLower(type);
    if (t.ns == "microsoft.authorization") {
        if (lt == "roledefinitions") return roleDefinitions(req, caller, t);
        if (lt == "roleassignments") return roleAssignments(req, caller, t);
        if (lt == "permissions") return permissions(req, caller, t);
    } else if (t.ns == "microsoft.keyvault") {
        if (lt == "vaults") return vaults(req, caller, t);
        if (lt == "checknameavailability" && t.rest.size() == 1) return checkVaultName(req, caller);
        if (lt == "locations" && t.rest.size() == 4 && toLower(t.rest[2]) == "operationresults")
            return vaultOperation(req, t.rest[1], t.rest[3]);
    } else if (t.ns == "microsoft.managedidentity") {
        if (lt == "userassignedidentities") return identities(req, caller, t);
    } else if (t.ns == "microsoft.batch") {
        if (lt == "batchaccounts" && t.rest.size() >= 4 && toLower(t.rest[2]) == "pools")
            return pools(req, caller, t);
        if (lt == "batchaccounts") return batchAccounts(req, caller, t);
    }
    throw ArmFailure(404, "InvalidResourceType",
                     "The resource type '" + type + "' could not be found in the namespace '" + s[p + 1] +
                         "' for api version '" + version + "'.");
}

void ArmService::require(const ArmCaller& caller, const std::string& action, const std::string& scope) const {
    if (access_.allows(caller.oid, scope, action, arm::AccessControl::Plane::Control)) return;
    throw ArmFailure(403, "AuthorizationFailed",
                     "The client '" + caller.appid + "' with object id '" + caller.oid +
                         "' does not have authorization to perform action '" + action + "' over scope '" +
                         scope +
                         "' or the scope is invalid. If access was recently granted, please refresh your "
                         "credentials.");
}

ArmConfig ArmService::config() const {
    std::lock_guard lock(mutex_);
    return config_;
}

void ArmService::setConfig(const ArmConfig& config) {
    std::lock_guard lock(mutex_);
    config_ = config;
}

void ArmService::reset() {
    {
        std::lock_guard lock(mutex_);
        config_ = ArmConfig{};
        vaults_.clear();
        operations_.clear();
        identities_.clear();
        pools_.clear();
        accountExtras_.clear();
        subscription_ = kDefaultSubscription;
        owners_ = {EntraService::kDefaultClientId};
    }
    grantOwners();
}

void ArmService::grantOwners() {
    access_.clear();
    for (std::size_t i = 0; i < owners_.size(); ++i)
        access_.put({ownerAssignmentName(i), "/subscriptions/" + subscription_,
                     arm::builtInRoles().front().id, owners_[i], "ServicePrincipal", isoTime(nowMillis())});
}

void ArmService::configure(const kv::Json& config) {
    if (auto sub = config.str("subscriptionId")) {
        if (!arm::isGuid(*sub)) throw std::invalid_argument("subscriptionId must be a GUID");
        subscription_ = *sub;
    }
    if (const kv::Json* owners = config.find("subscriptionOwners")) {
        if (!owners->isArray())
            throw std::invalid_argument("subscriptionOwners must be an array of principal ids");
        owners_.clear();
        for (const auto& o : owners->asArray()) {
            if (!o.isString())
                throw std::invalid_argument("subscriptionOwners must be an array of principal ids");
            owners_.push_back(o.asString());
        }
    }
    grantOwners();
    if (const kv::Json* accounts = config.find("batchAccounts"); accounts != nullptr && accounts->isArray())
        for (const auto& a : accounts->asArray()) setBatchAccount(a);
}

void ArmService::setBatchAccount(const kv::Json& account) {
    const std::string name = toLower(account.str("name").value_or(""));
    if (name.empty()) return;
    kv::Json extras = kv::Json::object();
    for (const char* member : {"poolAllocationMode", "keyVaultReference", "identity"})
        if (const kv::Json* v = account.find(member)) extras[member] = *v;
    std::lock_guard lock(mutex_);
    accountExtras_[name] = extras;
}

kv::Json ArmService::saveState() const {
    kv::Json root = kv::Json::object();
    root["roleAssignments"] = access_.toJson();
    std::lock_guard lock(mutex_);
    kv::Json vaults = kv::Json::array();
    for (const auto& [name, v] : vaults_) {
        kv::Json j = kv::Json::object();
        j["name"] = v.name;
        j["resourceGroup"] = v.resourceGroup;
        j["location"] = v.location;
        j["tags"] = v.tags;
        j["properties"] = v.properties;
        vaults.push(j);
    }
    root["vaults"] = vaults;
    kv::Json ids = kv::Json::array();
    for (const auto& [id, i] : identities_) {
        kv::Json j = kv::Json::object();
        j["name"] = i.name;
        j["resourceGroup"] = i.resourceGroup;
        j["location"] = i.location;
        j["clientId"] = i.clientId;
        j["principalId"] = i.principalId;
        j["tags"] = i.tags;
        ids.push(j);
    }
    root["identities"] = ids;
    kv::Json pools = kv::Json::array();
    for (const auto& [key, p] : pools_) {
        kv::Json j = kv::Json::object();
        j["account"] = p.account;
        j["resourceGroup"] = p.resourceGroup;
        j["name"] = p.name;
        j["body"] = p.body;
        j["etag"] = p.etag;
        pools.push(j);
    }
    root["pools"] = pools;
    return root;
}

void ArmService::loadState(const kv::Json& state) {
    if (!state.isObject()) return;
    if (const kv::Json* a = state.find("roleAssignments")) {
        access_.clear();
        access_.loadJson(*a);
    }
    std::lock_guard lock(mutex_);
    if (const kv::Json* vaults = state.find("vaults"); vaults != nullptr && vaults->isArray()) {
        for (const auto& j : vaults->asArray()) {
            Vault v;
            v.name = j.str("name").value_or("");
            v.resourceGroup = j.str("resourceGroup").value_or("");
            v.location = j.str("location").value_or("");
            v.tags = j["tags"];
            v.properties = j["properties"];
            if (!v.name.empty()) vaults_[v.name] = v;
        }
    }
    if (const kv::Json* ids = state.find("identities"); ids != nullptr && ids->isArray()) {
        for (const auto& j : ids->asArray()) {
            Identity i{j.str("name").value_or(""),        j.str("resourceGroup").value_or(""),
                       j.str("location").value_or(""),    j.str("clientId").value_or(""),
                       j.str("principalId").value_or(""), j["tags"]};
            identities_["/subscriptions/" + subscription_ + "/resourceGroups/" + i.resourceGroup +
                        "/providers/Microsoft.ManagedIdentity/userAssignedIdentities/" + i.name] = i;
        }
    }
    if (const kv::Json* pools = state.find("pools"); pools != nullptr && pools->isArray()) {
        for (const auto& j : pools->asArray()) {
            Pool p{j.str("account").value_or(""), j.str("resourceGroup").value_or(""),
                   j.str("name").value_or(""),    j["body"],
                   j.str("etag").value_or(""),    0};
            pools_[p.account + "/" + p.name] = p;
        }
    }
}

} // namespace emu
