// SPDX-License-Identifier: MIT
// ManagedIdentityClient and BatchManagementClient against the vendored Microsoft.ManagedIdentity
// 2024-11-30 and Microsoft.Batch 2024-07-01 examples.

#include <kvbridge/arm/batch_management_client.hpp>
#include <kvbridge/arm/managed_identity_client.hpp>
#include <kvbridge/arm/resource_id.hpp>
#include <kvbridge/error.hpp>

#include <doctest/doctest.h>

#include <chrono>
#include <string>

#include "arm_test_util.hpp"
#include "core/json.hpp"

using namespace kvb;
using namespace kvb::arm;
using namespace std::chrono_literals;
using kvb::test::ArmExample;
using kvb::test::ArmRig;

namespace {

std::string identityPath(const ArmExample& e) {
    return "/subscriptions/" + e.param("subscriptionId") + "/resourceGroups/" + e.param("resourceGroupName") +
           "/providers/Microsoft.ManagedIdentity/userAssignedIdentities/" + e.param("resourceName");
}

std::string accountPath(const ArmExample& e) {
    return "/subscriptions/" + e.param("subscriptionId") + "/resourceGroups/" + e.param("resourceGroupName") +
           "/providers/Microsoft.Batch/batchAccounts/" + e.param("accountName");
}

std::string poolPath(const ArmExample& e) {
    return accountPath(e) + "/pools/" + e.param("poolName");
}

void checkIdentity(const UserAssignedManagedIdentity& identity) {
    CHECK(identity.name == "identityName");
    CHECK(identity.type == "Microsoft.ManagedIdentity/userAssignedIdentities");
    CHECK(identity.location == "eastus");
    CHECK(identity.principalId == "25cc773c-7f05-40fc-a104-32d2300754ad");
    CHECK(identity.clientId == "4024ab25-56a8-4370-aea6-6389221caf29");
    CHECK(identity.tenantId == "b6c948ef-f6b5-4384-8354-da3a15eca969");
    CHECK(identity.tags == std::map<std::string, std::string>{{"key1", "value1"}, {"key2", "value2"}});
    // The id the examples return spells "resourcegroups"; it still parses as the identity's id.
    CHECK(ResourceId::parse(identity.id).resourceType() ==
          "Microsoft.ManagedIdentity/userAssignedIdentities");
}

BatchManagementClient batchClient(const ArmRig& rig, const ArmExample& e) {
    return BatchManagementClient(e.param("subscriptionId"), rig.credential, rig.options());
}

// The typed form of an example's virtualMachineConfiguration parameter.
batch::VirtualMachineConfiguration vmFrom(const rapidjson::Value& vm) {
    batch::VirtualMachineConfiguration out;
    const auto& image = vm["imageReference"];
    out.imageReference.publisher = image["publisher"].GetString();
    out.imageReference.offer = image["offer"].GetString();
    out.imageReference.sku = image["sku"].GetString();
    if (image.HasMember("version")) out.imageReference.version = image["version"].GetString();
    out.nodeAgentSkuId = vm["nodeAgentSkuId"].GetString();
    if (vm.HasMember("extensions")) {
        for (const auto& ext : vm["extensions"].GetArray()) {
            batch::VmExtension e;
            e.name = ext["name"].GetString();
            e.type = ext["type"].GetString();
            e.publisher = ext["publisher"].GetString();
            e.typeHandlerVersion = ext["typeHandlerVersion"].GetString();
            e.autoUpgradeMinorVersion = ext["autoUpgradeMinorVersion"].GetBool();
            e.enableAutomaticUpgrade = ext["enableAutomaticUpgrade"].GetBool();
            e.settings = kvb::detail::toJsonText(ext["settings"]);
            out.extensions.push_back(std::move(e));
        }
    }
    return out;
}

// The typed form of an example's Pool_Create parameters.
PoolResource poolFrom(const rapidjson::Value& sent) {
    const auto& properties = sent["properties"];
    PoolResource pool;
    pool.vmSize = properties["vmSize"].GetString();
    pool.virtualMachineConfiguration =
        vmFrom(properties["deploymentConfiguration"]["virtualMachineConfiguration"]);
    const auto& autoScale = properties["scaleSettings"]["autoScale"];
    pool.scaleSettings.autoScale = AutoScaleSettings{
        autoScale["formula"].GetString(), std::string(autoScale["evaluationInterval"].GetString())};
    if (properties.HasMember("targetNodeCommunicationMode"))
        pool.targetNodeCommunicationMode = properties["targetNodeCommunicationMode"].GetString();
    if (sent.HasMember("identity")) {
        ManagedServiceIdentity identity;
        identity.type = sent["identity"]["type"].GetString();
        for (const auto& id : sent["identity"]["userAssignedIdentities"].GetObject())
            identity.userAssignedIdentities[id.name.GetString()] = {};
        pool.identity = identity;
    }
    return pool;
}

} // namespace

TEST_SUITE("arm::ManagedIdentityClient") {
    TEST_CASE("create or update: PUT location and tags as the example; 201 reads principalId and clientId") {
        const ArmExample e("msi/2024-11-30/examples/IdentityCreate.json");
        for (int status : {201, 200}) {
            CAPTURE(status);
            ArmRig rig;
            rig.serve(e, status);
            ManagedIdentityClient client(e.param("subscriptionId"), rig.credential, rig.options());
            const auto& sent = e.paramValue("parameters");
            CreateOrUpdateIdentityOptions options;
            options.location = sent["location"].GetString();
            for (const auto& tag : sent["tags"].GetObject())
                options.tags[tag.name.GetString()] = tag.value.GetString();
            const auto identity = client.createOrUpdateUserAssignedIdentity(e.param("resourceGroupName"),
                                                                            e.param("resourceName"), options);
            CHECK(identity.status == status);
            checkIdentity(*identity);
            const auto request = rig.request(0);
            CHECK(request.method == http::Method::Put);
            CHECK(test::pathOf(request.url) == identityPath(e));
            CHECK(test::queryOf(request.url, "api-version") == e.param("api-version"));
            CHECK(std::string(kManagedIdentityApiVersion) == e.param("api-version"));
            CHECK(test::bodyOf(request) == sent);
        }
    }

    TEST_CASE("get: GET the identity's path; names and location are checked first") {
        const ArmExample e("msi/2024-11-30/examples/IdentityGet.json");
        ArmRig rig;
        rig.serve(e, 200);
        ManagedIdentityClient client(e.param("subscriptionId"), rig.credential, rig.options());
        checkIdentity(*client.getUserAssignedIdentity(e.param("resourceGroupName"), e.param("resourceName")));
        CHECK(rig.request(0).method == http::Method::Get);
        CHECK(test::pathOf(rig.request(0).url) == identityPath(e));
        CHECK_THROWS_WITH_AS(client.getUserAssignedIdentity("rg", "id"),
                             doctest::Contains("identity name must be 3-128"), InvalidArgument);
        CHECK_THROWS_AS(client.createOrUpdateUserAssignedIdentity("rg", "pool-identity", {}),
                        InvalidArgument);
        CHECK(rig.transport->count() == 1);
    }
}

TEST_SUITE("arm::BatchManagementClient") {
    TEST_CASE("getBatchAccount: pool allocation mode, Key Vault reference and identity from the examples") {
        const ArmExample get("batch/2024-07-01/examples/BatchAccountGet.json");
        ArmRig rig;
        rig.serve(get, 200);
        const auto account =
            batchClient(rig, get).getBatchAccount(get.param("resourceGroupName"), get.param("accountName"));
        CHECK(rig.request(0).method == http::Method::Get);
        CHECK(test::pathOf(rig.request(0).url) == accountPath(get));
        CHECK(test::queryOf(rig.request(0).url, "api-version") == get.param("api-version"));
        CHECK(std::string(kBatchManagementApiVersion) == get.param("api-version"));
        CHECK(account->name == "sampleacct");
        CHECK(account->poolAllocationMode == "BatchService");
        CHECK(account->accountEndpoint == "sampleacct.japaneast.batch.azure.com");
        CHECK_FALSE(account->keyVaultReference.has_value());
        REQUIRE(account->identity.has_value());
        CHECK(account->identity->type == "None");
        CHECK(account->autoStorageAccountId.value_or("").find("samplestorage") != std::string::npos);

        // The same model, as the create examples answer it.
        const ArmExample byos("batch/2024-07-01/examples/BatchAccountCreate_BYOS.json");
        rig.serve(byos, 200);
        const auto userSubscription = batchClient(rig, byos).getBatchAccount("rg", "sampleacct");
        CHECK(userSubscription->poolAllocationMode == "UserSubscription");
        REQUIRE(userSubscription->keyVaultReference.has_value());
        CHECK(userSubscription->keyVaultReference->url == "http://sample.vault.azure.net/");
        CHECK(ResourceId::parse(userSubscription->keyVaultReference->id).name() == "sample");

        const ArmExample withIdentity(
            "batch/2024-07-01/examples/BatchAccountCreate_UserAssignedIdentity.json");
        rig.serve(withIdentity, 200);
        const auto identified = batchClient(rig, withIdentity).getBatchAccount("rg", "sampleacct");
        REQUIRE(identified->identity.has_value());
        CHECK(identified->identity->type == "UserAssigned");
        const auto& ids = identified->identity->userAssignedIdentities;
        REQUIRE(ids.size() == 1);
        CHECK(ids.begin()->second.clientId == "clientId1");
        CHECK(ids.begin()->second.principalId == "principalId1");
    }

    TEST_CASE("createOrUpdatePool with user-assigned identities: the example's body, to the member") {
        const ArmExample e("batch/2024-07-01/examples/PoolCreate_UserAssignedIdentities.json");
        ArmRig rig;
        rig.serve(e, 200);
        const auto& sent = e.paramValue("parameters");
        const auto pool = poolFrom(sent);
        const auto created = batchClient(rig, e).createOrUpdatePool(
            e.param("resourceGroupName"), e.param("accountName"), e.param("poolName"), pool);
        const auto request = rig.request(0);
        CHECK(request.method == http::Method::Put);
        CHECK(test::pathOf(request.url) == poolPath(e));
        CHECK(test::queryOf(request.url, "api-version") == e.param("api-version"));
        CHECK(test::bodyOf(request) == sent);
        CHECK(request.sensitiveBody);

        CHECK(created->name == "testpool");
        CHECK(created->etag == "W/\"0x8D4EDFEBFADF4AB\"");
        CHECK(created->allocationState == "Resizing");
        CHECK(created->provisioningState == "Succeeded");
        REQUIRE(created->identity.has_value());
        const auto& attached = created->identity->userAssignedIdentities;
        REQUIRE(attached.size() == 2);
        CHECK(attached.begin()->second.principalId == "principalId1");
        CHECK(attached.begin()->second.clientId == "clientId1");
        REQUIRE(created->scaleSettings.autoScale.has_value());
        CHECK(created->scaleSettings.autoScale->formula == "$TargetDedicatedNodes=1");
    }

    TEST_CASE("createOrUpdatePool with the Key Vault extension: the example's body, to the member") {
        const ArmExample e(
            "batch/2024-07-01/examples/PoolCreate_VirtualMachineConfiguration_Extensions.json");
        ArmRig rig;
        rig.serve(e, 200);
        const auto& sent = e.paramValue("parameters");
        const auto pool = poolFrom(sent);
        const auto created = batchClient(rig, e).createOrUpdatePool(
            e.param("resourceGroupName"), e.param("accountName"), e.param("poolName"), pool);
        CHECK(test::bodyOf(rig.request(0)) == sent);
        REQUIRE(created->virtualMachineConfiguration.has_value());
        const auto& vm = *created->virtualMachineConfiguration;
        CHECK(vm.nodeAgentSkuId == "batch.node.ubuntu 20.04");
        REQUIRE(vm.extensions.size() == 1);
        CHECK(vm.extensions[0].type == "KeyVaultForLinux");
        CHECK(vm.extensions[0].publisher == "Microsoft.Azure.KeyVault");
        CHECK(vm.extensions[0].settings.value_or("").find("secretsManagementSettingsKey") !=
              std::string::npos);
        CHECK(created->targetNodeCommunicationMode == "Default");
    }

    TEST_CASE("a configuration read from the data plane keeps its other members and takes ARM's names") {
        ArmRig rig;
        rig.transport->respond(200, "{}");
        PoolResource pool;
        pool.vmSize = "STANDARD_D2S_V3";
        batch::VirtualMachineConfiguration vm;
        vm.rawJson =
            R"({"imageReference":{"virtualMachineImageId":"/old"},"nodeAgentSKUId":"batch.node.old",)"
            R"("osDisk":{"caching":"ReadWrite"},"licenseType":"Windows_Server"})";
        vm.imageReference.virtualMachineImageId =
            "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/images/i";
        vm.nodeAgentSkuId = "batch.node.ubuntu 22.04";
        batch::VmExtension kv;
        kv.name = "kv";
        kv.publisher = "Microsoft.Azure.KeyVault";
        kv.type = "KeyVaultForLinux";
        kv.protectedSettings = SecretString(R"({"k":"v"})");
        vm.extensions.push_back(kv);
        pool.virtualMachineConfiguration = vm;
        pool.startTask = R"({"commandLine":"/bin/true"})";
        pool.metadata = {{"owner", "kvbridge"}};
        BatchManagementClient("s", rig.credential, rig.options())
            .createOrUpdatePool("rg", "acct", "p1", pool);
        const auto body = test::bodyOf(rig.request(0));
        const auto& sentVm = body["properties"]["deploymentConfiguration"]["virtualMachineConfiguration"];
        CHECK(std::string(sentVm["osDisk"]["caching"].GetString()) == "ReadWrite");
        CHECK(std::string(sentVm["licenseType"].GetString()) == "Windows_Server");
        CHECK(std::string(sentVm["nodeAgentSkuId"].GetString()) == "batch.node.ubuntu 22.04");
        CHECK_FALSE(sentVm.HasMember("nodeAgentSKUId"));
        CHECK(std::string(sentVm["imageReference"]["id"].GetString()).find("/images/i") != std::string::npos);
        CHECK_FALSE(sentVm["imageReference"].HasMember("virtualMachineImageId"));
        CHECK(std::string(sentVm["extensions"][0]["protectedSettings"]["k"].GetString()) == "v");
        CHECK(std::string(body["properties"]["startTask"]["commandLine"].GetString()) == "/bin/true");
        CHECK(std::string(body["properties"]["metadata"][0]["name"].GetString()) == "owner");
        CHECK(rig.request(0).sensitiveBody);
    }

    TEST_CASE("getPool: the examples read into PoolResource, ETag included") {
        const ArmExample e("batch/2024-07-01/examples/PoolGet.json");
        ArmRig rig;
        rig.serve(e, 200);
        const auto pool = batchClient(rig, e).getPool(e.param("resourceGroupName"), e.param("accountName"),
                                                      e.param("poolName"));
        CHECK(rig.request(0).method == http::Method::Get);
        CHECK(test::pathOf(rig.request(0).url) == poolPath(e));
        CHECK(pool->etag == "W/\"0x8D4EDFEBFADF4AB\"");
        CHECK(pool->vmSize == "STANDARD_D4");
        CHECK(pool->taskSlotsPerNode == 13);
        REQUIRE(pool->scaleSettings.fixedScale.has_value());
        CHECK(pool->scaleSettings.fixedScale->targetDedicatedNodes == 6);
        CHECK(pool->scaleSettings.fixedScale->targetLowPriorityNodes == 28);
        CHECK(pool->scaleSettings.fixedScale->resizeTimeout == "PT8M");
        REQUIRE(pool->metadata.size() == 2);
        CHECK(pool->metadata[1].value == "value-2");
        CHECK(pool->startTask.value_or("").find("cmd /c SET") != std::string::npos);
        REQUIRE(pool->virtualMachineConfiguration.has_value());
        CHECK(pool->virtualMachineConfiguration->imageReference.offer == "WindowsServer");
        CHECK(pool->virtualMachineConfiguration->nodeAgentSkuId == "batch.node.windows amd64");
        CHECK(pool->creationTime.has_value());
        CHECK(pool->rawJson.find("networkConfiguration") != std::string::npos);

        const ArmExample ext("batch/2024-07-01/examples/PoolGet_VirtualMachineConfiguration_Extensions.json");
        rig.serve(ext, 200);
        const auto withExtension = batchClient(rig, ext).getPool("rg", "sampleacct", "testpool");
        REQUIRE(withExtension->virtualMachineConfiguration.has_value());
        REQUIRE(withExtension->virtualMachineConfiguration->extensions.size() == 1);
        CHECK(withExtension->virtualMachineConfiguration->extensions[0].typeHandlerVersion == "2.0");
        CHECK_THROWS_AS(batchClient(rig, ext).getPool("rg", "sampleacct", "bad pool"), InvalidArgument);
        CHECK_THROWS_AS(batchClient(rig, ext).getPool("rg", "ba", "testpool"), InvalidArgument);
    }

    TEST_CASE("updatePool (resize): PATCH the example's body; the answer reads into PoolResource") {
        const ArmExample e("batch/2024-07-01/examples/PoolUpdate_ResizePool.json");
        ArmRig rig;
        rig.serve(e, 200);
        const auto& fixed = e.paramValue("parameters")["properties"]["scaleSettings"]["fixedScale"];
        PoolUpdateParameters update;
        update.scaleSettings =
            PoolScaleSettings{FixedScaleSettings{fixed["targetDedicatedNodes"].GetInt(),
                                                 fixed["targetLowPriorityNodes"].GetInt(),
                                                 std::string(fixed["resizeTimeout"].GetString()),
                                                 std::string(fixed["nodeDeallocationOption"].GetString())},
                              std::nullopt};
        const auto pool = batchClient(rig, e).updatePool(e.param("resourceGroupName"), e.param("accountName"),
                                                         e.param("poolName"), update);
        const auto request = rig.request(0);
        CHECK(request.method == http::Method::Patch);
        CHECK(test::pathOf(request.url) == poolPath(e));
        CHECK(test::bodyOf(request) == e.paramValue("parameters"));
        CHECK(pool->currentDedicatedNodes == 12);
        CHECK(pool->allocationState == "Resizing");
        CHECK_THROWS_WITH_AS(batchClient(rig, e).updatePool("rg", "sampleacct", "testpool", {}),
                             doctest::Contains("changes nothing"), InvalidArgument);
    }

    TEST_CASE("startDeletePool: 202 with Location and Retry-After is followed until the pool is gone") {
        const ArmExample e("batch/2024-07-01/examples/PoolDelete.json");
        ArmRig rig;
        rig.serve(e, 202);
        rig.serve(e, 202);
        rig.serve(e, 200);
        const auto client = batchClient(rig, e);
        auto op =
            client.startDeletePool(e.param("resourceGroupName"), e.param("accountName"), e.param("poolName"));
        CHECK(rig.request(0).method == http::Method::Delete);
        CHECK(test::pathOf(rig.request(0).url) == poolPath(e));
        CHECK(op.resumeToken() == poolPath(e));
        CHECK_FALSE(op.isDone());
        // The service asked for 15 s between polls: a 1 s wait cannot hold one.
        CHECK_THROWS_AS(op.pollUntilDone({.timeout = 1s}), OperationTimeoutError);
        CHECK(rig.transport->count() == 1);
        CHECK_FALSE(op.poll());
        CHECK(op.poll());
        CHECK(rig.request(1).url == std::string(*e.headers(202).get("Location")));
        CHECK(rig.request(2).url == rig.request(1).url);

        for (int status : {200, 204}) {
            rig.serve(e, status);
            CHECK(client.startDeletePool("rg", "sampleacct", "testpool").isDone());
        }
    }
}
