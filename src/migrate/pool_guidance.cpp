// SPDX-License-Identifier: MIT
#include <kvbridge/migrate/pool_guidance.hpp>

#include "core/json.hpp"
#include "migrate/references.hpp"
#include "migrate/text_util.hpp"

#include <algorithm>

namespace kvb::migrate {

namespace {

using kvb::detail::findMember;
using kvb::detail::JsonValue;
using kvb::detail::JsonWriter;

std::string storeLocationName(const std::string& batchLocation) {
    // Batch spells it "currentuser"/"localmachine"; the extension wants the .NET enum names.
    return detail::toLower(batchLocation) == "currentuser" ? "CurrentUser" : "LocalMachine";
}

// The old references, one per thumbprint (first wins), in pool order.
std::vector<CertificateUse> uniqueUses(const std::vector<std::pair<std::string, CertificateUse>>& uses,
                                       std::vector<std::string>& thumbprints) {
    std::vector<CertificateUse> out;
    for (const auto& [thumbprint, use] : uses) {
        if (std::find(thumbprints.begin(), thumbprints.end(), thumbprint) != thumbprints.end()) continue;
        thumbprints.push_back(thumbprint);
        out.push_back(use);
    }
    return out;
}

void writeExtension(JsonWriter& w, PoolOs os, const std::vector<std::string>& thumbprints,
                    const std::vector<CertificateUse>& uses,
                    const std::map<std::string, std::string>& secretIds, const PoolGuidanceOptions& options) {
    const bool windows = os == PoolOs::Windows;
    const char* type = windows ? "KeyVaultForWindows" : "KeyVaultForLinux";
    w.startObject()
        .member("name", type)
        .member("publisher", "Microsoft.Azure.KeyVault")
        .member("type", type)
        .member("typeHandlerVersion", "3.0")
        .member("autoUpgradeMinorVersion", true)
        .member("enableAutomaticUpgrade", true);
    w.key("settings").startObject();
    w.key("secretsManagementSettings").startObject();
    w.member("pollingIntervalInS", std::to_string(options.pollingIntervalSeconds));
    if (!windows) w.member("certificateStoreLocation", options.linuxStoreLocation);
    w.key("observedCertificates").startArray();
    for (std::size_t i = 0; i < thumbprints.size(); ++i) {
        auto it = secretIds.find(thumbprints[i]);
        if (it == secretIds.end()) continue;
        if (!windows) {
            w.value(it->second);
            continue;
        }
        const CertificateUse& use = uses[i];
        w.startObject()
            .member("url", it->second)
            .member("certificateStoreName", use.storeName.empty() ? std::string("My") : use.storeName)
            .member("certificateStoreLocation", storeLocationName(use.storeLocation))
            .endObject();
    }
    w.endArray();
    w.endObject(); // secretsManagementSettings
    w.key("authenticationSettings").startObject();
    w.member("msiClientId", options.msiClientId);
    w.endObject();
    w.endObject(); // settings
    w.endObject();
}

void copyMember(JsonWriter& w, const JsonValue& from, const char* name, const char* as = nullptr) {
    if (const JsonValue* v = findMember(from, name)) {
        w.key(as != nullptr ? as : name);
        w.raw(kvb::detail::toJsonText(*v));
    }
}

// Pool_Add: the old pool's own settings, minus certificate references and read-only fields,
// plus the extension.
std::string batchPoolBody(const JsonValue& pool, const std::string& newId, const std::string& extension) {
    static const char* const kCopied[] = {"displayName",
                                          "vmSize",
                                          "resizeTimeout",
                                          "targetDedicatedNodes",
                                          "targetLowPriorityNodes",
                                          "enableAutoScale",
                                          "autoScaleFormula",
                                          "autoScaleEvaluationInterval",
                                          "enableInterNodeCommunication",
                                          "networkConfiguration",
                                          "startTask",
                                          "applicationPackageReferences",
                                          "taskSlotsPerNode",
                                          "taskSchedulingPolicy",
                                          "userAccounts",
                                          "metadata",
                                          "mountConfiguration",
                                          "targetNodeCommunicationMode",
                                          "upgradePolicy",
                                          "resourceTags"};
    JsonWriter w;
    w.startObject().member("id", newId);
    for (const char* name : kCopied) copyMember(w, pool, name);
    w.key("virtualMachineConfiguration").startObject();
    if (const JsonValue* vm = findMember(pool, "virtualMachineConfiguration");
        vm != nullptr && vm->IsObject()) {
        for (auto it = vm->MemberBegin(); it != vm->MemberEnd(); ++it) {
            if (std::string_view(it->name.GetString()) == "extensions") continue;
            w.key(it->name.GetString()).raw(kvb::detail::toJsonText(it->value));
        }
    }
    w.key("extensions").startArray();
    if (const JsonValue* vm = findMember(pool, "virtualMachineConfiguration");
        vm != nullptr && vm->IsObject()) {
        if (const JsonValue* ext = findMember(*vm, "extensions"); ext != nullptr && ext->IsArray()) {
            for (const auto& e : ext->GetArray()) w.raw(kvb::detail::toJsonText(e));
        }
    }
    w.raw(extension);
    w.endArray().endObject();
    w.endObject();
    return w.str();
}

// Microsoft.Batch/batchAccounts/pools (management plane): the only place a pool gets a
// user-assigned identity.
std::string armPoolBody(const JsonValue& pool, const std::string& newId, const std::string& extension,
                        const PoolGuidanceOptions& options) {
    JsonWriter w;
    w.startObject().member("name", newId).member("type", "Microsoft.Batch/batchAccounts/pools");
    w.key("identity")
        .startObject()
        .member("type", "UserAssigned")
        .key("userAssignedIdentities")
        .startObject();
    w.key(options.msiResourceId.empty() ? std::string("<user-assigned identity resource id>")
                                        : options.msiResourceId)
        .startObject()
        .endObject();
    w.endObject().endObject();
    w.key("properties").startObject();
    copyMember(w, pool, "displayName");
    copyMember(w, pool, "vmSize");
    copyMember(w, pool, "taskSlotsPerNode");
    copyMember(w, pool, "taskSchedulingPolicy");
    if (const JsonValue* inter = findMember(pool, "enableInterNodeCommunication"); inter && inter->IsBool()) {
        w.member("interNodeCommunication", inter->GetBool() ? "Enabled" : "Disabled");
    }
    copyMember(w, pool, "networkConfiguration");
    copyMember(w, pool, "startTask");
    copyMember(w, pool, "userAccounts");
    copyMember(w, pool, "metadata");
    copyMember(w, pool, "mountConfiguration");
    w.key("scaleSettings").startObject();
    const JsonValue* autoScale = findMember(pool, "enableAutoScale");
    if (autoScale != nullptr && autoScale->IsBool() && autoScale->GetBool()) {
        w.key("autoScale").startObject();
        copyMember(w, pool, "autoScaleFormula", "formula");
        copyMember(w, pool, "autoScaleEvaluationInterval", "evaluationInterval");
        w.endObject();
    } else {
        w.key("fixedScale").startObject();
        copyMember(w, pool, "targetDedicatedNodes");
        copyMember(w, pool, "targetLowPriorityNodes");
        copyMember(w, pool, "resizeTimeout");
        w.endObject();
    }
    w.endObject();
    w.key("deploymentConfiguration").startObject().key("virtualMachineConfiguration").startObject();
    if (const JsonValue* vm = findMember(pool, "virtualMachineConfiguration");
        vm != nullptr && vm->IsObject()) {
        for (auto it = vm->MemberBegin(); it != vm->MemberEnd(); ++it) {
            const std::string_view name = it->name.GetString();
            if (name == "extensions") continue;
            // ARM spells this one "nodeAgentSkuId".
            w.key(name == "nodeAgentSKUId" ? std::string_view("nodeAgentSkuId") : name)
                .raw(kvb::detail::toJsonText(it->value));
        }
    }
    w.key("extensions").startArray();
    if (const JsonValue* vm = findMember(pool, "virtualMachineConfiguration");
        vm != nullptr && vm->IsObject()) {
        if (const JsonValue* ext = findMember(*vm, "extensions"); ext != nullptr && ext->IsArray()) {
            for (const auto& e : ext->GetArray()) w.raw(kvb::detail::toJsonText(e));
        }
    }
    w.raw(extension);
    w.endArray();
    w.endObject().endObject(); // virtualMachineConfiguration, deploymentConfiguration
    w.endObject();             // properties
    w.endObject();
    return w.str();
}

} // namespace

PoolOs poolOsFromNodeAgentSku(const std::string& nodeAgentSkuId) {
    return detail::toLower(nodeAgentSkuId).rfind("batch.node.windows", 0) == 0 ? PoolOs::Windows
                                                                               : PoolOs::Linux;
}

std::string versionlessId(const std::string& id) {
    // <scheme>://<host>/<collection>/<name>[/<version>]
    const std::size_t hostStart = id.find("://");
    if (hostStart == std::string::npos) return id;
    std::size_t slashes = 0;
    for (std::size_t i = hostStart + 3; i < id.size(); ++i) {
        if (id[i] == '/' && ++slashes == 3) return id.substr(0, i);
    }
    return id;
}

PoolGuidance makePoolGuidance(const std::string& poolId, const std::string& poolJson,
                              const std::map<std::string, std::string>& secretIds,
                              const PoolGuidanceOptions& options, bool jobSchedule) {
    auto doc = kvb::detail::parseJson(poolJson, "pool");
    const JsonValue& pool = kvb::detail::requireObject(doc, "pool");
    PoolGuidance g;
    g.poolId = poolId;
    g.jobSchedule = jobSchedule;
    std::string sku;
    if (const JsonValue* vm = findMember(pool, "virtualMachineConfiguration");
        vm != nullptr && vm->IsObject()) {
        sku = kvb::detail::optString(*vm, "nodeAgentSKUId").value_or("");
    }
    g.os = poolOsFromNodeAgentSku(sku);
    const auto uses =
        uniqueUses(detail::certificateUsesOf(ReferenceKind::Pool, poolId, poolJson), g.thumbprints);
    for (const auto& t : g.thumbprints) {
        if (secretIds.find(t) == secretIds.end()) g.unmigrated.push_back(t);
    }
    JsonWriter ext;
    writeExtension(ext, g.os, g.thumbprints, uses, secretIds, options);
    g.extensionJson = ext.str();
    if (!jobSchedule) {
        const std::string newId = poolId + options.replacementSuffix;
        g.batchPoolJson = batchPoolBody(pool, newId, g.extensionJson);
        g.armPoolJson = armPoolBody(pool, newId, g.extensionJson, options);
    }
    return g;
}

} // namespace kvb::migrate
