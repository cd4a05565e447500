// SPDX-License-Identifier: MIT
#include "batch/batch_json.hpp"

#include <kvbridge/error.hpp>

#include <array>
#include <utility>

namespace kvb::batch {

using namespace kvb::detail;

namespace {

template <class Enum, std::size_t N>
Enum enumFromWire(const std::array<std::pair<const char*, Enum>, N>& table, std::string_view wire,
                  Enum unknown) {
    for (const auto& [name, value] : table)
        if (wire == name) return value;
    return unknown;
}

template <class Enum, std::size_t N>
const char* enumToWire(const std::array<std::pair<const char*, Enum>, N>& table, Enum value) {
    for (const auto& [name, v] : table)
        if (v == value) return name;
    return "unknown";
}

constexpr std::array<std::pair<const char*, CertificateState>, 3> kCertificateStates{{
    {"active", CertificateState::Active},
    {"deleting", CertificateState::Deleting},
    {"deletefailed", CertificateState::DeleteFailed},
}};
constexpr std::array<std::pair<const char*, PoolState>, 2> kPoolStates{{
    {"active", PoolState::Active},
    {"deleting", PoolState::Deleting},
}};
constexpr std::array<std::pair<const char*, AllocationState>, 3> kAllocationStates{{
    {"steady", AllocationState::Steady},
    {"resizing", AllocationState::Resizing},
    {"stopping", AllocationState::Stopping},
}};

template <class Enum, std::size_t N>
std::optional<Enum> optEnum(const JsonValue& obj, std::string_view name,
                            const std::array<std::pair<const char*, Enum>, N>& table, Enum unknown) {
    auto wire = optString(obj, name);
    if (!wire) return std::nullopt;
    return enumFromWire(table, *wire, unknown);
}

CertificateReference parseCertificateReference(const JsonValue& obj) {
    CertificateReference ref;
    ref.thumbprint = requireString(obj, "thumbprint");
    ref.thumbprintAlgorithm = optString(obj, "thumbprintAlgorithm").value_or("sha1");
    ref.storeLocation = optString(obj, "storeLocation");
    ref.storeName = optString(obj, "storeName");
    ref.visibility = optStringArray(obj, "visibility");
    return ref;
}

ApplicationPackageReference parseApplicationPackageReference(const JsonValue& obj) {
    return {requireString(obj, "applicationId"), optString(obj, "version")};
}

MetadataItem parseMetadataItem(const JsonValue& obj) {
    return {requireString(obj, "name"), optString(obj, "value").value_or("")};
}

ImageReference parseImageReference(const JsonValue& obj) {
    ImageReference image;
    image.publisher = optString(obj, "publisher");
    image.offer = optString(obj, "offer");
    image.sku = optString(obj, "sku");
    image.version = optString(obj, "version");
    image.virtualMachineImageId = optString(obj, "virtualMachineImageId");
    image.exactVersion = optString(obj, "exactVersion");
    return image;
}

} // namespace

VmExtension parseExtension(const JsonValue& obj) {
    VmExtension ext;
    ext.name = requireString(obj, "name");
    ext.publisher = requireString(obj, "publisher");
    ext.type = requireString(obj, "type");
    ext.typeHandlerVersion = optString(obj, "typeHandlerVersion");
    ext.autoUpgradeMinorVersion = optBool(obj, "autoUpgradeMinorVersion");
    ext.enableAutomaticUpgrade = optBool(obj, "enableAutomaticUpgrade");
    ext.settings = optRawJson(obj, "settings");
    if (auto secret = optRawJson(obj, "protectedSettings"))
        ext.protectedSettings = SecretString(std::move(*secret));
    ext.provisionAfterExtensions = optStringArray(obj, "provisionAfterExtensions");
    return ext;
}

namespace {

VirtualMachineConfiguration parseVmConfiguration(const JsonValue& obj) {
    VirtualMachineConfiguration vm;
    if (auto image = optObject(obj, "imageReference", parseImageReference))
        vm.imageReference = std::move(*image);
    vm.nodeAgentSkuId = optString(obj, "nodeAgentSKUId").value_or("");
    vm.extensions = optObjectArray<VmExtension>(obj, "extensions", parseExtension);
    vm.rawJson = toJsonText(obj);
    return vm;
}

UserAssignedIdentity parseUserAssignedIdentity(const JsonValue& obj) {
    return {requireString(obj, "resourceId"), optString(obj, "clientId"), optString(obj, "principalId")};
}

BatchPoolIdentity parsePoolIdentity(const JsonValue& obj) {
    return {optString(obj, "type").value_or(""),
            optObjectArray<UserAssignedIdentity>(obj, "userAssignedIdentities", parseUserAssignedIdentity)};
}

NameValuePair parseNameValue(const JsonValue& obj) {
    return {optString(obj, "name").value_or(""), optString(obj, "value").value_or("")};
}

DeleteCertificateError parseDeleteError(const JsonValue& obj) {
    return {optString(obj, "code").value_or(""), optString(obj, "message").value_or(""),
            optObjectArray<NameValuePair>(obj, "values", parseNameValue)};
}

AutoPoolSpecification parseAutoPool(const JsonValue& obj) {
    AutoPoolSpecification spec;
    spec.autoPoolIdPrefix = optString(obj, "autoPoolIdPrefix");
    spec.poolLifetimeOption = optString(obj, "poolLifetimeOption").value_or("");
    spec.keepAlive = optBool(obj, "keepAlive");
    spec.pool = optObject(obj, "pool", parsePoolSpecification);
    return spec;
}

PoolInformation parsePoolInfo(const JsonValue& obj) {
    return {optString(obj, "poolId"), optObject(obj, "autoPoolSpecification", parseAutoPool)};
}

// What CloudPool and PoolSpecification share.
template <class Pool>
void readPoolCommon(Pool& pool, const JsonValue& obj) {
    pool.displayName = optString(obj, "displayName");
    pool.virtualMachineConfiguration = optObject(obj, "virtualMachineConfiguration", parseVmConfiguration);
    pool.targetDedicatedNodes = optInt32(obj, "targetDedicatedNodes");
    pool.targetLowPriorityNodes = optInt32(obj, "targetLowPriorityNodes");
    pool.certificateReferences =
        optObjectArray<CertificateReference>(obj, "certificateReferences", parseCertificateReference);
    pool.applicationPackageReferences = optObjectArray<ApplicationPackageReference>(
        obj, "applicationPackageReferences", parseApplicationPackageReference);
    pool.metadata = optObjectArray<MetadataItem>(obj, "metadata", parseMetadataItem);
    pool.startTask = optRawJson(obj, "startTask");
    pool.rawJson = toJsonText(obj);
}

// What CloudJobSchedule and CloudJob share.
template <class Entity>
void readJobCommon(Entity& entity, const JsonValue& obj) {
    entity.id = optString(obj, "id").value_or("");
    entity.displayName = optString(obj, "displayName");
    entity.url = optString(obj, "url").value_or("");
    entity.state = optString(obj, "state");
    entity.creationTime = optIsoTime(obj, "creationTime");
    entity.metadata = optObjectArray<MetadataItem>(obj, "metadata", parseMetadataItem);
    entity.rawJson = toJsonText(obj);
}

// ---- writing ----

} // namespace

// Caller-supplied JSON text goes into the body verbatim, so it must be one valid JSON value.
void rawMember(JsonWriter& w, std::string_view name, std::string_view json) {
    rapidjson::Document doc;
    doc.Parse(json.data(), json.size());
    if (doc.HasParseError())
        throw InvalidArgument("Batch field '" + std::string(name) + "' is not valid JSON");
    w.key(name).raw(json);
}

void optRawMember(JsonWriter& w, std::string_view name, const std::optional<std::string>& json) {
    if (json) rawMember(w, name, *json);
}

namespace {

void writeCertificateReferences(JsonWriter& w, const std::vector<CertificateReference>& refs) {
    w.key("certificateReferences").startArray();
    for (const auto& ref : refs) {
        w.startObject()
            .member("thumbprint", ref.thumbprint)
            .member("thumbprintAlgorithm", ref.thumbprintAlgorithm);
        w.member("storeLocation", ref.storeLocation).member("storeName", ref.storeName);
        if (!ref.visibility.empty()) w.member("visibility", ref.visibility);
        w.endObject();
    }
    w.endArray();
}

void writeApplicationPackages(JsonWriter& w, const std::vector<ApplicationPackageReference>& refs) {
    w.key("applicationPackageReferences").startArray();
    for (const auto& ref : refs)
        w.startObject().member("applicationId", ref.applicationId).member("version", ref.version).endObject();
    w.endArray();
}

void writeMetadata(JsonWriter& w, const std::vector<MetadataItem>& items) {
    w.key("metadata").startArray();
    for (const auto& item : items)
        w.startObject().member("name", item.name).member("value", item.value).endObject();
    w.endArray();
}

} // namespace

void writeExtension(JsonWriter& w, const VmExtension& ext) {
    w.startObject().member("name", ext.name).member("publisher", ext.publisher).member("type", ext.type);
    w.member("typeHandlerVersion", ext.typeHandlerVersion)
        .member("autoUpgradeMinorVersion", ext.autoUpgradeMinorVersion)
        .member("enableAutomaticUpgrade", ext.enableAutomaticUpgrade);
    optRawMember(w, "settings", ext.settings);
    if (!ext.protectedSettings.empty()) rawMember(w, "protectedSettings", ext.protectedSettings.reveal());
    if (!ext.provisionAfterExtensions.empty())
        w.member("provisionAfterExtensions", ext.provisionAfterExtensions);
    w.endObject();
}

namespace {

void writeVmConfiguration(JsonWriter& w, const VirtualMachineConfiguration& vm) {
    if (!vm.rawJson.empty()) {
        rawMember(w, "virtualMachineConfiguration", vm.rawJson);
        return;
    }
    const auto& image = vm.imageReference;
    w.key("virtualMachineConfiguration").startObject().key("imageReference").startObject();
    w.member("publisher", image.publisher).member("offer", image.offer).member("sku", image.sku);
    w.member("version", image.version)
        .member("virtualMachineImageId", image.virtualMachineImageId)
        .endObject();
    w.member("nodeAgentSKUId", vm.nodeAgentSkuId);
    if (!vm.extensions.empty()) {
        w.key("extensions").startArray();
        for (const auto& ext : vm.extensions) writeExtension(w, ext);
        w.endArray();
    }
    w.endObject();
}

} // namespace

BatchCertificate parseCertificate(const JsonValue& obj) {
    BatchCertificate cert;
    cert.thumbprint = optString(obj, "thumbprint").value_or("");
    cert.thumbprintAlgorithm = optString(obj, "thumbprintAlgorithm").value_or("");
    cert.url = optString(obj, "url").value_or("");
    cert.state = optEnum(obj, "state", kCertificateStates, CertificateState::Unknown);
    cert.stateTransitionTime = optIsoTime(obj, "stateTransitionTime");
    cert.previousState = optEnum(obj, "previousState", kCertificateStates, CertificateState::Unknown);
    cert.previousStateTransitionTime = optIsoTime(obj, "previousStateTransitionTime");
    cert.publicData = optString(obj, "publicData").value_or("");
    cert.deleteCertificateError = optObject(obj, "deleteCertificateError", parseDeleteError);
    return cert;
}

BatchPool parsePool(const JsonValue& obj) {
    BatchPool pool;
    readPoolCommon(pool, obj);
    pool.id = optString(obj, "id").value_or("");
    pool.url = optString(obj, "url").value_or("");
    pool.eTag = optString(obj, "eTag");
    pool.lastModified = optIsoTime(obj, "lastModified");
    pool.creationTime = optIsoTime(obj, "creationTime");
    pool.state = optEnum(obj, "state", kPoolStates, PoolState::Unknown);
    pool.stateTransitionTime = optIsoTime(obj, "stateTransitionTime");
    pool.allocationState = optEnum(obj, "allocationState", kAllocationStates, AllocationState::Unknown);
    pool.allocationStateTransitionTime = optIsoTime(obj, "allocationStateTransitionTime");
    pool.vmSize = optString(obj, "vmSize");
    pool.currentDedicatedNodes = optInt32(obj, "currentDedicatedNodes");
    pool.currentLowPriorityNodes = optInt32(obj, "currentLowPriorityNodes");
    pool.enableAutoScale = optBool(obj, "enableAutoScale");
    pool.autoScaleFormula = optString(obj, "autoScaleFormula");
    pool.taskSlotsPerNode = optInt32(obj, "taskSlotsPerNode");
    pool.identity = optObject(obj, "identity", parsePoolIdentity);
    pool.targetNodeCommunicationMode = optString(obj, "targetNodeCommunicationMode");
    return pool;
}

PoolSpecification parsePoolSpecification(const JsonValue& obj) {
    PoolSpecification spec;
    readPoolCommon(spec, obj);
    spec.vmSize = optString(obj, "vmSize").value_or("");
    return spec;
}

BatchJobSchedule parseJobSchedule(const JsonValue& obj) {
    BatchJobSchedule schedule;
    readJobCommon(schedule, obj);
    if (const auto* spec = findMember(obj, "jobSpecification"))
        schedule.poolInfo = optObject(requireObject(*spec, "jobSpecification"), "poolInfo", parsePoolInfo);
    return schedule;
}

BatchJob parseJob(const JsonValue& obj) {
    BatchJob job;
    readJobCommon(job, obj);
    job.poolInfo = optObject(obj, "poolInfo", parsePoolInfo);
    return job;
}

void writeCertificateAdd(JsonWriter& w, std::string_view thumbprint, std::string_view base64Data,
                         CertificateFormat format, std::string_view password) {
    w.startObject().member("thumbprint", thumbprint).member("thumbprintAlgorithm", "sha1");
    w.member("data", base64Data)
        .member("certificateFormat", format == CertificateFormat::Pfx ? "pfx" : "cer");
    if (!password.empty()) w.member("password", password);
    w.endObject();
}

std::string poolAddJson(const PoolAddParameters& pool) {
    JsonWriter w;
    w.startObject()
        .member("id", pool.id)
        .member("displayName", pool.displayName)
        .member("vmSize", pool.vmSize);
    if (pool.virtualMachineConfiguration) writeVmConfiguration(w, *pool.virtualMachineConfiguration);
    w.member("resizeTimeout", pool.resizeTimeout)
        .member("targetDedicatedNodes", pool.targetDedicatedNodes)
        .member("targetLowPriorityNodes", pool.targetLowPriorityNodes)
        .member("enableAutoScale", pool.enableAutoScale)
        .member("autoScaleFormula", pool.autoScaleFormula)
        .member("enableInterNodeCommunication", pool.enableInterNodeCommunication)
        .member("taskSlotsPerNode", pool.taskSlotsPerNode);
    optRawMember(w, "startTask", pool.startTask);
    if (!pool.certificateReferences.empty()) writeCertificateReferences(w, pool.certificateReferences);
    if (!pool.applicationPackageReferences.empty())
        writeApplicationPackages(w, pool.applicationPackageReferences);
    if (!pool.metadata.empty()) writeMetadata(w, pool.metadata);
    w.member("targetNodeCommunicationMode", pool.targetNodeCommunicationMode);
    w.endObject();
    return w.str();
}

std::string poolPatchJson(const PoolPatchParameters& patch) {
    JsonWriter w;
    w.startObject();
    optRawMember(w, "startTask", patch.startTask);
    if (patch.certificateReferences) writeCertificateReferences(w, *patch.certificateReferences);
    if (patch.applicationPackageReferences) writeApplicationPackages(w, *patch.applicationPackageReferences);
    if (patch.metadata) writeMetadata(w, *patch.metadata);
    w.member("targetNodeCommunicationMode", patch.targetNodeCommunicationMode);
    w.endObject();
    return w.str();
}

std::string poolUpdatePropertiesJson(const PoolUpdatePropertiesParameters& properties) {
    JsonWriter w;
    w.startObject();
    optRawMember(w, "startTask", properties.startTask);
    writeCertificateReferences(w, properties.certificateReferences);
    writeApplicationPackages(w, properties.applicationPackageReferences);
    writeMetadata(w, properties.metadata);
    w.member("targetNodeCommunicationMode", properties.targetNodeCommunicationMode);
    w.endObject();
    return w.str();
}

PoolUpdatePropertiesParameters keepProperties(const BatchPool& pool) {
    PoolUpdatePropertiesParameters out;
    out.startTask = pool.startTask;
    out.certificateReferences = pool.certificateReferences;
    out.applicationPackageReferences = pool.applicationPackageReferences;
    out.metadata = pool.metadata;
    out.targetNodeCommunicationMode = pool.targetNodeCommunicationMode;
    return out;
}

} // namespace kvb::batch

namespace kvb::batch {

const char* toString(CertificateState state) noexcept {
    return enumToWire(kCertificateStates, state);
}
const char* toString(PoolState state) noexcept {
    return enumToWire(kPoolStates, state);
}
const char* toString(AllocationState state) noexcept {
    return enumToWire(kAllocationStates, state);
}

} // namespace kvb::batch
