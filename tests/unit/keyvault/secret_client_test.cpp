// SPDX-License-Identifier: MIT
#include <kvbridge/keyvault/secret_client.hpp>

#include <doctest/doctest.h>

#include "keyvault/base64url.hpp"
#include "kv_unit_util.hpp"

using namespace kvb;
using namespace kvb::keyvault;
using namespace kvb::test;

namespace {

using Fixture = VaultFixture<SecretClient>;

/** The example's id, content type, attributes and tags are in @p p. */
void checkProperties(const SecretProperties& p, const kvb::detail::JsonValue& body) {
    checkItemProperties(p, body, str(body["id"]));
    if (body.HasMember("contentType")) CHECK(p.contentType == str(body["contentType"]));
}

void checkDeleted(const DeletedSecret& d, const kvb::detail::JsonValue& body) {
    checkProperties(d.properties, body);
    checkDeletion(d, body);
}

} // namespace

TEST_SUITE("keyvault::SecretClient") {
    TEST_CASE("setSecret sends the example's body (sensitive) and parses its SecretBundle") {
        for (const char* version : {"7.5", "2026-04-01"}) {
            Fixture f;
            Example ex("SetSecret", version);
            ex.respondOn(*f.fake);
            SecretString value(str(ex.parameter("parameters")["value"]));
            auto r = f.client.setSecret(str(ex.parameter("secret-name")), value);
            CHECK(r.status == 200);
            CHECK(r->value.reveal() == str(ex.body()["value"]));
            checkProperties(r->properties, ex.body());
            const auto sent = f.fake->requests().at(0);
            CHECK(sent.method == http::Method::Put);
            CHECK(sent.url == "https://myvault.vault.azure.net/secrets/crpsecret?api-version=7.5");
            CHECK(sent.sensitiveBody);
            CHECK(jsonContains(bodyOf(sent), ex.parameter("parameters")));
        }
    }

    TEST_CASE("setSecret writes content type, tags and attributes") {
        Fixture f;
        f.fake->queue.respond(200, Example("SetSecret").bodyText());
        SetSecretOptions o;
        o.contentType = "text/plain";
        o.tags = {{"a", "b"}};
        o.enabled = false;
        o.notBefore = std::chrono::system_clock::time_point(std::chrono::seconds(1262332800));
        o.expiresOn = std::chrono::system_clock::time_point(std::chrono::seconds(1893484800));
        f.client.setSecret("s1", SecretString("v"), o);
        auto body = bodyOf(f.fake->requests().at(0));
        CHECK(str(body["contentType"]) == "text/plain");
        CHECK(str(body["tags"]["a"]) == "b");
        CHECK(body["attributes"]["enabled"].GetBool() == false);
        CHECK(body["attributes"]["nbf"].GetInt64() == 1262332800);
        CHECK(body["attributes"]["exp"].GetInt64() == 1893484800);
    }

    TEST_CASE("getSecret parses both api-versions' examples; empty version means latest") {
        for (const char* version : {"7.5", "2026-04-01"}) {
            Fixture f;
            Example ex("GetSecret", version);
            ex.respondOn(*f.fake);
            auto r = f.client.getSecret(str(ex.parameter("secret-name")));
            CHECK(r->value.reveal() == str(ex.body()["value"]));
            checkProperties(r->properties, ex.body());
            CHECK(f.fake->requests().at(0).url == "https://myvault.vault.azure.net/secrets/" +
                                                      str(ex.parameter("secret-name")) + "/?api-version=7.5");
        }
    }

    TEST_CASE("getSecret outContentType is sent on 2026-04-01 and refused before it") {
        auto fake = std::make_shared<VaultFake>();
        fake->queue.respond(200, Example("GetSecret", "2026-04-01").bodyText());
        SecretClient latest(kVault, fakeCredential(), optionsOver(fake, "2026-04-01"));
        latest.getSecret("s", "abc", {.outContentType = "application/x-pem-file"});
        CHECK(fake->requests().at(0).url.find("outContentType=application%2Fx-pem-file") !=
              std::string::npos);

        Fixture old;
        CHECK_THROWS_AS(old.client.getSecret("s", "", {.outContentType = "application/x-pem-file"}),
                        InvalidArgument);
        CHECK(old.fake->queue.count() == 0);
    }

    TEST_CASE("updateSecretProperties sends the example body and parses the result") {
        Fixture f;
        Example ex("UpdateSecret");
        ex.respondOn(*f.fake);
        UpdateSecretPropertiesOptions o;
        o.contentType = "myContentType";
        o.tags = std::map<std::string, std::string>{{"mytag", "myvalue"}};
        o.enabled = true;
        auto r = f.client.updateSecretProperties("crpsecret", str(ex.parameter("secret-version")), o);
        checkProperties(*r, ex.body());
        const auto sent = f.fake->requests().at(0);
        CHECK(sent.method == http::Method::Patch);
        auto body = bodyOf(sent);
        CHECK(jsonContains(body, ex.parameter("parameters")));
        CHECK(jsonContains(ex.parameter("parameters"), body));
    }

    TEST_CASE("list examples parse into pagers that follow nextLink with maxresults") {
        Fixture f;
        Example secrets("GetSecrets"), versions("GetSecretVersions"), deleted("GetDeletedSecrets");
        // GetSecrets' nextLink points back at the same vault: the pager follows it once.
        secrets.respondOn(*f.fake);
        f.fake->queue.respond(200, R"({"value":[],"nextLink":null})");
        auto items = f.client.listPropertiesOfSecrets({.maxResults = 1}).collect();
        REQUIRE(items.size() == 1);
        checkProperties(items[0], secrets.body()["value"][0]);
        CHECK(items[0].version.empty());
        const auto sent = f.fake->requests();
        REQUIRE(sent.size() == 2);
        CHECK(sent[0].url == "https://myvault.vault.azure.net/secrets?api-version=7.5&maxresults=1");
        CHECK(sent[1].url == str(secrets.body()["nextLink"]));

        Fixture g;
        versions.respondOn(*g.fake);
        g.fake->queue.respond(200, R"({"value":[]})");
        auto v =
            g.client.listPropertiesOfSecretVersions("listsecretversionstest", {.maxResults = 1}).collect();
        REQUIRE(v.size() == 1);
        checkProperties(v[0], versions.body()["value"][0]);

        Fixture h;
        deleted.respondOn(*h.fake);
        h.fake->queue.respond(200, R"({"value":[]})");
        auto d = h.client.listDeletedSecrets().collect();
        REQUIRE(d.size() == 1);
        checkDeleted(d[0], deleted.body()["value"][0]);
        CHECK(d[0].value.empty());
    }

    TEST_CASE("maxResults outside 1-25 is refused before sending") {
        Fixture f;
        CHECK_THROWS_AS(f.client.listPropertiesOfSecrets({.maxResults = 26}), InvalidArgument);
        CHECK_THROWS_AS(f.client.listDeletedSecrets({.maxResults = 0}), InvalidArgument);
        CHECK(f.fake->queue.count() == 0);
    }

    TEST_CASE("includePending is refused before sending: secrets are never pending") {
        Fixture f;
        CHECK_THROWS_AS(f.client.listPropertiesOfSecrets({.includePending = true}), InvalidArgument);
        CHECK_THROWS_AS(f.client.listDeletedSecrets({.includePending = true}), InvalidArgument);
        CHECK(f.fake->queue.count() == 0);
    }

    TEST_CASE(
        "startDeleteSecret: DeleteSecret example, then polls deletedsecrets until 200 (404 = not yet)") {
        Fixture f;
        Example del("DeleteSecret"), got("GetDeletedSecret");
        del.respondOn(*f.fake);
        f.fake->queue.respond(404, R"({"error":{"code":"SecretNotFound","message":"not yet"}})");
        got.respondOn(*f.fake);
        auto op = f.client.startDeleteSecret("GetDeletedSecretTest");
        checkDeleted(op.value(), del.body());
        CHECK(op.resumeToken() == "GetDeletedSecretTest");
        CHECK_FALSE(op.poll());
        CHECK(op.poll());
        checkDeleted(op.value(), got.body());
        const auto sent = f.fake->requests();
        CHECK(sent[0].method == http::Method::Delete);
        CHECK(sent[2].url ==
              "https://myvault.vault.azure.net/deletedsecrets/GetDeletedSecretTest?api-version=7.5");
    }

    TEST_CASE("getDeletedSecret parses the example") {
        Fixture f;
        Example ex("GetDeletedSecret");
        ex.respondOn(*f.fake);
        checkDeleted(*f.client.getDeletedSecret(str(ex.parameter("secret-name"))), ex.body());
    }

    TEST_CASE("startRecoverDeletedSecret: RecoverDeletedSecret example, then polls the secret") {
        Fixture f;
        Example rec("RecoverDeletedSecret");
        rec.respondOn(*f.fake);
        f.fake->queue.respond(404, R"({"error":{"code":"SecretNotFound","message":"not yet"}})");
        f.fake->queue.respond(200, Example("GetSecret").bodyText());
        auto op = f.client.startRecoverDeletedSecret("SecretCreateDeleteRecoverPurgeTest");
        checkProperties(op.value(), rec.body());
        op.pollUntilDone({.interval = std::chrono::milliseconds(1)});
        CHECK(op.isDone());
        CHECK(f.fake->requests().at(0).url == "https://myvault.vault.azure.net/deletedsecrets/"
                                              "SecretCreateDeleteRecoverPurgeTest/recover?api-version=7.5");
    }

    TEST_CASE("delete and recover pollers wait as long as a 404's Retry-After asks") {
        Fixture f;
        http::Headers hour;
        hour.set("Retry-After", "3600");
        Example("DeleteSecret").respondOn(*f.fake);
        f.fake->queue.respond(404, R"({"error":{"code":"SecretNotFound","message":"not yet"}})", hour);
        Example("GetDeletedSecret").respondOn(*f.fake);
        auto del = f.client.startDeleteSecret("GetDeletedSecretTest");
        const PollOptions quick{.interval = std::chrono::milliseconds(1), .timeout = std::chrono::seconds(1)};
        try {
            del.pollUntilDone(quick);
            FAIL("no timeout");
        } catch (const OperationTimeoutError& e) {
            CHECK(e.polls() == 1);
            CHECK(std::string(e.what()).find("deletion of secret 'GetDeletedSecretTest' is not done") == 0);
        }
        CHECK(f.fake->requests().size() == 2);
        CHECK(del.poll()); // the operation goes on

        Example("RecoverDeletedSecret").respondOn(*f.fake);
        f.fake->queue.respond(404, R"({"error":{"code":"SecretNotFound","message":"not yet"}})", hour);
        f.fake->queue.respond(200, Example("GetSecret").bodyText());
        auto rec = f.client.startRecoverDeletedSecret("SecretCreateDeleteRecoverPurgeTest");
        CHECK_THROWS_AS(rec.pollUntilDone(quick), OperationTimeoutError);
        CHECK(f.fake->requests().size() == 5);
        CHECK(rec.poll());
    }

    TEST_CASE("purgeDeletedSecret expects 204") {
        Fixture f;
        Example("PurgeDeletedSecret").respondOn(*f.fake, "204");
        CHECK(f.client.purgeDeletedSecret("testsecret").status == 204);
        CHECK(f.fake->requests().at(0).method == http::Method::Delete);
    }

    TEST_CASE("backupSecret decodes the base64url blob; restoreSecretBackup sends it back") {
        Fixture f;
        Example backup("BackupSecret"), restore("RestoreSecret");
        backup.respondOn(*f.fake);
        restore.respondOn(*f.fake);
        auto blob = f.client.backupSecret("testsecret");
        CHECK(blob->size() > 100);
        CHECK(*blob == keyvault::base64UrlDecode(str(backup.body()["value"]), "t"));
        auto restored = f.client.restoreSecretBackup(*blob);
        checkProperties(*restored, restore.body());
        auto body = bodyOf(f.fake->requests().at(1));
        CHECK(str(body["value"]) == str(backup.body()["value"]));
    }

    TEST_CASE("bad names, versions and URLs are refused with nothing sent") {
        Fixture f;
        CHECK_THROWS_AS(f.client.getSecret("bad_name"), InvalidArgument);
        CHECK_THROWS_AS(f.client.getSecret(std::string(128, 'a')), InvalidArgument);
        CHECK_THROWS_AS(f.client.getSecret("ok", "../x"), InvalidArgument);
        CHECK_THROWS_AS(f.client.setSecret("", SecretString("v")), InvalidArgument);
        CHECK_THROWS_AS(f.client.restoreSecretBackup({}), InvalidArgument);
        CHECK(f.fake->queue.count() == 0);
        CHECK_THROWS_AS(SecretClient("http://myvault.vault.azure.net", fakeCredential()), InvalidArgument);
        CHECK_THROWS_AS(SecretClient(kVault, nullptr), InvalidArgument);
    }

    TEST_CASE("service errors keep code, message and request id; 409 is ConflictError") {
        Fixture f;
        http::Headers h;
        h.set("x-ms-request-id", "rid-9");
        f.fake->queue.respond(
            409,
            R"({"error":{"code":"Conflict","message":"Secret is currently in a deleted but recoverable state",)"
            R"("innererror":{"code":"ObjectIsDeletedButRecoverable"}}})",
            h);
        try {
            f.client.setSecret("gone", SecretString("v"));
            FAIL("no exception");
        } catch (const ConflictError& e) {
            CHECK(e.httpStatus() == 409);
            CHECK(e.info().values.at("innererror") == "ObjectIsDeletedButRecoverable");
            CHECK(e.requestId() == "rid-9");
            CHECK(std::string(e.what()).find("\"v\"") == std::string::npos);
        }
    }
}

TEST_SUITE("keyvault::KeyVaultId") {
    TEST_CASE("plain ids and unusual ones (escapes, upper case, ports) parse alike") {
        const auto plain = KeyVaultId::parse("https://v1.vault.localhost:8443/secrets/db-pass/0a1b2c");
        CHECK(plain.vaultUrl == "https://v1.vault.localhost:8443");
        CHECK(plain.collection == "secrets");
        CHECK(plain.name == "db-pass");
        CHECK(plain.version == "0a1b2c");
        const auto explicitPort = KeyVaultId::parse("https://v.vault.azure.net:443//keys//k/");
        CHECK(explicitPort.vaultUrl == "https://v.vault.azure.net:443");
        CHECK(explicitPort.name == "k");
        CHECK(explicitPort.version.empty());
        // These take the general URL parser: lower-cased host, normalised port, unescaped name.
        CHECK(KeyVaultId::parse("https://V.Vault.Azure.NET/secrets/s").vaultUrl ==
              "https://v.vault.azure.net");
        CHECK(KeyVaultId::parse("https://v.vault.azure.net:0443/secrets/s").vaultUrl ==
              "https://v.vault.azure.net:443");
        CHECK(KeyVaultId::parse("https://v.vault.azure.net/secrets/a%2Db").name == "a-b");
        CHECK(KeyVaultId::parse("https://127.0.0.1:8443/secrets/s/v").vaultUrl == "https://127.0.0.1:8443");
        CHECK_THROWS_AS(KeyVaultId::parse("https://v.vault.azure.net/secrets"), InvalidArgument);
        CHECK_THROWS_AS(KeyVaultId::parse("https://v.vault.azure.net/a/b/c/d"), InvalidArgument);
        CHECK_THROWS_AS(KeyVaultId::parse("http://v.vault.azure.net/secrets/s"), InvalidArgument);
    }
}
