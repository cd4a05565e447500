// SPDX-License-Identifier: MIT
#include <kvbridge/migrate/pool_guidance.hpp>

#include "core/json.hpp"

#include "doctest_enums.hpp"

using namespace kvb::migrate;

namespace {
const std::string kA = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
const std::string kB = "BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB";

std::string pool(const std::string& sku) {
    return R"({"id":"p1","vmSize":"standard_d2s_v3","targetDedicatedNodes":3,"enableAutoScale":false,)"
           R"("virtualMachineConfiguration":{"imageReference":{"publisher":"canonical"},"nodeAgentSKUId":")" +
           sku +
           R"("},"startTask":{"commandLine":"setup.sh"},"metadata":[{"name":"k","value":"v"}],)"
           R"("certificateReferences":[{"thumbprint":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa","thumbprintAlgorithm":"sha1",)"
           R"("storeLocation":"currentuser","storeName":"My"},)"
           R"({"thumbprint":"bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb","thumbprintAlgorithm":"sha1",)"
           R"("storeLocation":"localmachine","storeName":"Root"}]})";
}

const std::map<std::string, std::string> kSecrets = {{kA, "https://v.vault.azure.net/secrets/a"},
                                                     {kB, "https://v.vault.azure.net/secrets/b"}};
} // namespace

TEST_SUITE("migrate::pool_guidance") {
    TEST_CASE("Linux pools get KeyVaultForLinux with a store path and the secret ids") {
        PoolGuidanceOptions o;
        o.msiClientId = "client-1";
        const auto g = makePoolGuidance("p1", pool("batch.node.ubuntu 22.04"), kSecrets, o);
        CHECK(g.os == PoolOs::Linux);
        auto ext = kvb::detail::parseJson(g.extensionJson, "ext");
        CHECK(std::string(ext["type"].GetString()) == "KeyVaultForLinux");
        CHECK(std::string(ext["publisher"].GetString()) == "Microsoft.Azure.KeyVault");
        CHECK(std::string(ext["typeHandlerVersion"].GetString()) == "3.0");
        CHECK(ext["autoUpgradeMinorVersion"].GetBool());
        const auto& sms = ext["settings"]["secretsManagementSettings"];
        CHECK(std::string(sms["certificateStoreLocation"].GetString()) ==
              "/var/lib/waagent/Microsoft.Azure.KeyVault.Store");
        REQUIRE(sms["observedCertificates"].Size() == 2);
        CHECK(std::string(sms["observedCertificates"][0].GetString()) ==
              "https://v.vault.azure.net/secrets/a");
        CHECK(std::string(ext["settings"]["authenticationSettings"]["msiClientId"].GetString()) ==
              "client-1");
    }

    TEST_CASE("Windows pools carry each old reference's store name and location") {
        const auto g = makePoolGuidance("p1", pool("batch.node.windows amd64"), kSecrets, {});
        CHECK(g.os == PoolOs::Windows);
        auto ext = kvb::detail::parseJson(g.extensionJson, "ext");
        CHECK(std::string(ext["type"].GetString()) == "KeyVaultForWindows");
        const auto& observed = ext["settings"]["secretsManagementSettings"]["observedCertificates"];
        REQUIRE(observed.Size() == 2);
        CHECK(std::string(observed[0]["certificateStoreName"].GetString()) == "My");
        CHECK(std::string(observed[0]["certificateStoreLocation"].GetString()) == "CurrentUser");
        CHECK(std::string(observed[1]["certificateStoreName"].GetString()) == "Root");
        CHECK(std::string(observed[1]["certificateStoreLocation"].GetString()) == "LocalMachine");
        CHECK(std::string(observed[1]["url"].GetString()) == "https://v.vault.azure.net/secrets/b");
    }

    TEST_CASE("the ARM body has the identity, the extension, scale, start task and metadata, no references") {
        PoolGuidanceOptions o;
        o.msiResourceId =
            "/subscriptions/s/resourceGroups/g/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id";
        const auto g = makePoolGuidance("p1", pool("batch.node.ubuntu 22.04"), kSecrets, o);
        auto arm = kvb::detail::parseJson(g.armPoolJson, "arm");
        CHECK(std::string(arm["name"].GetString()) == "p1-kv");
        CHECK(arm["identity"]["userAssignedIdentities"].HasMember(o.msiResourceId.c_str()));
        const auto& props = arm["properties"];
        CHECK(std::string(props["vmSize"].GetString()) == "standard_d2s_v3");
        CHECK(props["scaleSettings"]["fixedScale"]["targetDedicatedNodes"].GetInt() == 3);
        CHECK(std::string(props["startTask"]["commandLine"].GetString()) == "setup.sh");
        CHECK(std::string(props["metadata"][0]["value"].GetString()) == "v");
        const auto& vm = props["deploymentConfiguration"]["virtualMachineConfiguration"];
        CHECK(std::string(vm["nodeAgentSkuId"].GetString()) == "batch.node.ubuntu 22.04");
        CHECK(std::string(vm["extensions"][0]["type"].GetString()) == "KeyVaultForLinux");
        CHECK(g.armPoolJson.find("certificateReferences") == std::string::npos);

        auto add = kvb::detail::parseJson(g.batchPoolJson, "batch");
        CHECK(std::string(add["id"].GetString()) == "p1-kv");
        CHECK(add["virtualMachineConfiguration"]["extensions"].Size() == 1);
        CHECK_FALSE(add.HasMember("certificateReferences"));
    }

    TEST_CASE("unmigrated references are listed and left out of observedCertificates") {
        const auto g =
            makePoolGuidance("p1", pool("batch.node.ubuntu 22.04"), {{kA, "https://v/secrets/a"}}, {});
        REQUIRE(g.unmigrated.size() == 1);
        CHECK(g.unmigrated[0] == kB);
        auto ext = kvb::detail::parseJson(g.extensionJson, "ext");
        CHECK(ext["settings"]["secretsManagementSettings"]["observedCertificates"].Size() == 1);
    }

    TEST_CASE("versionless ids drop the version segment only") {
        CHECK(versionlessId("https://v.vault.azure.net/secrets/a/0123") ==
              "https://v.vault.azure.net/secrets/a");
        CHECK(versionlessId("https://v.vault.azure.net/secrets/a") == "https://v.vault.azure.net/secrets/a");
        CHECK(poolOsFromNodeAgentSku("Batch.Node.Windows amd64") == PoolOs::Windows);
    }
}
