// SPDX-License-Identifier: MIT
#include <kvbridge/keyvault/key_client.hpp>

#include <doctest/doctest.h>

#include "keyvault/base64url.hpp"
#include "keyvault/key_json.hpp"
#include "kv_unit_util.hpp"

using namespace kvb;
using namespace kvb::keyvault;
using namespace kvb::test;

namespace {

using Fixture = VaultFixture<KeyClient>;

std::vector<std::uint8_t> b64(const kvb::detail::JsonValue& v) {
    return keyvault::base64UrlDecode(str(v), "t");
}

void checkProperties(const KeyProperties& p, const kvb::detail::JsonValue& body) {
    checkItemProperties(p, body, body.HasMember("key") ? str(body["key"]["kid"]) : str(body["kid"]));
}

void checkKey(const KeyVaultKey& k, const kvb::detail::JsonValue& body) {
    checkProperties(k.properties, body);
    const auto& jwk = body["key"];
    CHECK(k.key.kid == str(jwk["kid"]));
    CHECK(k.key.kty == str(jwk["kty"]));
    CHECK(k.key.keyOps.size() == jwk["key_ops"].Size());
    CHECK(k.key.n == b64(jwk["n"]));
    CHECK(k.key.e == b64(jwk["e"]));
    CHECK(k.key.n.size() == 256);
}

void checkDeleted(const DeletedKey& d, const kvb::detail::JsonValue& body) {
    checkProperties(d.key.properties, body);
    checkDeletion(d, body);
}

const char* kNotFound = R"({"error":{"code":"KeyNotFound","message":"not yet"}})";

} // namespace

TEST_SUITE("keyvault::KeyClient") {
    TEST_CASE("createRsaKey sends the CreateKey example body and parses its KeyBundle") {
        Fixture f;
        Example ex("CreateKey");
        ex.respondOn(*f.fake);
        CreateKeyOptions o;
        o.keySize = 2048;
        o.keyOps = {"encrypt", "decrypt", "sign", "verify", "wrapKey", "unwrapKey"};
        o.tags = {{"purpose", "unit test"}, {"test name ", "CreateGetDeleteKeyTest"}};
        auto r = f.client.createRsaKey("CreateSoftKeyTest", o);
        checkKey(*r, ex.body());
        const auto sent = f.fake->requests().at(0);
        CHECK(sent.url == "https://myvault.vault.azure.net/keys/CreateSoftKeyTest/create?api-version=7.5");
        auto expected = Example("CreateKey");
        auto& params = expected.doc["parameters"]["parameters"];
        params.RemoveMember("attributes"); // {} in the example: nothing to set
        CHECK(jsonContains(bodyOf(sent), params));
    }

    TEST_CASE("createEcKey/createOctKey pick the type, curve and HSM flavour") {
        Fixture f;
        const auto bundle = Example("CreateKey").bodyText();
        for (int i = 0; i < 3; ++i) f.fake->queue.respond(200, bundle);
        f.client.createEcKey("ec1", {.curve = "P-384", .exportable = {}, .hardwareProtected = true});
        f.client.createEcKey("ec2");
        f.client.createOctKey("oct1", {.keySize = 256});
        const auto sent = f.fake->requests();
        auto b0 = bodyOf(sent[0]), b1 = bodyOf(sent[1]), b2 = bodyOf(sent[2]);
        CHECK(str(b0["kty"]) == "EC-HSM");
        CHECK(str(b0["crv"]) == "P-384");
        CHECK(str(b1["kty"]) == "EC");
        CHECK(str(b1["crv"]) == "P-256");
        CHECK(str(b2["kty"]) == "oct");
        CHECK(b2["key_size"].GetInt() == 256);
    }

    TEST_CASE("inconsistent sizes, curves and types are refused before sending") {
        Fixture f;
        CHECK_THROWS_AS(f.client.createRsaKey("k", {.keySize = 1024}), InvalidArgument);
        CHECK_THROWS_AS(f.client.createRsaKey("k", {.curve = "P-256"}), InvalidArgument);
        CHECK_THROWS_AS(f.client.createEcKey("k", {.keySize = 384, .curve = "P-256"}), InvalidArgument);
        CHECK_THROWS_AS(f.client.createEcKey("k", {.curve = "P-999"}), InvalidArgument);
        CHECK_THROWS_AS(f.client.createOctKey("k", {.keySize = 2048}), InvalidArgument);
        CHECK_THROWS_AS(f.client.createEcKey("k", {.publicExponent = 65537}), InvalidArgument);
        CHECK_THROWS_AS(f.client.createKey("k", "DSA"), InvalidArgument);
        CHECK_THROWS_AS(f.client.createRsaKey("k", {.exportable = true}), InvalidArgument);
        CHECK_THROWS_AS(f.client.createRsaKey("bad name"), InvalidArgument);
        CHECK_THROWS_AS(f.client.getRandomBytes(0), InvalidArgument);
        CHECK_THROWS_AS(f.client.getKeyAttestation("k", "v1"), InvalidArgument); // 7.5 client
        CHECK(f.fake->queue.count() == 0);
    }

    TEST_CASE("importKey sends every JWK field of the ImportKey example (sensitive) and parses the result") {
        Fixture f;
        Example ex("ImportKey");
        ex.respondOn(*f.fake);
        const auto& params = ex.parameter("parameters");
        JsonWebKey jwk = keyvault::parseJsonWebKey(params["key"]);
        CHECK(jwk.d.size() == 256);
        CHECK(jwk.p.size() == 128);
        auto r = f.client.importKey("ImportSoftKeyTest", jwk, {.tags = {{"purpose", "unit test"}}});
        checkKey(*r, ex.body());
        const auto sent = f.fake->requests().at(0);
        CHECK(sent.method == http::Method::Put);
        CHECK(sent.sensitiveBody);
        auto body = bodyOf(sent);
        CHECK(jsonContains(body, params));
        CHECK(jsonContains(params, body));
    }

    TEST_CASE("getKey, updateKeyProperties and rotateKey parse their examples") {
        Fixture f;
        Example get("GetKey"), update("UpdateKey"), rotate("RotateKey");
        get.respondOn(*f.fake);
        update.respondOn(*f.fake);
        rotate.respondOn(*f.fake);
        checkKey(*f.client.getKey("CreateSoftKeyTest", "78deebed173b48e48f55abf87ed4cf71"), get.body());
        UpdateKeyPropertiesOptions o;
        o.keyOps = std::vector<std::string>{"decrypt", "encrypt"};
        o.enabled = false;
        o.notBefore = std::chrono::system_clock::time_point(std::chrono::seconds(631180800));
        o.expiresOn = std::chrono::system_clock::time_point(std::chrono::seconds(662716800));
        auto updated =
            f.client.updateKeyProperties("UpdateKeyAttributesTest", "3d31e6e5c4c14eaf9be8d42c00225088", o);
        checkKey(*updated, update.body());
        checkKey(*f.client.rotateKey("Key01"), rotate.body());
        const auto sent = f.fake->requests();
        auto body = bodyOf(sent[1]);
        CHECK(jsonContains(body, update.parameter("parameters")));
        CHECK(jsonContains(update.parameter("parameters"), body));
        CHECK(sent[2].url == "https://myvault.vault.azure.net/keys/Key01/rotate?api-version=7.5");
    }

    TEST_CASE("list examples parse (keys, versions, deleted keys) and send maxresults") {
        Fixture f;
        Example keys("GetKeys"), versions("GetKeyVersions"), deleted("GetDeletedKeys");
        for (auto* ex : {&keys, &versions, &deleted}) {
            ex->respondOn(*f.fake);
            f.fake->queue.respond(200, R"({"value":[]})");
        }
        auto k = f.client.listPropertiesOfKeys({.maxResults = 1}).collect();
        REQUIRE(k.size() == 1);
        checkProperties(k[0], keys.body()["value"][0]);
        auto v = f.client.listPropertiesOfKeyVersions("sdktestkey", {.maxResults = 1}).collect();
        REQUIRE(v.size() == versions.body()["value"].Size());
        checkProperties(v[0], versions.body()["value"][0]);
        auto d = f.client.listDeletedKeys({.maxResults = 1}).collect();
        REQUIRE(d.size() == 1);
        checkDeleted(d[0], deleted.body()["value"][0]);
        const auto sent = f.fake->requests();
        CHECK(sent[0].url == "https://myvault.vault.azure.net/keys?api-version=7.5&maxresults=1");
        CHECK(sent[1].url == str(keys.body()["nextLink"]));
    }

    TEST_CASE("delete and recover pollers; getDeletedKey and purge") {
        Fixture f;
        Example del("DeleteKey"), got("GetDeletedKey"), rec("RecoverDeletedKey");
        del.respondOn(*f.fake);
        f.fake->queue.respond(404, kNotFound);
        got.respondOn(*f.fake);
        auto op = f.client.startDeleteKey("CreateSoftKeyTest");
        checkDeleted(op.value(), del.body());
        op.pollUntilDone({.interval = std::chrono::milliseconds(1)});
        checkDeleted(op.value(), got.body());

        got.respondOn(*f.fake);
        checkDeleted(*f.client.getDeletedKey("CreateSoftKeyTest"), got.body());

        rec.respondOn(*f.fake);
        Example("GetKey").respondOn(*f.fake);
        auto recover = f.client.startRecoverDeletedKey("CreateSoftKeyTest");
        checkKey(recover.value(), rec.body());
        CHECK(recover.poll());

        Example("PurgeDeletedKey").respondOn(*f.fake, "204");
        CHECK(f.client.purgeDeletedKey("CreateSoftKeyTest").status == 204);
    }

    TEST_CASE("a 404's Retry-After paces the delete and recover pollers") {
        Fixture f;
        http::Headers hour;
        hour.set("Retry-After", "3600");
        const PollOptions quick{.interval = std::chrono::milliseconds(1), .timeout = std::chrono::seconds(1)};
        Example("DeleteKey").respondOn(*f.fake);
        f.fake->queue.respond(404, kNotFound, hour);
        Example("GetDeletedKey").respondOn(*f.fake);
        auto del = f.client.startDeleteKey("CreateSoftKeyTest");
        CHECK_THROWS_AS(del.pollUntilDone(quick), OperationTimeoutError);
        CHECK(f.fake->requests().size() == 2);
        CHECK(del.poll()); // the operation goes on

        Example("RecoverDeletedKey").respondOn(*f.fake);
        f.fake->queue.respond(404, kNotFound, hour);
        Example("GetKey").respondOn(*f.fake);
        auto rec = f.client.startRecoverDeletedKey("CreateSoftKeyTest");
        CHECK_THROWS_AS(rec.pollUntilDone(quick), OperationTimeoutError);
        CHECK(f.fake->requests().size() == 5);
        CHECK(rec.poll());
    }

    TEST_CASE("backupKey and restoreKeyBackup round-trip the example blob") {
        Fixture f;
        Example backup("BackupKey"), restore("RestoreKey");
        backup.respondOn(*f.fake);
        restore.respondOn(*f.fake);
        auto blob = f.client.backupKey("testkey");
        CHECK(*blob == b64(backup.body()["value"]));
        checkKey(*f.client.restoreKeyBackup(*blob), restore.body());
        CHECK(str(bodyOf(f.fake->requests().at(1))["value"]) ==
              str(restore.parameter("parameters")["value"]));
    }

    TEST_CASE("rotation policy examples parse and serialize") {
        Fixture f;
        Example get("GetKeyRotationPolicy"), update("UpdateKeyRotationPolicy");
        get.respondOn(*f.fake);
        update.respondOn(*f.fake);
        auto policy = f.client.getKeyRotationPolicy("key01");
        CHECK(policy->id == str(get.body()["id"]));
        REQUIRE(policy->lifetimeActions.size() == 2);
        CHECK(policy->lifetimeActions[0].action == "Rotate");
        CHECK(policy->lifetimeActions[0].timeAfterCreate == "P90D");
        CHECK(policy->lifetimeActions[1].action == "Notify");
        CHECK(policy->lifetimeActions[1].timeBeforeExpiry == "P30D");
        CHECK(policy->expiresIn == "P2Y");
        CHECK(policy->createdOn == unixTime(get.body()["attributes"]["created"]));
        auto updated = f.client.updateKeyRotationPolicy("updateKey01", *policy);
        CHECK(updated->id == str(update.body()["id"]));
        auto body = bodyOf(f.fake->requests().at(1));
        CHECK(jsonContains(body, update.parameter("keyRotationPolicy")));
        CHECK(jsonContains(update.parameter("keyRotationPolicy"), body));
        CHECK_THROWS_AS(f.client.updateKeyRotationPolicy("k", {.lifetimeActions = {{.action = "Explode"}}}),
                        InvalidArgument);
    }

    TEST_CASE("getRandomBytes and releaseKey parse their examples") {
        Fixture f;
        Example rng("GetRandomBytes"), release("release");
        rng.respondOn(*f.fake);
        release.respondOn(*f.fake);
        auto bytes = f.client.getRandomBytes(4);
        CHECK(std::string(bytes->reveal().begin(), bytes->reveal().end()) == "1234");
        CHECK(bodyOf(f.fake->requests().at(0))["count"].GetInt() == 4);
        const std::string target = str(release.parameter("parameters")["target"]);
        auto released = f.client.releaseKey("exportable-aes-key", "4eb68492b5f6421e835d961ad2be3155", target);
        CHECK(released->value.reveal() == str(release.body()["value"]));
        CHECK(jsonContains(bodyOf(f.fake->requests().at(1)), release.parameter("parameters")));
    }

    TEST_CASE("getKeyAttestation on 2026-04-01 reads the attestation attributes") {
        auto fake = std::make_shared<VaultFake>();
        fake->queue.respond(
            200,
            R"({"key":{"kid":"https://myvault.vault.azure.net/keys/hsm/0123abcd","kty":"RSA-HSM"},)"
            R"("attributes":{"enabled":true,"hsmPlatform":"2","attestation":{"certificatePemFile":"AQID",)"
            R"("privateKeyAttestation":"BAUG","version":"1.0"}}})");
        KeyClient client(kVault, fakeCredential(), optionsOver(fake, "2026-04-01"));
        auto r = client.getKeyAttestation("hsm", "0123abcd");
        REQUIRE(r->properties.attestation);
        CHECK(r->properties.attestation->certificatePemFile == std::vector<std::uint8_t>{1, 2, 3});
        CHECK(r->properties.attestation->privateKeyAttestation == std::vector<std::uint8_t>{4, 5, 6});
        CHECK(r->properties.attestation->version == "1.0");
        CHECK(r->properties.hsmPlatform == "2");
        CHECK(fake->requests().at(0).url ==
              "https://myvault.vault.azure.net/keys/hsm/0123abcd/attestation?api-version=2026-04-01");
    }

    TEST_CASE("a malformed base64url field is a ParseError, not a crash") {
        Fixture f;
        f.fake->queue.respond(
            200, R"({"key":{"kid":"https://myvault.vault.azure.net/keys/k/1","kty":"RSA","n":"@@@"}})");
        CHECK_THROWS_AS(f.client.getKey("k"), ParseError);
    }
}
