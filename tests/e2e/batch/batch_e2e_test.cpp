// SPDX-License-Identifier: MIT
// BatchClient against the emulator's Batch account, each scenario with Shared Key and with bearer.

#include <kvbridge/batch/batch_client.hpp>
#include <kvbridge/error.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <atomic>
#include <string>
#include <vector>

#include "credentials.hpp"
#include "emulator.hpp"
#include "openssl_certificates.hpp"

using namespace kvb::batch;

namespace {

enum class Auth { SharedKey, Bearer };

BatchClient makeClient(Auth auth) {
    BatchClientOptions options;
    options.client = kvb::test::emulatorClientOptions();
    const auto url = kvb::test::Emulator::shared().batchUrl();
    if (auth == Auth::SharedKey) return BatchClient(url, kvb::test::emulatorSharedKey(), options);
    return BatchClient(url, kvb::test::emulatorCredential(), options);
}

// Ids unique within this program run (the emulator is shared by every test case).
std::string uniqueId(std::string_view prefix, Auth auth) {
    static std::atomic<int> counter{0};
    return std::string(prefix) + (auth == Auth::SharedKey ? "-sk-" : "-bearer-") + std::to_string(++counter);
}

constexpr const char* kPfxPassword = "pfx-pass";

AddCertificateOptions pfxOptions(const kvb::test::TestCertificate& cert) {
    AddCertificateOptions add;
    add.data = kvb::SecretBytes(cert.pfx(kPfxPassword));
    add.password = kvb::SecretString(kPfxPassword);
    return add;
}

// Switches the account's CertificateRetired mode on for one scope.
class RetiredMode {
public:
    RetiredMode() { set(true); }
    ~RetiredMode() { set(false); }
    RetiredMode(const RetiredMode&) = delete;
    RetiredMode& operator=(const RetiredMode&) = delete;

private:
    static void set(bool on) {
        kvb::test::Emulator::shared().control("POST", "batch/accounts/emubatch/retired",
                                              on ? R"({"enabled":true})" : R"({"enabled":false})");
    }
};

PoolAddParameters poolReferencing(const std::string& id, const std::string& thumbprint) {
    PoolAddParameters pool;
    pool.id = id;
    pool.vmSize = "standard_d2s_v3";
    pool.targetDedicatedNodes = 1;
    VirtualMachineConfiguration vm;
    vm.imageReference.publisher = "canonical";
    vm.imageReference.offer = "0001-com-ubuntu-server-focal";
    vm.imageReference.sku = "20_04-lts";
    vm.nodeAgentSkuId = "batch.node.ubuntu 20.04";
    pool.virtualMachineConfiguration = vm;
    pool.certificateReferences = {{thumbprint, "sha1", "localmachine", "My", {"starttask", "task"}}};
    pool.metadata = {{"owner", "e2e"}};
    pool.startTask = R"({"commandLine":"/bin/true"})";
    return pool;
}

} // namespace

TEST_SUITE("e2e::batch::BatchClient") {
    TEST_CASE("add PFX and CER, get them, list with a filter across pages") {
        for (Auth auth : {Auth::SharedKey, Auth::Bearer}) {
            CAPTURE(static_cast<int>(auth));
            auto client = makeClient(auth);
            std::vector<kvb::test::TestCertificate> certs;
            for (int i = 0; i < 5; ++i)
                certs.push_back(kvb::test::makeTestCertificate(uniqueId("cert", auth)));

            client.addCertificate(pfxOptions(certs[0]));
            AddCertificateOptions cer;
            cer.data = kvb::SecretBytes(std::span<const std::uint8_t>(certs[1].der));
            cer.format = CertificateFormat::Cer;
            cer.thumbprint = certs[1].lowerThumbprint();
            client.addCertificate(cer);
            for (std::size_t i = 2; i < certs.size(); ++i) client.addCertificate(pfxOptions(certs[i]));

            auto got = client.getCertificate(certs[0].lowerThumbprint());
            CHECK(got.status == 200);
            CHECK(got->thumbprint == certs[0].lowerThumbprint());
            CHECK(got->thumbprintAlgorithm == "sha1");
            CHECK(got->state == CertificateState::Active);
            CHECK(got->stateTransitionTime.has_value());
            CHECK_FALSE(got->publicData.empty());
            CHECK(got->url.find(certs[0].lowerThumbprint()) != std::string::npos);
            CHECK(client.getCertificate(certs[1].lowerThumbprint())->state == CertificateState::Active);

            std::string filter;
            for (const auto& c : certs)
                filter += (filter.empty() ? "" : " or ") + ("thumbprint eq '" + c.lowerThumbprint() + "'");
            auto pager =
                client.listCertificates({.filter = filter, .select = {}, .expand = {}, .maxResults = 2});
            int pages = 0;
            std::vector<std::string> seen;
            for (; pager.hasPage(); pager.moveToNextPage()) {
                ++pages;
                CHECK(pager.page().items.size() <= 2);
                for (const auto& item : pager.page().items) seen.push_back(item.thumbprint);
            }
            CHECK(pages == 3);
            CHECK(seen.size() == certs.size());
            for (const auto& c : certs)
                CHECK(std::find(seen.begin(), seen.end(), c.lowerThumbprint()) != seen.end());

            CHECK_THROWS_AS(client.getCertificate(std::string(40, 'f')), kvb::NotFoundError);
        }
    }

    TEST_CASE("deleting a referenced certificate fails with its error until cancelled and cleared") {
        for (Auth auth : {Auth::SharedKey, Auth::Bearer}) {
            CAPTURE(static_cast<int>(auth));
            auto client = makeClient(auth);
            const auto cert = kvb::test::makeTestCertificate(uniqueId("ref", auth));
            client.addCertificate(pfxOptions(cert));
            const auto poolId = uniqueId("pool", auth);
            CHECK(client.addPool(poolReferencing(poolId, cert.lowerThumbprint())).status == 201);

            auto pool = client.getPool(poolId);
            REQUIRE(pool->certificateReferences.size() == 1);
            CHECK(pool->certificateReferences[0].thumbprint == cert.lowerThumbprint());
            CHECK(pool->certificateReferences[0].storeLocation == "localmachine");
            CHECK(pool->certificateReferences[0].visibility == std::vector<std::string>{"starttask", "task"});
            CHECK(pool->virtualMachineConfiguration->nodeAgentSkuId == "batch.node.ubuntu 20.04");
            CHECK_FALSE(pool->rawJson.empty());

            CHECK(client.deleteCertificate(cert.lowerThumbprint()).status == 202);
            auto failed = client.getCertificate(cert.lowerThumbprint());
            CHECK(failed->state == CertificateState::DeleteFailed);
            CHECK(failed->previousState == CertificateState::Deleting);
            REQUIRE(failed->deleteCertificateError.has_value());
            CHECK(failed->deleteCertificateError->code == "PoolsReferencingCertificate");
            REQUIRE(failed->deleteCertificateError->values.size() == 1);
            CHECK(failed->deleteCertificateError->values[0].name == "Pools");
            CHECK(failed->deleteCertificateError->values[0].value == poolId);

            CHECK(client.cancelDeleteCertificate(cert.lowerThumbprint()).status == 204);
            auto active = client.getCertificate(cert.lowerThumbprint());
            CHECK(active->state == CertificateState::Active);
            CHECK(active->previousState == CertificateState::DeleteFailed);
            CHECK_FALSE(active->deleteCertificateError.has_value());

            auto removed = client.clearPoolCertificateReferences(poolId);
            REQUIRE(removed->size() == 1);
            CHECK(removed->at(0).thumbprint == cert.lowerThumbprint());
            auto cleared = client.getPool(poolId);
            CHECK(cleared->certificateReferences.empty());
            REQUIRE(cleared->metadata.size() == 1);
            CHECK(cleared->metadata[0].value == "e2e");
            CHECK(cleared->startTask.has_value());

            client.deleteCertificate(cert.lowerThumbprint());
            CHECK_THROWS_AS(client.getCertificate(cert.lowerThumbprint()), kvb::NotFoundError);
            CHECK(client.deletePool(poolId).status == 202);
        }
    }

    TEST_CASE("pools: list with select, patch and update properties, raw add") {
        for (Auth auth : {Auth::SharedKey, Auth::Bearer}) {
            CAPTURE(static_cast<int>(auth));
            auto client = makeClient(auth);
            const auto poolId = uniqueId("rawpool", auth);
            client.addPool(R"({"id":")" + poolId +
                           R"(","vmSize":"standard_d2s_v3","certificateReferences":[{"thumbprint":")" +
                           std::string(40, 'a') + R"(","thumbprintAlgorithm":"sha1"}]})");
            auto listed = client
                              .listPools({.filter = "id eq '" + poolId + "'",
                                          .select = "id,certificateReferences",
                                          .expand = {},
                                          .maxResults = {}})
                              .collect();
            REQUIRE(listed.size() == 1);
            CHECK(listed[0].id == poolId);
            CHECK(listed[0].certificateReferences.at(0).thumbprint == std::string(40, 'a'));
            CHECK_FALSE(listed[0].vmSize.has_value());

            PoolPatchParameters patch;
            patch.metadata = std::vector<MetadataItem>{{"patched", "yes"}};
            client.patchPool(poolId, patch);
            auto patched = client.getPool(poolId);
            CHECK(patched->metadata.at(0).name == "patched");
            CHECK(patched->certificateReferences.size() == 1);

            client.patchPool(poolId, std::string_view(R"({"displayName":"patched as JSON"})"));
            auto renamed = client.getPool(poolId);
            CHECK(renamed->displayName == "patched as JSON");
            CHECK(renamed->metadata.at(0).name == "patched");

            PoolUpdatePropertiesParameters props;
            props.certificateReferences = {{std::string(40, 'b'), "sha1", {}, {}, {}}};
            CHECK(client.updatePoolProperties(poolId, props).status == 204);
            auto updated =
                client.getPool(poolId, {.select = "id,metadata,certificateReferences", .expand = {}});
            CHECK(updated->metadata.empty());
            CHECK(updated->certificateReferences.at(0).thumbprint == std::string(40, 'b'));
            client.deletePool(poolId);
        }
    }

    TEST_CASE("job schedules and jobs expose auto-pool certificate references") {
        auto& emulator = kvb::test::Emulator::shared();
        const std::string thumb(40, 'c');
        const std::string autoPool =
            R"({"autoPoolSpecification":{"autoPoolIdPrefix":"ap","poolLifetimeOption":"job",
            "pool":{"vmSize":"standard_d2s_v3","certificateReferences":[{"thumbprint":")" +
            thumb + R"(","thumbprintAlgorithm":"sha1","storeName":"Root"}],
            "virtualMachineConfiguration":{"imageReference":{"publisher":"canonical","offer":"o","sku":"s"},
            "nodeAgentSKUId":"batch.node.ubuntu 20.04"}}}})";
        emulator.control(
            "POST", "batch/accounts/emubatch/jobschedules",
            R"({"id":"e2e-js","schedule":{"recurrenceInterval":"PT1H"},"jobSpecification":{"poolInfo":)" +
                autoPool + "}}");
        emulator.control("POST", "batch/accounts/emubatch/jobs",
                         R"({"id":"e2e-job","poolInfo":)" + autoPool + "}");
        for (Auth auth : {Auth::SharedKey, Auth::Bearer}) {
            CAPTURE(static_cast<int>(auth));
            auto client = makeClient(auth);
            auto schedules =
                client
                    .listJobSchedules(
                        {.filter = "id eq 'e2e-js'", .select = {}, .expand = {}, .maxResults = {}})
                    .collect();
            REQUIRE(schedules.size() == 1);
            const auto& spec = schedules[0].poolInfo->autoPoolSpecification->pool;
            REQUIRE(spec.has_value());
            CHECK(spec->certificateReferences.at(0).thumbprint == thumb);
            CHECK(spec->certificateReferences.at(0).storeName == "Root");
            CHECK(spec->virtualMachineConfiguration->imageReference.offer == "o");

            auto schedule = client.getJobSchedule("e2e-js");
            CHECK(schedule->poolInfo->autoPoolSpecification->autoPoolIdPrefix == "ap");

            auto job = client.getJob("e2e-job");
            CHECK(job->poolInfo->autoPoolSpecification->pool->certificateReferences.at(0).thumbprint ==
                  thumb);
            auto jobs = client.listJobs().collect();
            CHECK(std::any_of(jobs.begin(), jobs.end(), [](const BatchJob& j) { return j.id == "e2e-job"; }));
        }
    }

    TEST_CASE("CertificateRetired mode throws kvb::CertificateRetiredError; pools still work") {
        for (Auth auth : {Auth::SharedKey, Auth::Bearer}) {
            CAPTURE(static_cast<int>(auth));
            auto client = makeClient(auth);
            RetiredMode retired;
            try {
                client.listCertificates().collect();
                FAIL("expected kvb::CertificateRetiredError");
            } catch (const kvb::CertificateRetiredError& e) {
                CHECK(e.httpStatus() == 400);
                CHECK(e.serviceCode() == "CertificateRetired");
                CHECK_FALSE(e.serviceMessage().empty());
            }
            const auto cert = kvb::test::makeTestCertificate(uniqueId("retired", auth));
            CHECK_THROWS_AS(client.addCertificate(pfxOptions(cert)), kvb::CertificateRetiredError);
            CHECK_THROWS_AS(client.getCertificate(cert.lowerThumbprint()), kvb::CertificateRetiredError);
            CHECK_NOTHROW(client.listPools().collect());
        }
    }
}
