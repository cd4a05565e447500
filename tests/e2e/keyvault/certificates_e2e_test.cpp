// SPDX-License-Identifier: MIT
// CertificateClient end to end against the emulator over verified TLS: every operation, with key
// material made by the openssl command in a temporary directory.

#include <doctest/doctest.h>

#include <kvbridge/keyvault/certificate_client.hpp>
#include <kvbridge/pki/certificate_bundle.hpp>

#include <algorithm>
#include <chrono>
#include <string>
#include <vector>

#include "core/encoding.hpp"
#include "credentials.hpp"
#include "emulator.hpp"
#include "leak_scan.hpp"
#include "openssl_certificates.hpp"

using namespace kvb;
using namespace kvb::keyvault;

namespace {

constexpr PollOptions kPoll{.interval = std::chrono::milliseconds(20)};

CertificateClient client(std::string_view vaultName) {
    CertificateClientOptions options;
    options.client = test::emulatorClientOptions();
    return CertificateClient(test::Emulator::shared().vaultUrl(vaultName), test::emulatorCredential(),
                             options);
}

// Fails the test rather than hanging when something never finishes.
Context bounded() {
    return Context().withTimeout(std::chrono::seconds(30));
}

KeyVaultCertificate createSelfSigned(const CertificateClient& c, const std::string& name) {
    auto op =
        c.startCreateCertificate(name, CertificatePolicy::selfSigned("CN=" + name), {.tags = {{"t", "1"}}});
    const auto& done = op.pollUntilDone(kPoll, bounded());
    REQUIRE(done.isCompleted());
    return *c.getCertificate(name);
}

bool listed(Pager<CertificateProperties> pager, const std::string& name) {
    const auto all = pager.collect();
    return std::any_of(all.begin(), all.end(), [&](const auto& p) { return p.name == name; });
}

} // namespace

TEST_SUITE("e2e keyvault::CertificateClient") {
    TEST_CASE("create self-signed, poll to completion, download: the key matches the certificate") {
        auto c = client("certs-create");
        auto op = c.startCreateCertificate("web", CertificatePolicy::selfSigned("CN=web.example"));
        CHECK_FALSE(op.resumeToken().empty());
        CHECK(op.value().csr.size() > 100);
        op.pollUntilDone(kPoll, bounded());
        CHECK(op.value().isCompleted());

        const auto cert = c.getCertificate("web");
        REQUIRE(cert->policy.has_value());
        CHECK(cert->policy->subject == "CN=web.example");
        CHECK(cert->policy->issuerName == "Self");
        const auto local = pki::CertificateBundle::loadDer(cert->cer).certificate();
        CHECK(cert->properties.x5t == local.x5t());

        const auto dl = c.downloadCertificate("web");
        CHECK(dl->contentType == kPkcs12ContentType);
        const auto bundle = pki::CertificateBundle::loadPfx(dl->content.reveal());
        CHECK(bundle.privateKeyMatchesCertificate());
        CHECK(bundle.certificate().der() == cert->cer);
        CHECK(dl->x5t == cert->properties.x5t);

        // And by version, as PEM when the policy says so.
        auto pemPolicy = CertificatePolicy::selfSigned("CN=pem.example");
        pemPolicy.contentType = std::string(kPemContentType);
        pemPolicy.keyType = "EC";
        pemPolicy.keySize.reset();
        pemPolicy.keyCurveName = "P-256";
        c.startCreateCertificate("webpem", pemPolicy).pollUntilDone(kPoll, bounded());
        const auto pemCert = c.getCertificate("webpem");
        const auto pemDl = c.downloadCertificate("webpem", pemCert->properties.version);
        CHECK(pemDl->contentType == kPemContentType);
        CHECK(
            pki::CertificateBundle::loadPem(
                std::string_view(reinterpret_cast<const char*>(pemDl->content.data()), pemDl->content.size()))
                .privateKeyMatchesCertificate());
    }

    TEST_CASE(
        "a creation resumes from its token in another client; cancel and delete the pending operation") {
        auto c = client("certs-resume");
        test::Emulator::shared().control("POST", "config", R"({"certificateCreateDelayMs":600000})");
        auto op = c.startCreateCertificate("slow", CertificatePolicy::selfSigned("CN=slow"));
        auto resumed = client("certs-resume").resumeCreateCertificate(op.resumeToken());
        CHECK_FALSE(resumed.isDone());
        CHECK(resumed.value().name == "slow");
        CHECK(c.getCertificateOperation("slow")->status == kOperationInProgress);
        CHECK(c.cancelCertificateOperation("slow")->cancellationRequested);
        c.deleteCertificateOperation("slow");
        CHECK_THROWS_AS(c.getCertificateOperation("slow"), NotFoundError);
        test::Emulator::shared().control("POST", "config", R"({"certificateCreateDelayMs":0})");
    }

    TEST_CASE("import PFX and PEM: x5t equals the locally computed thumbprint") {
        test::TempDir dir;
        auto c = client("certs-import");
        const auto rsa = test::makeSelfSigned(dir.path(), "imp-rsa", "rsa:2048", "pfx-pw");
        const auto expected =
            pki::CertificateBundle::loadDer(test::readBytes(rsa.certDer)).certificate().x5t();

        auto pfx =
            ImportCertificateOptions::fromPfx(SecretBytes(test::readBytes(rsa.pfx)), SecretString("pfx-pw"));
        pfx.tags = {{"source", "batch"}};
        const auto imported = c.importCertificate("imp-pfx", pfx);
        CHECK(imported->properties.x5t == expected);
        CHECK(imported->properties.tags.at("source") == "batch");
        CHECK(c.getCertificatePolicy("imp-pfx")->contentType == std::string(kPkcs12ContentType));

        // PKCS#1 PEM: converted to PKCS#8 before sending.
        const auto pem = test::readText(rsa.certPem) + test::readText(rsa.keyPkcs1);
        const auto pemImported =
            c.importCertificate("imp-pem", ImportCertificateOptions::fromPem(SecretString(pem)));
        CHECK(pemImported->properties.x5t == expected);
        CHECK(c.getCertificatePolicy("imp-pem")->contentType == std::string(kPemContentType));
        CHECK(c.downloadCertificate("imp-pem")->x5t == expected);

        // EC key, PFX re-encoded with legacy algorithms on request.
        const auto ec = test::makeSelfSigned(dir.path(), "imp-ec", "ec:P-384", "pw2");
        auto legacy =
            ImportCertificateOptions::fromPfx(SecretBytes(test::readBytes(ec.pfx)), SecretString("pw2"));
        legacy.reencode = PfxReencode::Legacy3DesSha1;
        const auto ecImported = c.importCertificate("imp-ec", legacy);
        CHECK(ecImported->properties.x5t ==
              pki::CertificateBundle::loadDer(test::readBytes(ec.certDer)).certificate().x5t());
    }

    TEST_CASE("get by version, list, list versions, update properties and policy") {
        auto c = client("certs-read");
        const auto first = createSelfSigned(c, "rd");
        const auto second = createSelfSigned(c, "rd");
        CHECK(first.properties.version != second.properties.version);
        CHECK(c.getCertificateVersion("rd", first.properties.version)->cer == first.cer);
        const auto versions = c.listPropertiesOfCertificateVersions("rd", {.maxResults = 1}).collect();
        CHECK(versions.size() == 2);
        CHECK(listed(c.listPropertiesOfCertificates({.maxResults = 1}), "rd"));

        UpdateCertificatePropertiesOptions update;
        update.enabled = false;
        update.tags = std::map<std::string, std::string>{{"env", "test"}};
        const auto updated = c.updateCertificateProperties("rd", second.properties.version, update);
        CHECK(updated->properties.enabled == false);
        CHECK(updated->properties.tags.at("env") == "test");

        auto policy = *c.getCertificatePolicy("rd");
        policy.validityInMonths = 6;
        policy.lifetimeActions = {{std::nullopt, 30, std::string(kActionAutoRenew)}};
        const auto newPolicy = c.updateCertificatePolicy("rd", policy);
        CHECK(newPolicy->validityInMonths == 6);
        REQUIRE(newPolicy->lifetimeActions.size() == 1);
        CHECK(newPolicy->lifetimeActions[0].daysBeforeExpiry == 30);

        // A pending creation shows up only with includePending.
        test::Emulator::shared().control("POST", "config", R"({"certificateCreateDelayMs":600000})");
        c.startCreateCertificate("rd-pending", CertificatePolicy::selfSigned("CN=p"));
        CHECK(listed(c.listPropertiesOfCertificates({.includePending = true}), "rd-pending"));
        CHECK_FALSE(listed(c.listPropertiesOfCertificates(), "rd-pending"));
        c.deleteCertificateOperation("rd-pending");
        test::Emulator::shared().control("POST", "config", R"({"certificateCreateDelayMs":0})");
    }

    TEST_CASE("delete, get/list deleted, recover, delete again and purge") {
        auto c = client("certs-delete");
        createSelfSigned(c, "gone");
        auto deletion = c.startDeleteCertificate("gone");
        const auto& deleted = deletion.pollUntilDone(kPoll, bounded());
        CHECK(deleted.recoveryId.has_value());
        CHECK(c.getDeletedCertificate("gone")->name() == "gone");
        const auto all = c.listDeletedCertificates().collect();
        CHECK(std::any_of(all.begin(), all.end(), [](const auto& d) { return d.name() == "gone"; }));
        CHECK_THROWS_AS(c.getCertificate("gone"), NotFoundError);

        c.startRecoverDeletedCertificate("gone").pollUntilDone(kPoll, bounded());
        CHECK(c.getCertificate("gone")->name() == "gone");

        c.startDeleteCertificate("gone").pollUntilDone(kPoll, bounded());
        CHECK(c.purgeDeletedCertificate("gone").status == 204);
        CHECK_THROWS_AS(c.getDeletedCertificate("gone"), NotFoundError);
    }

    TEST_CASE("backup and restore bring back the same certificate") {
        auto c = client("certs-backup");
        const auto original = createSelfSigned(c, "bk");
        const auto blob = c.backupCertificate("bk");
        CHECK_FALSE(blob->empty());
        c.startDeleteCertificate("bk").pollUntilDone(kPoll, bounded());
        c.purgeDeletedCertificate("bk");
        const auto restored = c.restoreCertificateBackup(*blob);
        CHECK(restored->properties.x5t == original.properties.x5t);
        CHECK(c.getCertificate("bk")->cer == original.cer);
    }

    TEST_CASE("issuers: create, get, update, list, delete") {
        auto c = client("certs-issuers");
        CertificateIssuer issuer;
        issuer.name = "iss1";
        issuer.provider = "Test";
        issuer.accountId = "acct";
        issuer.password = SecretString("issuer-secret");
        issuer.administrators = {{"Ada", "Lovelace", "ada@example.com", "555"}};
        const auto created = c.createIssuer(issuer);
        CHECK(created->name == "iss1");
        CHECK(created->accountId == "acct");
        CHECK(created->password.empty()); // never returned
        CHECK(c.getIssuer("iss1")->administrators.at(0).email == "ada@example.com");

        CertificateIssuer change;
        change.name = "iss1";
        change.accountId = "acct2";
        CHECK(c.updateIssuer(change)->accountId == "acct2");
        const auto all = c.listPropertiesOfIssuers().collect();
        REQUIRE(all.size() == 1);
        CHECK(all[0].provider == "Test");
        CHECK(c.deleteIssuer("iss1")->name == "iss1");
        CHECK_THROWS_AS(c.getIssuer("iss1"), NotFoundError);
    }

    TEST_CASE("contacts: set, get, delete") {
        auto c = client("certs-contacts");
        const std::vector<CertificateContact> contacts = {{"Ops", "ops@example.com", "1"},
                                                          {"", "sec@example.com", ""}};
        CHECK(c.setContacts(contacts)->contacts.size() == 2);
        const auto got = c.getContacts();
        REQUIRE(got->contacts.size() == 2);
        CHECK(got->id.ends_with("/certificates/contacts"));
        CHECK(got->contacts.at(0).email == "ops@example.com");
        CHECK(got->contacts.at(0).name == "Ops");
        CHECK(c.deleteContacts()->contacts.size() == 2);
        CHECK_THROWS_AS(c.getContacts(), NotFoundError);
    }

    TEST_CASE("merge: an Unknown-issuer CSR signed by a test CA") {
        auto c = client("certs-merge");
        auto policy = CertificatePolicy::selfSigned("CN=merged.example");
        policy.issuerName = std::string(kUnknownIssuer);
        auto op = c.startCreateCertificate("mrg", policy);
        CHECK_FALSE(op.poll());
        const auto chain = test::signCsr(op.value().csr);
        const auto merged = c.mergeCertificate("mrg", {.x509Certificates = chain});
        CHECK(merged->cer == chain[0]);
        CHECK(op.pollUntilDone(kPoll, bounded()).isCompleted());
        CHECK(c.downloadCertificate("mrg")->x5t == merged->properties.x5t);
    }

    TEST_CASE("a vault that quotes the import back, in any form, gets nothing of the key, PFX or password") {
        test::TempDir dir;
        auto c = client("certs-quoting");
        CHECK_FALSE(listed(c.listPropertiesOfCertificates(), "none")); // settles the challenge first
        const auto rsa = test::makeSelfSigned(dir.path(), "quoted", "rsa:2048", "unused");
        const std::string keyPem = test::readText(rsa.keyPkcs8), certPem = test::readText(rsa.certPem);
        const std::string password = "Tr0ub4dor & 3/4+ horse=staple?";
        test::writePaddedPfx(dir / "small.pfx", certPem, keyPem, password, 1);
        test::writePaddedPfx(dir / "big.pfx", certPem, keyPem, password, 1024 * 1024);
        struct Case {
            std::string name;
            std::string echo;
            bool pem;
            std::string pfxFile;
        };
        const std::vector<Case> cases = {
            {"escaped-pem", R"("echoBody":true)", true, ""},
            {"decoded-pem", R"("echoBody":true,"echoField":"value")", true, ""},
            {"url-pfx", R"("echoBody":true,"echoEncoding":"url")", false, "small.pfx"},
            {"prefix-pfx", R"("echoBody":true,"echoField":"value","echoLength":300)", false, "small.pfx"},
            {"big-pfx", R"("echoBody":true)", false, "big.pfx"},
        };
        for (const auto& k : cases) {
            CAPTURE(k.name);
            test::Emulator::shared().control("POST", "faults",
                                             R"({"method":"POST","path":"/certificates/)" + k.name +
                                                 R"(/import","status":400,)" + k.echo + "}");
            std::vector<std::string> secrets = {keyPem};
            ImportCertificateOptions options;
            if (k.pem) {
                options = ImportCertificateOptions::fromPem(SecretString(certPem + keyPem));
            } else {
                const auto pfx = test::readBytes(dir / k.pfxFile);
                options = ImportCertificateOptions::fromPfx(SecretBytes(pfx), SecretString(password));
                secrets.push_back(password);
                secrets.push_back(test::urlEncoded(password));
                secrets.push_back(kvb::detail::base64Encode(pfx));
                secrets.push_back(test::urlEncoded(kvb::detail::base64Encode(pfx)));
            }
            try {
                c.importCertificate(k.name, options);
                FAIL("no exception");
            } catch (const ServiceError& e) {
                CHECK(e.httpStatus() == 400);
                CHECK(e.serviceMessage().find("[redacted]") != std::string::npos); // it did quote
                const std::string said = std::string(e.what()) + '\x01' + e.serviceMessage();
                for (const auto& secret : secrets)
                    for (const auto& form : {secret, test::jsonEscaped(secret)})
                        CHECK(test::findLeak(said, form) == std::string::npos);
            }
        }
    }
}
