// SPDX-License-Identifier: MIT
// BatchClient requests and error mapping against a scripted transport.

#include <kvbridge/batch/batch_client.hpp>
#include <kvbridge/error.hpp>

#include <doctest/doctest.h>

#include <memory>
#include <string>

#include "core/encoding.hpp"
#include "core/json.hpp"
#include "fake_transport.hpp"
#include "openssl_certificates.hpp"

using namespace kvb::batch;
using kvb::test::FakeTransport;

namespace {

constexpr const char* kAccount = "https://account.region.batch.azure.com";
constexpr const char* kThumb = "0123456789abcdef0123456789abcdef01234567";
constexpr const char* kPfxPassword = "pfx-pass";

class FixedTokenCredential final : public kvb::identity::TokenCredential {
public:
    kvb::identity::AccessToken getToken(const kvb::identity::TokenRequestContext& request,
                                        const kvb::Context&) const override {
        lastScopes = request.scopes;
        return {
            kvb::SecretString("test-token"), std::chrono::system_clock::now() + std::chrono::hours(1), {}};
    }
    std::string name() const override { return "FixedTokenCredential"; }
    mutable std::vector<std::string> lastScopes;
};

struct Fixture {
    std::shared_ptr<FakeTransport> transport = std::make_shared<FakeTransport>();
    std::shared_ptr<FixedTokenCredential> credential = std::make_shared<FixedTokenCredential>();

    BatchClient client(BatchClientOptions options = {}) {
        options.client.transport = transport;
        options.client.retry.maxRetries = 0;
        return BatchClient(kAccount, std::shared_ptr<const kvb::identity::TokenCredential>(credential),
                           std::move(options));
    }
    std::string header(std::size_t i, std::string_view name) const {
        return std::string(transport->requests().at(i).headers.get(name).value_or("<none>"));
    }
};

std::string certificateJson(const std::string& thumb, const std::string& state) {
    return R"({"thumbprint":")" + thumb + R"(","thumbprintAlgorithm":"sha1","state":")" + state + R"("})";
}

} // namespace

TEST_SUITE("batch::BatchClient") {
    TEST_CASE("getCertificate sends the OData key path, api-version and Batch headers") {
        Fixture f;
        f.transport->respond(200, certificateJson(kThumb, "active"));
        auto cert = f.client().getCertificate("01234567 89ABCDEF0123456789abcdef01234567", "sha1",
                                              {.select = "thumbprint,state", .expand = {}});
        CHECK(cert->state == CertificateState::Active);
        const auto req = f.transport->requests().at(0);
        CHECK(req.url == std::string(kAccount) + "/certificates(thumbprintAlgorithm=sha1,thumbprint=" +
                             kThumb + ")?api-version=2024-07-01.20.0&%24select=thumbprint%2Cstate");
        CHECK(f.header(0, "client-request-id").size() == 36);
        CHECK_FALSE(req.headers.contains("x-ms-client-request-id"));
        CHECK(f.header(0, "Authorization") == "Bearer test-token");
        CHECK(f.header(0, "ocp-date").find("GMT") != std::string::npos);
        CHECK(f.credential->lastScopes ==
              std::vector<std::string>{"https://batch.core.windows.net//.default"});
    }

    TEST_CASE("listCertificates follows odata.nextLink with filter, select and maxresults") {
        Fixture f;
        const std::string next =
            std::string(kAccount) + "/certificates?api-version=2024-07-01.20.0&$skiptoken=2";
        f.transport->respond(200, R"({"value":[)" + certificateJson(std::string(40, 'a'), "active") + "," +
                                      certificateJson(std::string(40, 'b'), "deleting") +
                                      R"(],"odata.nextLink":")" + next + R"("})");
        f.transport->respond(200,
                             R"({"value":[)" + certificateJson(std::string(40, 'c'), "deletefailed") + "]}");
        auto pager = f.client().listCertificates(
            {.filter = "state eq 'active'", .select = "thumbprint,state", .expand = {}, .maxResults = 2});
        const auto all = pager.collect();
        REQUIRE(all.size() == 3);
        CHECK(all[2].state == CertificateState::DeleteFailed);
        const auto reqs = f.transport->requests();
        REQUIRE(reqs.size() == 2);
        CHECK(reqs[0].url ==
              std::string(kAccount) +
                  "/certificates?api-version=2024-07-01.20.0&%24filter=state%20eq%20%27active%27"
                  "&%24select=thumbprint%2Cstate&maxresults=2");
        CHECK(reqs[1].url == next);
        CHECK(reqs[1].headers.contains("client-request-id"));
        CHECK(f.header(0, "client-request-id") != f.header(1, "client-request-id"));
    }

    TEST_CASE("addCertificate computes the thumbprint of a PFX and sends Batch's JSON") {
        Fixture f;
        const auto cert = kvb::test::makeTestCertificate("batch-unit");
        f.transport->respond(201);
        AddCertificateOptions add;
        add.data = kvb::SecretBytes(cert.pfx(kPfxPassword));
        add.password = kvb::SecretString(kPfxPassword);
        f.client().addCertificate(add);
        const auto req = f.transport->requests().at(0);
        CHECK(req.method == kvb::http::Method::Post);
        CHECK(req.url == std::string(kAccount) + "/certificates?api-version=2024-07-01.20.0");
        CHECK(f.header(0, "Content-Type") == "application/json; odata=minimalmetadata");
        CHECK(req.sensitiveBody);
        auto body = kvb::detail::parseJson(req.body, "body");
        CHECK(std::string(body["thumbprint"].GetString()) == cert.lowerThumbprint());
        CHECK(std::string(body["thumbprintAlgorithm"].GetString()) == "sha1");
        CHECK(std::string(body["certificateFormat"].GetString()) == "pfx");
        CHECK(std::string(body["password"].GetString()) == kPfxPassword);
        CHECK(kvb::detail::base64Decode(body["data"].GetString()) ==
              std::vector<std::uint8_t>(add.data.reveal().begin(), add.data.reveal().end()));
    }

    TEST_CASE("addCertificate of a CER computes its thumbprint and sends no password") {
        Fixture f;
        const auto cert = kvb::test::makeTestCertificate("batch-unit-cer");
        f.transport->respond(201);
        AddCertificateOptions add;
        add.data = kvb::SecretBytes(std::span<const std::uint8_t>(cert.der));
        add.format = CertificateFormat::Cer;
        f.client().addCertificate(add);
        auto body = kvb::detail::parseJson(f.transport->requests().at(0).body, "body");
        CHECK(std::string(body["thumbprint"].GetString()) == cert.lowerThumbprint());
        CHECK(std::string(body["certificateFormat"].GetString()) == "cer");
        CHECK_FALSE(body.HasMember("password"));
    }

    TEST_CASE("bad input is refused before anything is sent") {
        Fixture f;
        auto client = f.client();
        AddCertificateOptions big;
        // 7681 bytes encode to 10244 base64 characters: just over the 10 KB limit.
        big.data = kvb::SecretBytes(std::vector<std::uint8_t>(7681, 0x30));
        big.thumbprint = kThumb;
        CHECK_THROWS_AS(client.addCertificate(big), kvb::InvalidArgument);
        AddCertificateOptions badThumb;
        badThumb.data = kvb::SecretBytes(std::vector<std::uint8_t>(10, 1));
        badThumb.thumbprint = "0123";
        CHECK_THROWS_AS(client.addCertificate(badThumb), kvb::InvalidArgument);
        badThumb.thumbprint = std::string(39, 'a') + "g";
        CHECK_THROWS_AS(client.addCertificate(badThumb), kvb::InvalidArgument);
        AddCertificateOptions cerWithPassword;
        cerWithPassword.data = kvb::SecretBytes(std::vector<std::uint8_t>(10, 1));
        cerWithPassword.format = CertificateFormat::Cer;
        cerWithPassword.password = kvb::SecretString("x");
        CHECK_THROWS_AS(client.addCertificate(cerWithPassword), kvb::InvalidArgument);
        AddCertificateOptions notAPfx;
        notAPfx.data = kvb::SecretBytes(std::vector<std::uint8_t>(10, 1));
        CHECK_THROWS_AS(client.addCertificate(notAPfx), kvb::CryptoError);
        CHECK_THROWS_AS(client.getCertificate("xyz"), kvb::InvalidArgument);
        CHECK_THROWS_WITH_AS(client.getCertificate(kThumb, "sha1", {.select = {}, .expand = "stats"}),
                             "Certificate_Get has no $expand", kvb::InvalidArgument);
        CHECK_THROWS_AS(client.deleteCertificate(kThumb, "sha1)/x"), kvb::InvalidArgument);
        for (const std::string& id :
             std::vector<std::string>{"bad/id", "a b", "", std::string(65, 'p'), "pool%2F"}) {
            CAPTURE(id);
            CHECK_THROWS_AS(client.getPool(id), kvb::InvalidArgument);
            CHECK_THROWS_AS(client.deletePool(id), kvb::InvalidArgument);
            CHECK_THROWS_AS(client.updatePoolProperties(id, {}), kvb::InvalidArgument);
            CHECK_THROWS_AS(client.clearPoolCertificateReferences(id), kvb::InvalidArgument);
        }
        CHECK_THROWS_AS(client.addPool(R"({"id":"bad id"})"), kvb::InvalidArgument);
        CHECK_THROWS_AS(client.addPool("not json"), kvb::InvalidArgument);
        CHECK_THROWS_AS(client.patchPool("p1", std::string_view("[]")), kvb::InvalidArgument);
        CHECK_THROWS_AS(client.patchPool("p1", std::string_view("{broken")), kvb::InvalidArgument);
        CHECK_THROWS_AS(client.patchPool("bad id", std::string_view("{}")), kvb::InvalidArgument);
        PoolAddParameters badStart;
        badStart.id = "ok";
        badStart.vmSize = "s";
        badStart.startTask = "{broken";
        CHECK_THROWS_AS(client.addPool(badStart), kvb::InvalidArgument);
        CHECK_THROWS_AS(
            client.listPools({.filter = {}, .select = {}, .expand = {}, .maxResults = 0}).collect(),
            kvb::InvalidArgument);
        CHECK_THROWS_AS(BatchClient("http://account.batch.azure.com",
                                    std::shared_ptr<const kvb::identity::TokenCredential>(f.credential)),
                        kvb::InvalidArgument);
        CHECK(f.transport->count() == 0);
    }

    TEST_CASE("CertificateRetired becomes CertificateRetiredError with Batch's details") {
        Fixture f;
        f.transport->respond(400,
                             R"({"code":"CertificateRetired","message":{"lang":"en-US","value":"retired"},
            "values":[{"key":"RequestId","value":"r1"}]})",
                             {});
        try {
            f.client().listCertificates().collect();
            FAIL("expected CertificateRetiredError");
        } catch (const kvb::CertificateRetiredError& e) {
            CHECK(e.httpStatus() == 400);
            CHECK(e.serviceCode() == "CertificateRetired");
            CHECK(e.serviceMessage() == "retired");
            CHECK(e.info().values.at("RequestId") == "r1");
        }
        f.transport->respond(
            404, R"({"code":"PoolNotFound","message":{"value":"The specified pool does not exist."}})");
        CHECK_THROWS_AS(f.client().getPool("missing"), kvb::NotFoundError);
    }

    TEST_CASE("a 400 'no longer supported' on the certificate API is CertificateRetiredError too") {
        Fixture f;
        const char* body =
            R"({"code":"InvalidRequest","message":{"value":"The Certificates feature is no longer supported."}})";
        f.transport->respond(400, body);
        CHECK_THROWS_AS(f.client().getCertificate(kThumb), kvb::CertificateRetiredError);
        // The same answer on another path stays a plain ServiceError.
        f.transport->respond(400, body);
        try {
            f.client().getPool("p1");
            FAIL("expected ServiceError");
        } catch (const kvb::CertificateRetiredError&) {
            FAIL("pool errors are not CertificateRetired");
        } catch (const kvb::ServiceError& e) {
            CHECK(e.serviceCode() == "InvalidRequest");
        }
    }

    TEST_CASE("clearPoolCertificateReferences keeps start task, metadata and packages") {
        Fixture f;
        f.transport->respond(200, R"({"id":"p1","url":"u","startTask":{"commandLine":"echo"},
            "certificateReferences":[{"thumbprint":"aa","thumbprintAlgorithm":"sha1","storeName":"My"}],
            "applicationPackageReferences":[{"applicationId":"app"}],"metadata":[{"name":"k","value":"v"}],
            "targetNodeCommunicationMode":"simplified"})");
        f.transport->respond(204);
        auto removed = f.client().clearPoolCertificateReferences("p1");
        CHECK(removed.status == 204);
        REQUIRE(removed->size() == 1);
        CHECK(removed->at(0).storeName == "My");
        const auto reqs = f.transport->requests();
        REQUIRE(reqs.size() == 2);
        CHECK(reqs[1].url ==
              std::string(kAccount) + "/pools/p1/updateproperties?api-version=2024-07-01.20.0");
        auto body = kvb::detail::parseJson(reqs[1].body, "body");
        CHECK(body["certificateReferences"].Size() == 0);
        CHECK(std::string(body["metadata"][0]["value"].GetString()) == "v");
        CHECK(std::string(body["applicationPackageReferences"][0]["applicationId"].GetString()) == "app");
        CHECK(std::string(body["startTask"]["commandLine"].GetString()) == "echo");
        CHECK(std::string(body["targetNodeCommunicationMode"].GetString()) == "simplified");

        // Nothing to clear: only the get goes out.
        f.transport->respond(200, R"({"id":"p2","url":"u"})");
        CHECK(f.client().clearPoolCertificateReferences("p2")->empty());
        CHECK(f.transport->count() == 3);
    }

    TEST_CASE("options: server timeout, return-client-request-id, other api-version") {
        Fixture f;
        f.transport->respond(202);
        BatchClientOptions options;
        options.serverTimeout = std::chrono::seconds(30);
        options.returnClientRequestId = true;
        options.apiVersion = "2023-05-01.17.0";
        options.sendOcpDate = false;
        f.client(options).deletePool("p1");
        const auto req = f.transport->requests().at(0);
        CHECK(req.method == kvb::http::Method::Delete);
        CHECK(req.url == std::string(kAccount) + "/pools/p1?api-version=2023-05-01.17.0&timeout=30");
        CHECK(f.header(0, "return-client-request-id") == "true");
        CHECK_FALSE(req.headers.contains("ocp-date"));
    }

    TEST_CASE("patchPool sends only the given fields; job schedules are read with their pool spec") {
        Fixture f;
        f.transport->respond(200);
        PoolPatchParameters patch;
        patch.certificateReferences = std::vector<CertificateReference>{};
        f.client().patchPool("p1", patch);
        const auto req = f.transport->requests().at(0);
        CHECK(req.method == kvb::http::Method::Patch);
        CHECK(req.body == R"({"certificateReferences":[]})");

        // A whole PoolPatchParameter document goes out as written, members beyond the typed ones too.
        f.transport->respond(200);
        const std::string_view document = R"({"displayName":"renamed","vmSize":"standard_d4s_v3"})";
        f.client().patchPool("p1", document);
        CHECK(f.transport->requests().at(1).method == kvb::http::Method::Patch);
        CHECK(f.transport->requests().at(1).url.starts_with(std::string(kAccount) + "/pools/p1?"));
        CHECK(f.transport->requests().at(1).body == document);

        f.transport->respond(200,
                             R"({"id":"js","url":"u","jobSpecification":{"poolInfo":{"autoPoolSpecification":
            {"poolLifetimeOption":"job","pool":{"vmSize":"s","certificateReferences":[{"thumbprint":"dd",
            "thumbprintAlgorithm":"sha1"}]}}}}})");
        auto js = f.client().getJobSchedule("js", {.select = "id,jobSpecification", .expand = {}});
        CHECK(js->poolInfo->autoPoolSpecification->pool->certificateReferences.at(0).thumbprint == "dd");
        CHECK(f.transport->requests().at(2).url ==
              std::string(kAccount) +
                  "/jobschedules/js?api-version=2024-07-01.20.0&%24select=id%2CjobSpecification");
    }
}
