// SPDX-License-Identifier: MIT
// CertificateClient over a scripted transport: URLs, methods, pollers, resume tokens, paging,
// import preparation and download verification.

#include <doctest/doctest.h>

#include <kvbridge/keyvault/certificate_client.hpp>
#include <kvbridge/pki/certificate_bundle.hpp>

#include "core/encoding.hpp"
#include "fake_transport.hpp"
#include "keyvault/certificate_material.hpp"
#include "openssl_certificates.hpp"

using namespace kvb;
using namespace kvb::keyvault;
namespace kvd = kvb::keyvault;

namespace {

constexpr const char* kVault = "https://myvault.vault.azure.net";

class FixedCredential final : public identity::TokenCredential {
public:
    identity::AccessToken getToken(const identity::TokenRequestContext&, const Context&) const override {
        return {SecretString("test-token"), std::chrono::system_clock::now() + std::chrono::hours(1),
                std::nullopt};
    }
    std::string name() const override { return "FixedCredential"; }
};

struct Fixture {
    std::shared_ptr<test::FakeTransport> fake = std::make_shared<test::FakeTransport>();
    CertificateClient client = [this] {
        CertificateClientOptions options;
        options.client.transport = fake;
        options.client.retry.maxRetries = 0;
        return CertificateClient(kVault, std::make_shared<FixedCredential>(), options);
    }();

    std::string url(std::size_t i) const { return fake->requests().at(i).url; }
    http::Method method(std::size_t i) const { return fake->requests().at(i).method; }
};

std::string operationJson(const char* status) {
    return std::string(
               R"({"id":"https://myvault.vault.azure.net/certificates/c1/pending","issuer":{"name":"Self"},)") +
           R"("csr":"AQID","cancellation_requested":false,"status":")" + status + R"("})";
}

http::Headers retryAfter(const char* seconds) {
    http::Headers h;
    h.set("Retry-After", seconds);
    return h;
}

constexpr const char* kDeleted =
    R"({"id":"https://myvault.vault.azure.net/certificates/c1/v1","recoveryId":)"
    R"("https://myvault.vault.azure.net/deletedcertificates/c1","deletedDate":1493937659})";

} // namespace

TEST_SUITE("keyvault::CertificateClient (fake transport)") {
    TEST_CASE("startCreateCertificate polls /pending until done and honours Retry-After over the interval") {
        Fixture f;
        f.fake->respond(202, operationJson("inProgress"));
        f.fake->respond(200, operationJson("inProgress"), retryAfter("0"));
        f.fake->respond(200, operationJson("completed"), retryAfter("0"));
        auto op = f.client.startCreateCertificate("c1", CertificatePolicy::selfSigned("CN=c1"));
        CHECK(op.resumeToken() == "https://myvault.vault.azure.net/certificates/c1/pending");
        CHECK(op.value().csr == std::vector<std::uint8_t>{1, 2, 3});
        CHECK_FALSE(op.isDone());
        // An interval of an hour: only the service's Retry-After: 0 lets this finish in time.
        const Context ctx = Context().withTimeout(std::chrono::seconds(60));
        const auto& done = op.pollUntilDone({.interval = std::chrono::hours(1)}, ctx);
        CHECK(done.isCompleted());
        REQUIRE(f.fake->count() == 3);
        CHECK(f.method(0) == http::Method::Post);
        CHECK(f.url(0) == "https://myvault.vault.azure.net/certificates/c1/create?api-version=2026-04-01");
        CHECK(f.method(1) == http::Method::Get);
        CHECK(f.url(1) == "https://myvault.vault.azure.net/certificates/c1/pending?api-version=2026-04-01");
    }

    TEST_CASE("the create's 202 Retry-After paces the first poll") {
        Fixture f;
        f.fake->respond(202, operationJson("inProgress"), retryAfter("3600"));
        f.fake->respond(200, operationJson("completed"));
        auto op = f.client.startCreateCertificate("c1", CertificatePolicy::selfSigned("CN=c1"));
        // An hour's hint cannot fit in a second: the wait gives up before any GET.
        try {
            op.pollUntilDone({.interval = std::chrono::milliseconds(1), .timeout = std::chrono::seconds(1)});
            FAIL("no timeout");
        } catch (const OperationTimeoutError& e) {
            CHECK(e.polls() == 0);
            CHECK(std::string(e.what()).find("creation of certificate 'c1' is not done") == 0);
        }
        CHECK(f.fake->count() == 1);
        CHECK_FALSE(op.isDone());
        // The operation goes on: polling again (here by hand) finds it done.
        CHECK(op.poll());
        CHECK(op.value().isCompleted());
    }

    TEST_CASE("a 404 while a certificate is being deleted paces the next poll with its Retry-After") {
        Fixture f;
        f.fake->respond(200, kDeleted);
        f.fake->respond(404, R"({"error":{"code":"CertificateNotFound","message":"not yet"}})",
                        retryAfter("3600"));
        f.fake->respond(200, kDeleted);
        auto op = f.client.startDeleteCertificate("c1");
        CHECK_THROWS_AS(
            op.pollUntilDone({.interval = std::chrono::milliseconds(1), .timeout = std::chrono::seconds(1)}),
            OperationTimeoutError);
        CHECK(f.fake->count() == 2);
    }

    TEST_CASE("a failed operation ends the poller with the service's error") {
        Fixture f;
        f.fake->respond(202, operationJson("inProgress"));
        f.fake->respond(
            200, R"({"id":"https://myvault.vault.azure.net/certificates/c1/pending","status":"failed",)"
                 R"("error":{"code":"BadParameter","message":"no","innererror":{"code":"X"}}})");
        auto op = f.client.startCreateCertificate("c1", CertificatePolicy::selfSigned("CN=c1"));
        CHECK(op.poll());
        CHECK_FALSE(op.value().isCompleted());
        REQUIRE(op.value().error.has_value());
        CHECK(op.value().error->code == "BadParameter");
        CHECK(op.value().error->innerCode == "X");
    }

    TEST_CASE("resumeCreateCertificate continues from the token and refuses other vaults") {
        Fixture f;
        f.fake->respond(200, operationJson("completed"));
        auto op = f.client.resumeCreateCertificate("https://myvault.vault.azure.net/certificates/c1/pending");
        CHECK(op.isDone());
        CHECK(op.value().name == "c1");
        CHECK_THROWS_AS(f.client.resumeCreateCertificate("https://evil.example/certificates/c1/pending"),
                        InvalidArgument);
        CHECK_THROWS_AS(
            f.client.resumeCreateCertificate("https://myvault.vault.azure.net/secrets/c1/pending"),
            InvalidArgument);
        CHECK_THROWS_AS(f.client.resumeCreateCertificate("garbage"), InvalidArgument);
        CHECK(f.fake->count() == 1);
    }

    TEST_CASE("cancel and delete the pending operation") {
        Fixture f;
        f.fake->respond(200, operationJson("inProgress"));
        f.fake->respond(200, operationJson("cancelled"));
        CHECK(f.client.cancelCertificateOperation("c1")->status == "inProgress");
        CHECK(f.client.deleteCertificateOperation("c1")->status == "cancelled");
        CHECK(f.method(0) == http::Method::Patch);
        CHECK(f.method(1) == http::Method::Delete);
        CHECK(f.url(1) == "https://myvault.vault.azure.net/certificates/c1/pending?api-version=2026-04-01");
    }

    TEST_CASE("startDeleteCertificate is done once the deleted certificate can be read") {
        Fixture f;
        f.fake->respond(200, kDeleted);
        f.fake->respond(404, R"({"error":{"code":"CertificateNotFound","message":"not yet"}})");
        f.fake->respond(200, kDeleted);
        auto op = f.client.startDeleteCertificate("c1");
        CHECK(op.resumeToken() == "c1");
        CHECK_FALSE(op.poll());
        CHECK(op.poll());
        CHECK(op.value().recoveryId == "https://myvault.vault.azure.net/deletedcertificates/c1");
        CHECK(f.url(1) == "https://myvault.vault.azure.net/deletedcertificates/c1?api-version=2026-04-01");
    }

    TEST_CASE("startDeleteCertificate without soft delete is done at the first poll, with no request") {
        Fixture f;
        f.fake->respond(200, R"({"id":"https://myvault.vault.azure.net/certificates/c1/v1"})");
        auto op = f.client.startDeleteCertificate("c1");
        CHECK(op.poll());
        CHECK(f.fake->count() == 1);
        CHECK_FALSE(op.value().recoveryId.has_value()); // as DeletedSecret and DeletedKey say it
    }

    TEST_CASE("startRecoverDeletedCertificate waits for the certificate to come back") {
        Fixture f;
        f.fake->respond(200, R"({"id":"https://myvault.vault.azure.net/certificates/c1/v1"})");
        f.fake->respond(404, R"({"error":{"code":"CertificateNotFound","message":"x"}})");
        f.fake->respond(200, R"({"id":"https://myvault.vault.azure.net/certificates/c1/v1","x5t":"abc"})");
        auto op = f.client.startRecoverDeletedCertificate("c1");
        CHECK(f.method(0) == http::Method::Post);
        CHECK(f.url(0) ==
              "https://myvault.vault.azure.net/deletedcertificates/c1/recover?api-version=2026-04-01");
        CHECK_FALSE(op.poll());
        CHECK(op.poll());
        CHECK(op.value().properties.x5t == "abc");
        CHECK(f.url(2) == "https://myvault.vault.azure.net/certificates/c1?api-version=2026-04-01");
    }

    TEST_CASE("list certificates sends includePending and maxresults and follows nextLink") {
        Fixture f;
        f.fake->respond(200, R"({"value":[{"id":"https://myvault.vault.azure.net/certificates/a"}],)"
                             R"("nextLink":"https://myvault.vault.azure.net/certificates?$skiptoken=x"})");
        f.fake->respond(200, R"({"value":[{"id":"https://myvault.vault.azure.net/certificates/b"}]})");
        auto all = f.client.listPropertiesOfCertificates({.maxResults = 5, .includePending = true}).collect();
        REQUIRE(all.size() == 2);
        CHECK(all[1].name == "b");
        CHECK(f.url(0) == "https://myvault.vault.azure.net/"
                          "certificates?api-version=2026-04-01&maxresults=5&includePending=true");
        CHECK(f.url(1) == "https://myvault.vault.azure.net/certificates?$skiptoken=x");
        CHECK_THROWS_AS(f.client.listPropertiesOfCertificates({.maxResults = 26}), InvalidArgument);
    }

    TEST_CASE("deleted certificates take includePending; versions and issuers refuse it, unsent") {
        Fixture f;
        f.fake->respond(200, R"({"value":[]})");
        CHECK(f.client.listDeletedCertificates({.includePending = true}).collect().empty());
        CHECK(f.url(0) == "https://myvault.vault.azure.net/deletedcertificates?api-version=2026-04-01"
                          "&includePending=true");
        CHECK_THROWS_AS(f.client.listPropertiesOfCertificateVersions("c1", {.includePending = true}),
                        InvalidArgument);
        CHECK_THROWS_AS(f.client.listPropertiesOfIssuers({.includePending = true}), InvalidArgument);
        CHECK_THROWS_AS(f.client.listPropertiesOfIssuers({.maxResults = 0}), InvalidArgument);
        CHECK(f.fake->count() == 1);
    }

    TEST_CASE("bad names and versions are refused before anything is sent") {
        Fixture f;
        CHECK_THROWS_AS(f.client.getCertificate("bad name"), InvalidArgument);
        CHECK_THROWS_AS(f.client.getCertificateVersion("ok", "../x"), InvalidArgument);
        CHECK_THROWS_AS(f.client.getIssuer(""), InvalidArgument);
        CHECK_THROWS_AS(f.client.createIssuer(CertificateIssuer{.name = "i"}),
                        InvalidArgument); // no provider
        CHECK_THROWS_AS(f.client.mergeCertificate("c", {}), InvalidArgument);
        CHECK_THROWS_AS(f.client.importCertificate("c", {}), InvalidArgument);
        CHECK(f.fake->count() == 0);
    }

    TEST_CASE("service errors keep their type") {
        Fixture f;
        f.fake->respond(404, R"({"error":{"code":"CertificateNotFound","message":"nope"}})");
        f.fake->respond(409, R"({"error":{"code":"Conflict","message":"pending"}})");
        CHECK_THROWS_AS(f.client.getCertificate("c1"), NotFoundError);
        CHECK_THROWS_AS(f.client.startCreateCertificate("c1", CertificatePolicy::selfSigned("CN=c1")),
                        ConflictError);
    }

    TEST_CASE("backup, restore, purge, contacts and issuers use the spec's paths") {
        Fixture f;
        f.fake->respond(200, R"({"value":"AQID"})");
        f.fake->respond(200, R"({"id":"https://myvault.vault.azure.net/certificates/c1/v1"})");
        f.fake->respond(204);
        f.fake->respond(200, R"({"contacts":[{"email":"a@b.c"}]})");
        f.fake->respond(
            200, R"({"id":"https://myvault.vault.azure.net/certificates/issuers/i1","provider":"Test"})");
        CHECK(*f.client.backupCertificate("c1") == std::vector<std::uint8_t>{1, 2, 3});
        CHECK(f.client.restoreCertificateBackup(std::vector<std::uint8_t>{1, 2, 3})->name() == "c1");
        CHECK(f.client.purgeDeletedCertificate("c1").status == 204);
        CHECK(f.client.deleteContacts()->contacts.at(0).email == "a@b.c");
        CHECK(f.client.getIssuer("i1")->name == "i1");
        CHECK(f.url(0) == "https://myvault.vault.azure.net/certificates/c1/backup?api-version=2026-04-01");
        CHECK(f.url(1) == "https://myvault.vault.azure.net/certificates/restore?api-version=2026-04-01");
        CHECK(f.url(2) == "https://myvault.vault.azure.net/deletedcertificates/c1?api-version=2026-04-01");
        CHECK(f.method(3) == http::Method::Delete);
        CHECK(f.url(3) == "https://myvault.vault.azure.net/certificates/contacts?api-version=2026-04-01");
        CHECK(f.url(4) == "https://myvault.vault.azure.net/certificates/issuers/i1?api-version=2026-04-01");
    }
}

TEST_SUITE("keyvault::certificate import and download material") {
    TEST_CASE("a PKCS#1 PEM is converted to PKCS#8; a PKCS#8 PEM is sent as is; both as x-pem-file") {
        test::TempDir dir;
        const auto c = test::makeSelfSigned(dir.path(), "pem1", "rsa:2048", "pw");
        const auto legacy = test::readText(c.certPem) + test::readText(c.keyPkcs1);
        REQUIRE(legacy.find("BEGIN RSA PRIVATE KEY") != std::string::npos);
        const auto converted = kvd::prepareImport(ImportCertificateOptions::fromPem(SecretString(legacy)));
        CHECK(converted.contentType == kPemContentType);
        CHECK(converted.value.reveal().find("-----BEGIN PRIVATE KEY-----") != std::string_view::npos);
        CHECK(converted.value.reveal().find("RSA PRIVATE KEY") == std::string_view::npos);
        CHECK(converted.password.empty());
        const auto back = pki::CertificateBundle::loadPem(converted.value.reveal());
        CHECK(back.certificate().der() == test::readBytes(c.certDer));
        CHECK(back.privateKeyMatchesCertificate());

        const auto modern = test::readText(c.certPem) + test::readText(c.keyPkcs8);
        const auto same = kvd::prepareImport(ImportCertificateOptions::fromPem(SecretString(modern)));
        CHECK(same.value.reveal() == modern);
    }

    TEST_CASE("a PFX goes as base64 x-pkcs12 with its password, re-encoded only on request") {
        test::TempDir dir;
        const auto c = test::makeSelfSigned(dir.path(), "pfx1", "ec:P-256", "secret-pw");
        const auto pfx = test::readBytes(c.pfx);
        auto options = ImportCertificateOptions::fromPfx(SecretBytes(pfx), SecretString("secret-pw"));
        const auto plain = kvd::prepareImport(options);
        CHECK(plain.contentType == kPkcs12ContentType);
        CHECK(plain.value.reveal() == kvb::detail::base64Encode(pfx));
        CHECK(plain.password.reveal() == "secret-pw");

        options.reencode = PfxReencode::Legacy3DesSha1;
        const auto legacy = kvd::prepareImport(options);
        const auto legacyBytes = kvb::detail::base64Decode(legacy.value.reveal());
        CHECK(legacyBytes != pfx);
        const auto reread = pki::CertificateBundle::loadPfx(legacyBytes, SecretString("secret-pw"));
        CHECK(reread.certificate().der() == test::readBytes(c.certDer));

        options.password = SecretString("wrong");
        CHECK_THROWS_AS(kvd::prepareImport(options), CryptoError);
    }

    TEST_CASE("a bare certificate cannot be imported") {
        test::TempDir dir;
        const auto c = test::makeSelfSigned(dir.path(), "der1", "rsa:2048", "pw");
        CHECK_THROWS_AS(
            kvd::prepareImport(ImportCertificateOptions::fromPfx(SecretBytes(test::readBytes(c.certDer)))),
            InvalidArgument);
    }

    TEST_CASE("verifyDownload accepts the matching certificate and refuses another one") {
        test::TempDir dir;
        const auto a = test::makeSelfSigned(dir.path(), "a", "rsa:2048", "");
        const auto b = test::makeSelfSigned(dir.path(), "b", "rsa:2048", "");
        const auto pfx = test::readBytes(a.pfx);
        const auto x5t = kvd::verifyDownload(pfx, kPkcs12ContentType, test::readBytes(a.certDer));
        CHECK(x5t == pki::CertificateBundle::loadDer(test::readBytes(a.certDer)).certificate().x5t());
        CHECK_THROWS_AS(kvd::verifyDownload(pfx, kPkcs12ContentType, test::readBytes(b.certDer)),
                        CryptoError);
        const auto pem = test::readText(a.certPem) + test::readText(a.keyPkcs8);
        CHECK(kvd::verifyDownload(kvb::detail::asBytes(pem), kPemContentType, test::readBytes(a.certDer)) ==
              x5t);
        // A key that is not the certificate's.
        const auto mixed = test::readText(a.certPem) + test::readText(b.keyPkcs8);
        CHECK_THROWS_AS(
            kvd::verifyDownload(kvb::detail::asBytes(mixed), kPemContentType, test::readBytes(a.certDer)),
            CryptoError);
        CHECK_THROWS_AS(kvd::verifyDownload(pfx, "text/plain", test::readBytes(a.certDer)), CryptoError);
    }

    TEST_CASE("downloadCertificate reads the sid secret of this vault and verifies it") {
        test::TempDir dir;
        const auto a = test::makeSelfSigned(dir.path(), "dl", "rsa:2048", "");
        const auto cer = kvb::detail::base64Encode(test::readBytes(a.certDer));
        Fixture f;
        f.fake->respond(200, R"({"id":"https://myvault.vault.azure.net/certificates/dl/v1","sid":)"
                             R"("https://myvault.vault.azure.net/secrets/dl/v1","cer":")" +
                                 cer + R"("})");
        f.fake->respond(
            200,
            R"({"value":")" + kvb::detail::base64Encode(test::readBytes(a.pfx)) +
                R"(","contentType":"application/x-pkcs12","id":"https://myvault.vault.azure.net/secrets/dl/v1"})");
        const auto dl = f.client.downloadCertificate("dl", "v1");
        CHECK(dl->contentType == kPkcs12ContentType);
        CHECK(dl->content.reveal().size() == test::readBytes(a.pfx).size());
        CHECK(dl->secretId == "https://myvault.vault.azure.net/secrets/dl/v1");
        CHECK(f.url(1) == "https://myvault.vault.azure.net/secrets/dl/v1?api-version=2026-04-01");

        // A sid on another host is never followed.
        f.fake->respond(200, R"({"id":"https://myvault.vault.azure.net/certificates/dl/v1","sid":)"
                             R"("https://evil.example/secrets/dl/v1","cer":")" +
                                 cer + R"("})");
        CHECK_THROWS_AS(f.client.downloadCertificate("dl"), ParseError);
        CHECK(f.fake->count() == 3);
    }
}
