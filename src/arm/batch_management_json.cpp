// SPDX-License-Identifier: MIT
// Microsoft.Batch accounts and pools through Resource Manager (BatchManagement.json, 2024-07-01).
#include "arm/arm_json.hpp"

#include <kvbridge/error.hpp>

#include <algorithm>
#include <array>

#include "batch/batch_json.hpp"

namespace kvb::arm {

using namespace kvb::detail;

namespace {

// Resource Manager spells two members of the VM configuration differently from the data plane.
constexpr std::string_view kNodeAgent = "nodeAgentSkuId";
constexpr std::string_view kDataPlaneNodeAgent = "nodeAgentSKUId";
constexpr std::array<std::string_view, 4> kTypedVmMembers{"imageReference", "nodeAgentSkuId",
                                                          "nodeAgentSKUId", "extensions"};

batch::ImageReference parseImage(const JsonValue& obj) {
    batch::ImageReference image;
    image.publisher = optString(obj, "publisher");
    image.offer = optString(obj, "offer");
    image.sku = optString(obj, "sku");
    image.version = optString(obj, "version");
    image.virtualMachineImageId = optString(obj, "id");
    return image;
}

batch::VirtualMachineConfiguration parseVmConfiguration(const JsonValue& obj) {
    batch::VirtualMachineConfiguration vm;
    if (auto image = optObject(obj, "imageReference", parseImage)) vm.imageReference = std::move(*image);
    vm.nodeAgentSkuId = optString(obj, kNodeAgent).value_or("");
    vm.extensions = optObjectArray<batch::VmExtension>(obj, "extensions", batch::parseExtension);
    vm.rawJson = toJsonText(obj);
    return vm;
}

FixedScaleSettings parseFixedScale(const JsonValue& obj) {
    return {optInt32(obj, "targetDedicatedNodes"), optInt32(obj, "targetLowPriorityNodes"),
            optString(obj, "resizeTimeout"), optString(obj, "nodeDeallocationOption")};
}

AutoScaleSettings parseAutoScale(const JsonValue& obj) {
    return {optString(obj, "formula").value_or(""), optString(obj, "evaluationInterval")};
}

PoolScaleSettings parseScaleSettings(const JsonValue& obj) {
    return {optObject(obj, "fixedScale", parseFixedScale), optObject(obj, "autoScale", parseAutoScale)};
}

void readPoolProperties(PoolResource& pool, const JsonValue& p) {
    pool.displayName = optString(p, "displayName");
    pool.vmSize = optString(p, "vmSize").value_or("");
    if (const auto* deployment = findMember(p, "deploymentConfiguration"))
        pool.virtualMachineConfiguration = optObject(requireObject(*deployment, "deploymentConfiguration"),
                                                     "virtualMachineConfiguration", parseVmConfiguration);
    if (auto scale = optObject(p, "scaleSettings", parseScaleSettings))
        pool.scaleSettings = std::move(*scale);
    pool.taskSlotsPerNode = optInt32(p, "taskSlotsPerNode");
    pool.metadata = optObjectArray<batch::MetadataItem>(p, "metadata", [](const JsonValue& entry) {
        return batch::MetadataItem{requireString(entry, "name"), optString(entry, "value").value_or("")};
    });
    pool.startTask = optRawJson(p, "startTask");
    pool.targetNodeCommunicationMode = optString(p, "targetNodeCommunicationMode");
    pool.provisioningState = optString(p, "provisioningState").value_or("");
    pool.allocationState = optString(p, "allocationState").value_or("");
    pool.currentDedicatedNodes = optInt32(p, "currentDedicatedNodes");
    pool.currentLowPriorityNodes = optInt32(p, "currentLowPriorityNodes");
    pool.creationTime = optIsoTime(p, "creationTime");
    pool.lastModified = optIsoTime(p, "lastModified");
}

void writeImage(JsonWriter& w, const batch::ImageReference& image) {
    w.key("imageReference").startObject();
    w.member("publisher", image.publisher).member("offer", image.offer).member("sku", image.sku);
    w.member("version", image.version).member("id", image.virtualMachineImageId);
    w.endObject();
}

// The typed members, and every other member of rawJson (from either plane) as it was.
void writeVmConfiguration(JsonWriter& w, const batch::VirtualMachineConfiguration& vm) {
    w.key("virtualMachineConfiguration").startObject();
    if (!vm.rawJson.empty()) {
        const auto raw = parseJson(vm.rawJson, "virtualMachineConfiguration");
        for (const auto& member : requireObject(raw, "virtualMachineConfiguration").GetObject()) {
            const auto name = memberName(member.name);
            if (std::find(kTypedVmMembers.begin(), kTypedVmMembers.end(), name) == kTypedVmMembers.end())
                w.key(name).raw(toJsonText(member.value));
        }
    }
    writeImage(w, vm.imageReference);
    w.member(kNodeAgent, vm.nodeAgentSkuId);
    if (!vm.extensions.empty()) {
        w.key("extensions").startArray();
        for (const auto& extension : vm.extensions) batch::writeExtension(w, extension);
        w.endArray();
    }
    w.endObject();
}

void writeScaleSettings(JsonWriter& w, const PoolScaleSettings& scale) {
    if (scale.fixedScale && scale.autoScale)
        throw InvalidArgument("pool scale settings take fixedScale or autoScale, not both");
    w.key("scaleSettings").startObject();
    if (const auto& fixed = scale.fixedScale) {
        w.key("fixedScale").startObject();
        w.member("targetDedicatedNodes", fixed->targetDedicatedNodes)
            .member("targetLowPriorityNodes", fixed->targetLowPriorityNodes)
            .member("resizeTimeout", fixed->resizeTimeout)
            .member("nodeDeallocationOption", fixed->nodeDeallocationOption);
        w.endObject();
    }
    if (const auto& autoScale = scale.autoScale) {
        if (autoScale->formula.empty()) throw InvalidArgument("pool autoScale formula must not be empty");
        w.key("autoScale").startObject().member("formula", autoScale->formula);
        w.member("evaluationInterval", autoScale->evaluationInterval).endObject();
    }
    w.endObject();
}

} // namespace

BatchAccount parseBatchAccount(const JsonValue& obj) {
    BatchAccount account;
    readResource(account, obj);
    account.identity = optObject(obj, "identity", parseManagedServiceIdentity);
    if (const auto* p = propertiesOf(obj)) {
        account.accountEndpoint = optString(*p, "accountEndpoint").value_or("");
        account.provisioningState = optString(*p, "provisioningState").value_or("");
        account.poolAllocationMode = optString(*p, "poolAllocationMode").value_or("");
        account.publicNetworkAccess = optString(*p, "publicNetworkAccess").value_or("");
        account.keyVaultReference = optObject(*p, "keyVaultReference", [](const JsonValue& ref) {
            return BatchAccountKeyVaultReference{requireString(ref, "id"), requireString(ref, "url")};
        });
        if (const auto* storage = findMember(*p, "autoStorage"))
            account.autoStorageAccountId =
                optString(requireObject(*storage, "autoStorage"), "storageAccountId");
    }
    return account;
}

PoolResource parsePoolResource(const JsonValue& obj) {
    PoolResource pool;
    readResource(pool, obj);
    pool.etag = optString(obj, "etag").value_or("");
    pool.identity = optObject(obj, "identity", parseManagedServiceIdentity);
    if (const auto* p = propertiesOf(obj)) readPoolProperties(pool, *p);
    pool.rawJson = toJsonText(obj);
    return pool;
}

std::string poolBody(const PoolResource& pool) {
    if (pool.vmSize.empty()) throw InvalidArgument("pool vmSize is required");
    if (pool.identity && pool.identity->type == "UserAssigned" &&
        pool.identity->userAssignedIdentities.empty())
        throw InvalidArgument("pool identity of type UserAssigned needs at least one identity");
    JsonWriter w(true);
    w.startObject();
    if (pool.identity) writeManagedServiceIdentity(w, *pool.identity);
    w.key("properties").startObject();
    w.member("displayName", pool.displayName).member("vmSize", pool.vmSize);
    if (pool.virtualMachineConfiguration) {
        w.key("deploymentConfiguration").startObject();
        writeVmConfiguration(w, *pool.virtualMachineConfiguration);
        w.endObject();
    }
    if (pool.scaleSettings.fixedScale || pool.scaleSettings.autoScale)
        writeScaleSettings(w, pool.scaleSettings);
    w.member("taskSlotsPerNode", pool.taskSlotsPerNode);
    if (!pool.metadata.empty()) {
        w.key("metadata").startArray();
        for (const auto& item : pool.metadata)
            w.startObject().member("name", item.name).member("value", item.value).endObject();
        w.endArray();
    }
    batch::optRawMember(w, "startTask", pool.startTask);
    w.member("targetNodeCommunicationMode", pool.targetNodeCommunicationMode);
    w.endObject().endObject();
    return w.str();
}

std::string poolUpdateBody(const PoolUpdateParameters& update) {
    if (!update.scaleSettings) throw InvalidArgument("pool update changes nothing");
    JsonWriter w;
    w.startObject().key("properties").startObject();
    writeScaleSettings(w, *update.scaleSettings);
    w.endObject().endObject();
    return w.str();
}

} // namespace kvb::arm
