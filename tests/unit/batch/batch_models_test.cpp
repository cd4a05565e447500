// SPDX-License-Identifier: MIT
// Every Certificate*/Pool* example of the 2024-07-01.20.0 swagger, read at test time: responses
// parse into the models with the example's values, request bodies serialize to its fields.

#include <doctest/doctest.h>

#include <string>

#include "batch/batch_json.hpp"
#include "core/json.hpp"
#include "core/time_format.hpp"
#include "spec_examples.hpp"

using namespace kvb::batch;
using kvb::detail::JsonValue;
using kvb::test::batchExamples;
using kvb::test::readBatchExample;

namespace {

const JsonValue& okBody(const JsonValue& example) {
    return example["responses"]["200"]["body"];
}

std::string str(const JsonValue& obj, const char* name) {
    return obj.HasMember(name) ? obj[name].GetString() : std::string();
}

void checkTime(const std::optional<std::chrono::system_clock::time_point>& t, const JsonValue& obj,
               const char* name) {
    if (!obj.HasMember(name)) {
        CHECK_FALSE(t.has_value());
        return;
    }
    REQUIRE(t.has_value());
    CHECK(*t == *kvb::detail::parseIso8601(obj[name].GetString()));
}

void checkOptInt(const std::optional<std::int32_t>& v, const JsonValue& obj, const char* name) {
    if (obj.HasMember(name))
        CHECK(v == obj[name].GetInt());
    else
        CHECK_FALSE(v.has_value());
}

void checkOptString(const std::optional<std::string>& v, const JsonValue& obj, const char* name) {
    if (obj.HasMember(name))
        CHECK(v == std::string(obj[name].GetString()));
    else
        CHECK_FALSE(v.has_value());
}

// Deep JSON equality of @p text with @p expected.
void checkJson(std::string_view text, const JsonValue& expected) {
    auto doc = kvb::detail::parseJson(text, "test");
    CHECK(static_cast<const JsonValue&>(doc) == expected);
}

void checkCertificate(const BatchCertificate& c, const JsonValue& j) {
    CHECK(c.thumbprint == str(j, "thumbprint"));
    CHECK(c.thumbprintAlgorithm == str(j, "thumbprintAlgorithm"));
    CHECK(c.url == str(j, "url"));
    REQUIRE(c.state.has_value());
    CHECK(std::string(toString(*c.state)) == str(j, "state"));
    REQUIRE(c.previousState.has_value());
    CHECK(std::string(toString(*c.previousState)) == str(j, "previousState"));
    checkTime(c.stateTransitionTime, j, "stateTransitionTime");
    checkTime(c.previousStateTransitionTime, j, "previousStateTransitionTime");
    CHECK(c.publicData == str(j, "publicData"));
    REQUIRE(c.deleteCertificateError.has_value());
    const auto& e = j["deleteCertificateError"];
    CHECK(c.deleteCertificateError->code == str(e, "code"));
    CHECK(c.deleteCertificateError->message == str(e, "message"));
    REQUIRE(c.deleteCertificateError->values.size() == e["values"].Size());
    for (rapidjson::SizeType i = 0; i < e["values"].Size(); ++i) {
        CHECK(c.deleteCertificateError->values[i].name == str(e["values"][i], "name"));
        CHECK(c.deleteCertificateError->values[i].value == str(e["values"][i], "value"));
    }
}

void checkVm(const VirtualMachineConfiguration& vm, const JsonValue& j) {
    const auto& image = j["imageReference"];
    for (const char* f : {"publisher", "offer", "sku", "version", "virtualMachineImageId", "exactVersion"}) {
        const auto& field = std::string(f) == "publisher"      ? vm.imageReference.publisher
                            : std::string(f) == "offer"        ? vm.imageReference.offer
                            : std::string(f) == "sku"          ? vm.imageReference.sku
                            : std::string(f) == "version"      ? vm.imageReference.version
                            : std::string(f) == "exactVersion" ? vm.imageReference.exactVersion
                                                               : vm.imageReference.virtualMachineImageId;
        checkOptString(field, image, f);
    }
    CHECK(vm.nodeAgentSkuId == str(j, "nodeAgentSKUId"));
    checkJson(vm.rawJson, j);
    const std::size_t count = j.HasMember("extensions") ? j["extensions"].Size() : 0;
    REQUIRE(vm.extensions.size() == count);
    for (std::size_t i = 0; i < count; ++i) {
        const auto& e = j["extensions"][static_cast<rapidjson::SizeType>(i)];
        const auto& x = vm.extensions[i];
        CHECK(x.name == str(e, "name"));
        CHECK(x.type == str(e, "type"));
        CHECK(x.publisher == str(e, "publisher"));
        checkOptString(x.typeHandlerVersion, e, "typeHandlerVersion");
        CHECK(x.autoUpgradeMinorVersion == e["autoUpgradeMinorVersion"].GetBool());
        REQUIRE(x.settings.has_value());
        checkJson(*x.settings, e["settings"]);
        CHECK(x.protectedSettings.empty() == !e.HasMember("protectedSettings"));
    }
}

void checkPool(const BatchPool& p, const JsonValue& j) {
    CHECK(p.id == str(j, "id"));
    CHECK(p.url == str(j, "url"));
    checkOptString(p.eTag, j, "eTag");
    checkOptString(p.vmSize, j, "vmSize");
    checkOptString(p.displayName, j, "displayName");
    checkOptString(p.targetNodeCommunicationMode, j, "targetNodeCommunicationMode");
    REQUIRE(p.state.has_value());
    CHECK(std::string(toString(*p.state)) == str(j, "state"));
    REQUIRE(p.allocationState.has_value());
    CHECK(std::string(toString(*p.allocationState)) == str(j, "allocationState"));
    checkTime(p.creationTime, j, "creationTime");
    checkTime(p.lastModified, j, "lastModified");
    checkTime(p.stateTransitionTime, j, "stateTransitionTime");
    checkTime(p.allocationStateTransitionTime, j, "allocationStateTransitionTime");
    checkOptInt(p.currentDedicatedNodes, j, "currentDedicatedNodes");
    checkOptInt(p.targetDedicatedNodes, j, "targetDedicatedNodes");
    checkOptInt(p.targetLowPriorityNodes, j, "targetLowPriorityNodes");
    checkOptInt(p.taskSlotsPerNode, j, "taskSlotsPerNode");
    if (j.HasMember("enableAutoScale")) CHECK(p.enableAutoScale == j["enableAutoScale"].GetBool());
    if (j.HasMember("startTask")) {
        REQUIRE(p.startTask.has_value());
        checkJson(*p.startTask, j["startTask"]);
    }
    REQUIRE(p.virtualMachineConfiguration.has_value() == j.HasMember("virtualMachineConfiguration"));
    if (p.virtualMachineConfiguration)
        checkVm(*p.virtualMachineConfiguration, j["virtualMachineConfiguration"]);
    CHECK(p.certificateReferences.size() ==
          (j.HasMember("certificateReferences") ? j["certificateReferences"].Size() : 0));
    checkJson(p.rawJson, j);
}

// The PoolAddParameter fields of @p j that the typed model carries.
PoolAddParameters poolAddFrom(const JsonValue& j) {
    const BatchPool read = kvb::batch::parsePool(j);
    PoolAddParameters p;
    p.id = read.id;
    p.displayName = read.displayName;
    p.vmSize = *read.vmSize;
    p.virtualMachineConfiguration = read.virtualMachineConfiguration;
    // Only the typed parts, so the test covers their serialization rather than the raw pass-through.
    if (p.virtualMachineConfiguration) p.virtualMachineConfiguration->rawJson.clear();
    p.targetDedicatedNodes = read.targetDedicatedNodes;
    p.targetLowPriorityNodes = read.targetLowPriorityNodes;
    p.enableAutoScale = read.enableAutoScale;
    p.autoScaleFormula = read.autoScaleFormula;
    p.taskSlotsPerNode = read.taskSlotsPerNode;
    if (j.HasMember("resizeTimeout")) p.resizeTimeout = j["resizeTimeout"].GetString();
    if (j.HasMember("enableInterNodeCommunication"))
        p.enableInterNodeCommunication = j["enableInterNodeCommunication"].GetBool();
    p.certificateReferences = read.certificateReferences;
    p.metadata = read.metadata;
    p.startTask = read.startTask;
    p.targetNodeCommunicationMode = read.targetNodeCommunicationMode;
    return p;
}

// Every member of @p out equals the example's; the typed VM configuration matches on its keys.
void checkSubset(const JsonValue& out, const JsonValue& example) {
    for (const auto& m : out.GetObject()) {
        const std::string name = m.name.GetString();
        CAPTURE(name);
        REQUIRE(example.HasMember(name.c_str()));
        if (m.value.IsObject() && name != "startTask" && name != "settings")
            checkSubset(m.value, example[name.c_str()]);
        else if (m.value.IsArray() && m.value.Size() > 0 && m.value[0].IsObject()) {
            REQUIRE(m.value.Size() == example[name.c_str()].Size());
            for (rapidjson::SizeType i = 0; i < m.value.Size(); ++i)
                checkSubset(m.value[i], example[name.c_str()][i]);
        } else
            CHECK(m.value == example[name.c_str()]);
    }
}

} // namespace

TEST_SUITE("batch::models") {
    TEST_CASE("CertificateGet and CertificateList examples parse with their values") {
        auto get = readBatchExample("CertificateGet.json");
        const auto cert = kvb::batch::parseCertificate(okBody(get));
        checkCertificate(cert, okBody(get));
        CHECK(cert.thumbprint == "0123456789abcdef0123456789abcdef01234567");
        CHECK(cert.state == CertificateState::DeleteFailed);
        CHECK(cert.previousState == CertificateState::Deleting);
        CHECK(kvb::detail::formatIso8601(*cert.stateTransitionTime) == "2014-07-31T21:12:58.236Z");
        CHECK(cert.deleteCertificateError->code == "PoolsReferencingCertificate");
        CHECK(cert.deleteCertificateError->values.at(0).value == "mypool1");

        auto list = readBatchExample("CertificateList.json");
        const auto& items = okBody(list)["value"];
        REQUIRE(items.Size() == 1);
        checkCertificate(kvb::batch::parseCertificate(items[0]), items[0]);
    }

    TEST_CASE("every PoolGet and PoolList example parses with its values") {
        int pools = 0;
        for (const auto& file : batchExamples("PoolGet_")) {
            CAPTURE(file);
            auto doc = readBatchExample(file);
            checkPool(kvb::batch::parsePool(okBody(doc)), okBody(doc));
            ++pools;
        }
        auto list = readBatchExample("PoolList_Basic.json");
        for (const auto& item : okBody(list)["value"].GetArray()) {
            checkPool(kvb::batch::parsePool(item), item);
            ++pools;
        }
        CHECK(pools >= 8);
    }

    TEST_CASE("the KeyVaultForLinux extension of PoolGet keeps its settings as raw JSON") {
        auto doc = readBatchExample("PoolGet_VirtualMachineConfigurationWithExtensions.json");
        const auto pool = kvb::batch::parsePool(okBody(doc));
        const auto& ext = pool.virtualMachineConfiguration->extensions.at(0);
        CHECK(ext.type == "KeyVaultForLinux");
        CHECK(ext.publisher == "Microsoft.Azure.KeyVault");
        CHECK(ext.enableAutomaticUpgrade == true);
        // The example's settings is a JSON string; it is kept as that JSON value.
        CHECK(ext.settings->front() == '"');
        CHECK(pool.virtualMachineConfiguration->imageReference.offer == "0001-com-ubuntu-server-focal");
        CHECK(pool.virtualMachineConfiguration->nodeAgentSkuId == "batch.node.ubuntu 20.04");
        CHECK(pool.state == PoolState::Active);
        CHECK(pool.allocationState == AllocationState::Steady);
    }

    TEST_CASE("CertificateAdd request body has the example's fields") {
        auto doc = readBatchExample("CertificateAdd.json");
        const auto& expected = doc["parameters"]["certificate"];
        kvb::detail::JsonWriter w(true);
        kvb::batch::writeCertificateAdd(w, expected["thumbprint"].GetString(), expected["data"].GetString(),
                                        CertificateFormat::Pfx, expected["password"].GetString());
        checkJson(w.view(), expected);

        kvb::detail::JsonWriter cer(true);
        kvb::batch::writeCertificateAdd(cer, expected["thumbprint"].GetString(), "AAAA",
                                        CertificateFormat::Cer, "");
        auto out = kvb::detail::parseJson(cer.view(), "cer");
        CHECK(std::string(out["certificateFormat"].GetString()) == "cer");
        CHECK_FALSE(out.HasMember("password"));
    }

    TEST_CASE("PoolUpdate and PoolPatch request bodies have the examples' fields") {
        auto update = readBatchExample("PoolUpdate.json");
        const auto& u = update["parameters"]["poolUpdatePropertiesParameter"];
        PoolUpdatePropertiesParameters props;
        props.startTask = kvb::detail::toJsonText(u["startTask"]);
        checkJson(kvb::batch::poolUpdatePropertiesJson(props), u);

        auto patch = readBatchExample("PoolPatch.json");
        const auto& p = patch["parameters"]["poolPatchParameter"];
        PoolPatchParameters params;
        params.startTask = kvb::detail::toJsonText(p["startTask"]);
        checkJson(kvb::batch::poolPatchJson(params), p);
    }

    TEST_CASE("every PoolAdd example's typed fields serialize to the example's values") {
        for (const auto& file : batchExamples("PoolAdd_")) {
            CAPTURE(file);
            auto doc = readBatchExample(file);
            const auto& expected = doc["parameters"]["pool"];
            auto out = kvb::detail::parseJson(kvb::batch::poolAddJson(poolAddFrom(expected)), "pool");
            checkSubset(out, expected);
            for (const char* key : {"id", "vmSize", "targetDedicatedNodes", "metadata", "startTask"})
                CHECK(out.HasMember(key) == expected.HasMember(key));
        }
        // A raw virtualMachineConfiguration goes out unchanged.
        auto doc = readBatchExample("PoolAdd_SecurityProfile.json");
        const auto& expected = doc["parameters"]["pool"];
        PoolAddParameters p = poolAddFrom(expected);
        p.virtualMachineConfiguration->rawJson =
            kvb::detail::toJsonText(expected["virtualMachineConfiguration"]);
        auto out = kvb::detail::parseJson(kvb::batch::poolAddJson(p), "pool");
        CHECK(out["virtualMachineConfiguration"] == expected["virtualMachineConfiguration"]);
    }

    TEST_CASE("certificate references, identity and app packages round-trip") {
        const char* json =
            R"({"id":"p1","url":"https://a/pools/p1","state":"active","allocationState":"resizing",
            "certificateReferences":[{"thumbprint":"aa","thumbprintAlgorithm":"sha1","storeLocation":"localmachine",
              "storeName":"My","visibility":["starttask","task"]},{"thumbprint":"bb","thumbprintAlgorithm":"sha1"}],
            "applicationPackageReferences":[{"applicationId":"app","version":"1"}],
            "metadata":[{"name":"k","value":"v"}],
            "identity":{"type":"UserAssigned","userAssignedIdentities":[{"resourceId":"/sub/x","clientId":"c"}]},
            "virtualMachineConfiguration":{"imageReference":{"publisher":"p"},"nodeAgentSKUId":"n",
              "extensions":[{"name":"e","publisher":"pub","type":"t","settings":{"a":1},"protectedSettings":{"s":"x"}}]}})";
        auto doc = kvb::detail::parseJson(json, "pool");
        const auto pool = kvb::batch::parsePool(doc);
        REQUIRE(pool.certificateReferences.size() == 2);
        CHECK(pool.certificateReferences[0].storeLocation == "localmachine");
        CHECK(pool.certificateReferences[0].visibility == std::vector<std::string>{"starttask", "task"});
        CHECK_FALSE(pool.certificateReferences[1].storeName.has_value());
        CHECK(pool.allocationState == AllocationState::Resizing);
        REQUIRE(pool.identity.has_value());
        CHECK(pool.identity->userAssignedIdentities.at(0).clientId == "c");
        CHECK(pool.virtualMachineConfiguration->extensions.at(0).protectedSettings.reveal() ==
              R"({"s":"x"})");
        CHECK(*pool.virtualMachineConfiguration->extensions.at(0).settings == R"({"a":1})");

        const auto update = kvb::batch::keepProperties(pool);
        auto out = kvb::detail::parseJson(kvb::batch::poolUpdatePropertiesJson(update), "update");
        CHECK(out["certificateReferences"] == doc["certificateReferences"]);
        CHECK(out["applicationPackageReferences"] == doc["applicationPackageReferences"]);
        CHECK(out["metadata"] == doc["metadata"]);
        CHECK_FALSE(out.HasMember("startTask"));
    }

    TEST_CASE("a job schedule's auto-pool specification exposes its certificate references") {
        const char* json = R"({"id":"js","url":"u","state":"active","jobSpecification":{"poolInfo":{
            "autoPoolSpecification":{"autoPoolIdPrefix":"ap","poolLifetimeOption":"jobschedule","keepAlive":false,
            "pool":{"vmSize":"standard_d2","certificateReferences":[{"thumbprint":"cc","thumbprintAlgorithm":"sha1"}],
            "virtualMachineConfiguration":{"imageReference":{"offer":"o"},"nodeAgentSKUId":"n"}}}}}})";
        auto doc = kvb::detail::parseJson(json, "js");
        const auto js = kvb::batch::parseJobSchedule(doc);
        REQUIRE(js.poolInfo.has_value());
        REQUIRE(js.poolInfo->autoPoolSpecification.has_value());
        const auto& spec = js.poolInfo->autoPoolSpecification->pool;
        REQUIRE(spec.has_value());
        CHECK(spec->vmSize == "standard_d2");
        CHECK(spec->certificateReferences.at(0).thumbprint == "cc");
        CHECK(spec->virtualMachineConfiguration->imageReference.offer == "o");
        CHECK(js.poolInfo->autoPoolSpecification->poolLifetimeOption == "jobschedule");

        auto jobDoc = kvb::detail::parseJson(R"({"id":"j","url":"u","poolInfo":{"poolId":"p1"}})", "job");
        const auto job = kvb::batch::parseJob(jobDoc);
        CHECK(job.poolInfo->poolId == "p1");
        CHECK_FALSE(job.poolInfo->autoPoolSpecification.has_value());
    }

    TEST_CASE("unknown states map to Unknown and malformed fields are ParseError") {
        auto doc = kvb::detail::parseJson(R"({"thumbprint":"a","state":"frozen"})", "c");
        CHECK(kvb::batch::parseCertificate(doc).state == CertificateState::Unknown);
        auto bad = kvb::detail::parseJson(R"({"id":"p","certificateReferences":{}})", "p");
        CHECK_THROWS_AS(kvb::batch::parsePool(bad), kvb::ParseError);
        auto badTime = kvb::detail::parseJson(R"({"thumbprint":"a","stateTransitionTime":"yesterday"})", "c");
        CHECK_THROWS_AS(kvb::batch::parseCertificate(badTime), kvb::ParseError);
    }
}
