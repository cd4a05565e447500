// SPDX-License-Identifier: MIT
#include "../kv_crypto.hpp"
#include "../kv_keys.hpp"
#include "kv_test_util.hpp"

#include <openssl/rand.h>

using namespace kvtest;
using emu::kv::base64Decode;
using emu::kv::base64url;

namespace {

std::string kidVersion(const Result& r) {
    std::string kid = *r.body["key"].str("kid");
    return kid.substr(kid.rfind('/') + 1);
}

std::string body(std::initializer_list<std::pair<const std::string, Json>> members) {
    return Json(Json::Object(members)).dump();
}

std::string digestOf(std::size_t n, char fill) {
    return std::string(n, fill);
}

} // namespace

TEST_SUITE("emulator::keyvault keys") {

    TEST_CASE("create each key type with public JWK only") {
        emu::KeyVaultService svc;
        auto rsa = call(svc, "POST", "/keys/rsa/create",
                        R"({"kty":"RSA","key_size":3072,"public_exponent":65537,"tags":{"a":"b"}})");
        REQUIRE(rsa.status == 200);
        const Json& k = rsa.body["key"];
        CHECK(k.str("kty") == "RSA");
        CHECK(base64Decode(*k.str("n"))->size() == 384);
        CHECK(k.str("e") == "AQAB");
        CHECK_FALSE(k.has("d"));
        CHECK_FALSE(k.has("p"));
        CHECK(k["key_ops"].asArray().size() == 6);
        CHECK(k.str("kid")->rfind(kBase + "/keys/rsa/", 0) == 0);
        CHECK(rsa.body["attributes"].str("recoveryLevel") == "Recoverable+Purgeable");
        CHECK(rsa.body["tags"].str("a") == "b");

        for (auto [crv, bytes] : {std::pair{"P-256", 32}, {"P-384", 48}, {"P-521", 66}, {"P-256K", 32}}) {
            auto ec = call(svc, "POST", "/keys/ec/create", body({{"kty", "EC-HSM"}, {"crv", crv}}));
            REQUIRE(ec.status == 200);
            CHECK(ec.body["key"].str("crv") == crv);
            CHECK(base64Decode(*ec.body["key"].str("x"))->size() == static_cast<std::size_t>(bytes));
            CHECK(base64Decode(*ec.body["key"].str("y"))->size() == static_cast<std::size_t>(bytes));
            CHECK_FALSE(ec.body["key"].has("d"));
        }
        for (int bits : {128, 192, 256}) {
            auto oct = call(svc, "POST", "/keys/aes/create", body({{"kty", "oct-HSM"}, {"key_size", bits}}));
            REQUIRE(oct.status == 200);
            CHECK_FALSE(oct.body["key"].has("k"));
        }
        CHECK(call(svc, "GET", "/keys/ec/versions").body["value"].asArray().size() == 4);
        CHECK(call(svc, "POST", "/keys/bad/create", R"({"kty":"RSA","key_size":1024})").errorCode() ==
              "BadParameter");
        CHECK(call(svc, "POST", "/keys/bad/create", R"({"kty":"DSA"})").status == 400);
        CHECK(call(svc, "POST", "/keys/bad/create", R"({"kty":"EC","crv":"P-192"})").status == 400);
        CHECK(call(svc, "GET", "/keys/bad/").errorCode() == "KeyNotFound");
    }

    TEST_CASE("RSA encrypt, wrap and sign round trips") {
        emu::KeyVaultService svc;
        auto created = call(svc, "POST", "/keys/rsa/create", R"({"kty":"RSA"})");
        REQUIRE(created.status == 200);
        std::string ver = kidVersion(created);
        std::string plain = base64url("attack at dawn");
        for (const char* alg : {"RSA1_5", "RSA-OAEP", "RSA-OAEP-256"}) {
            auto enc =
                call(svc, "POST", "/keys/rsa/" + ver + "/encrypt", body({{"alg", alg}, {"value", plain}}));
            REQUIRE(enc.status == 200);
            CHECK(enc.body.str("kid") == created.body["key"].str("kid"));
            CHECK(base64Decode(*enc.body.str("value"))->size() == 256);
            auto dec = call(svc, "POST", "/keys/rsa/" + ver + "/decrypt",
                            body({{"alg", alg}, {"value", *enc.body.str("value")}}));
            REQUIRE(dec.status == 200);
            CHECK(dec.body.str("value") == plain);

            auto wrap = call(svc, "POST", "/keys/rsa//wrapkey",
                             body({{"alg", alg}, {"value", base64url(std::string(32, 'k'))}}));
            REQUIRE(wrap.status == 200);
            auto unwrap = call(svc, "POST", "/keys/rsa//unwrapkey",
                               body({{"alg", alg}, {"value", *wrap.body.str("value")}}));
            CHECK(unwrap.body.str("value") == base64url(std::string(32, 'k')));
        }
        CHECK(call(svc, "POST", "/keys/rsa/" + ver + "/decrypt",
                   body({{"alg", "RSA-OAEP"}, {"value", base64url("garbage")}}))
                  .status == 400);

        for (auto [alg, len] : {std::pair{"RS256", 32},
                                {"RS384", 48},
                                {"RS512", 64},
                                {"PS256", 32},
                                {"PS384", 48},
                                {"PS512", 64}}) {
            std::string digest = base64url(digestOf(static_cast<std::size_t>(len), 'd'));
            auto sig =
                call(svc, "POST", "/keys/rsa/" + ver + "/sign", body({{"alg", alg}, {"value", digest}}));
            REQUIRE(sig.status == 200);
            auto ok = call(svc, "POST", "/keys/rsa/" + ver + "/verify",
                           body({{"alg", alg}, {"digest", digest}, {"value", *sig.body.str("value")}}));
            REQUIRE(ok.status == 200);
            CHECK(ok.body.boolean("value") == true);
            std::string other = base64url(digestOf(static_cast<std::size_t>(len), 'e'));
            auto bad = call(svc, "POST", "/keys/rsa/" + ver + "/verify",
                            body({{"alg", alg}, {"digest", other}, {"value", *sig.body.str("value")}}));
            CHECK(bad.body.boolean("value") == false);
        }
        CHECK(call(svc, "POST", "/keys/rsa//sign", body({{"alg", "RS256"}, {"value", base64url("short")}}))
                  .status == 400);
        CHECK(call(svc, "POST", "/keys/rsa//sign",
                   body({{"alg", "ES256"}, {"value", base64url(digestOf(32, 'a'))}}))
                  .status == 400);
    }

    TEST_CASE("EC signatures are raw R||S and verify") {
        emu::KeyVaultService svc;
        for (auto [crv, alg, len, sigLen] : {std::tuple{"P-256", "ES256", 32, 64},
                                             {"P-256K", "ES256K", 32, 64},
                                             {"P-384", "ES384", 48, 96},
                                             {"P-521", "ES512", 64, 132}}) {
            REQUIRE(call(svc, "POST", "/keys/ec/create", body({{"kty", "EC"}, {"crv", crv}})).status == 200);
            std::string digest = base64url(digestOf(static_cast<std::size_t>(len), 'z'));
            auto sig = call(svc, "POST", "/keys/ec//sign", body({{"alg", alg}, {"value", digest}}));
            REQUIRE(sig.status == 200);
            CHECK(base64Decode(*sig.body.str("value"))->size() == static_cast<std::size_t>(sigLen));
            auto ok = call(svc, "POST", "/keys/ec//verify",
                           body({{"alg", alg}, {"digest", digest}, {"value", *sig.body.str("value")}}));
            CHECK(ok.body.boolean("value") == true);
            std::string raw = *base64Decode(*sig.body.str("value"));
            raw[3] = static_cast<char>(raw[3] ^ 1);
            auto bad = call(svc, "POST", "/keys/ec//verify",
                            body({{"alg", alg}, {"digest", digest}, {"value", base64url(raw)}}));
            CHECK(bad.body.boolean("value") == false);
        }
        // Encryption is not an EC operation.
        CHECK(call(svc, "POST", "/keys/ec//encrypt", body({{"alg", "RSA-OAEP"}, {"value", "AAAA"}})).status ==
              403);
    }

    TEST_CASE("oct keys: GCM, CBC, CBCPAD and AES key wrap") {
        emu::KeyVaultService svc;
        REQUIRE(call(svc, "POST", "/keys/aes/create", R"({"kty":"oct-HSM","key_size":256})").status == 200);
        std::string data = base64url("sixteen byte msg");
        auto gcm = call(svc, "POST", "/keys/aes//encrypt",
                        body({{"alg", "A256GCM"}, {"value", data}, {"aad", base64url("hdr")}}));
        REQUIRE(gcm.status == 200);
        CHECK(base64Decode(*gcm.body.str("iv"))->size() == 12);
        CHECK(base64Decode(*gcm.body.str("tag"))->size() == 16);
        auto back = call(svc, "POST", "/keys/aes//decrypt",
                         body({{"alg", "A256GCM"},
                               {"value", *gcm.body.str("value")},
                               {"iv", *gcm.body.str("iv")},
                               {"tag", *gcm.body.str("tag")},
                               {"aad", base64url("hdr")}}));
        REQUIRE(back.status == 200);
        CHECK(back.body.str("value") == data);
        auto wrongAad = call(svc, "POST", "/keys/aes//decrypt",
                             body({{"alg", "A256GCM"},
                                   {"value", *gcm.body.str("value")},
                                   {"iv", *gcm.body.str("iv")},
                                   {"tag", *gcm.body.str("tag")},
                                   {"aad", base64url("other")}}));
        CHECK(wrongAad.status == 400);

        std::string iv = base64url(std::string(16, 'i'));
        for (const char* alg : {"A256CBC", "A256CBCPAD"}) {
            auto enc =
                call(svc, "POST", "/keys/aes//encrypt", body({{"alg", alg}, {"value", data}, {"iv", iv}}));
            REQUIRE(enc.status == 200);
            auto dec = call(svc, "POST", "/keys/aes//decrypt",
                            body({{"alg", alg}, {"value", *enc.body.str("value")}, {"iv", iv}}));
            CHECK(dec.body.str("value") == data);
        }
        CHECK(call(svc, "POST", "/keys/aes//encrypt", body({{"alg", "A128GCM"}, {"value", data}})).status ==
              400);

        std::string cek = base64url(std::string(32, 'c'));
        for (const char* alg : {"A256KW", "A256KWPAD", "CKM_AES_KEY_WRAP"}) {
            auto w = call(svc, "POST", "/keys/aes//wrapkey", body({{"alg", alg}, {"value", cek}}));
            REQUIRE(w.status == 200);
            CHECK(base64Decode(*w.body.str("value"))->size() == 40);
            auto u = call(svc, "POST", "/keys/aes//unwrapkey",
                          body({{"alg", alg}, {"value", *w.body.str("value")}}));
            CHECK(u.body.str("value") == cek);
        }
        auto sw = call(svc, "POST", "/keys/aes//securewrapkey", R"({"alg":"A256KW"})");
        REQUIRE(sw.status == 200);
        auto su = call(
            svc, "POST", "/keys/aes//secureunwrapkey",
            body({{"alg", "A256KW"}, {"value", *sw.body.str("value")}, {"target", "attestation-token"}}));
        REQUIRE(su.status == 200);
        CHECK(base64Decode(*su.body.str("value"))->size() == 32);
    }

    TEST_CASE("key_ops, disabled keys and updates are enforced") {
        emu::KeyVaultService svc;
        REQUIRE(
            call(svc, "POST", "/keys/signer/create", R"({"kty":"RSA","key_ops":["sign","verify"]})").status ==
            200);
        auto refused = call(svc, "POST", "/keys/signer//encrypt",
                            body({{"alg", "RSA-OAEP"}, {"value", base64url("x")}}));
        CHECK(refused.status == 403);
        auto upd =
            call(svc, "PATCH", "/keys/signer/",
                 R"({"key_ops":["encrypt","decrypt"],"attributes":{"enabled":false},"tags":{"x":"y"}})");
        REQUIRE(upd.status == 200);
        CHECK(upd.body["key"]["key_ops"].asArray().size() == 2);
        auto disabled = call(svc, "POST", "/keys/signer//encrypt",
                             body({{"alg", "RSA-OAEP"}, {"value", base64url("x")}}));
        CHECK(disabled.status == 403);
        CHECK(disabled.body["error"]["innererror"].str("code") == "KeyDisabled");
    }

    TEST_CASE("import a JWK and use it") {
        emu::KeyVaultService svc;
        // Make an RSA key locally and send its private JWK.
        auto local = emu::kv::generateRsa(2048, 65537);
        Json jwk = emu::kv::publicJwk(local.get());
        emu::kv::addPrivateJwk(local.get(), jwk);
        jwk["kty"] = "RSA";
        Json req = Json::object();
        req["key"] = jwk;
        auto imp = call(svc, "PUT", "/keys/imported", req.dump());
        REQUIRE(imp.status == 200);
        CHECK(imp.body["key"].str("n") == jwk.str("n"));
        CHECK_FALSE(imp.body["key"].has("d"));
        // Encrypt locally with the public key; the vault decrypts.
        std::string ct = emu::kv::rsaEncrypt(local.get(), "RSA-OAEP-256", "hello");
        auto dec = call(svc, "POST", "/keys/imported//decrypt",
                        body({{"alg", "RSA-OAEP-256"}, {"value", base64url(ct)}}));
        CHECK(dec.body.str("value") == base64url("hello"));

        auto ec = emu::kv::generateEc("P-384");
        Json ecJwk = emu::kv::publicJwk(ec.get());
        emu::kv::addPrivateJwk(ec.get(), ecJwk);
        ecJwk["kty"] = "EC";
        Json ecReq = Json::object();
        ecReq["key"] = ecJwk;
        ecReq["Hsm"] = true;
        auto ecImp = call(svc, "PUT", "/keys/imported-ec", ecReq.dump());
        REQUIRE(ecImp.status == 200);
        CHECK(ecImp.body["key"].str("kty") == "EC-HSM");
        auto sig = call(svc, "POST", "/keys/imported-ec//sign",
                        body({{"alg", "ES384"}, {"value", base64url(std::string(48, 'h'))}}));
        CHECK(emu::kv::verifyDigest(ec.get(), "ES384", std::string(48, 'h'),
                                    *base64Decode(*sig.body.str("value"))));

        ecJwk["x"] = jwk.str("n").value_or("");
        ecReq["key"] = ecJwk;
        CHECK(call(svc, "PUT", "/keys/broken", ecReq.dump()).status == 400);
        CHECK(call(svc, "PUT", "/keys/broken", R"({"key":{"kty":"RSA","n":"AQAB"}})").status == 400);
        CHECK(
            call(svc, "PUT", "/keys/octkey",
                 body({{"key", Json(Json::Object{{"kty", "oct"}, {"k", base64url(std::string(16, 'k'))}})}}))
                .status == 200);
    }

    TEST_CASE("rotation policy, rotate and random bytes") {
        emu::KeyVaultService svc;
        auto first = call(svc, "POST", "/keys/rot/create", R"({"kty":"EC","crv":"P-256","tags":{"t":"1"}})");
        REQUIRE(first.status == 200);
        auto def = call(svc, "GET", "/keys/rot/rotationpolicy");
        REQUIRE(def.status == 200);
        CHECK(def.body.str("id") == kBase + "/keys/rot/rotationpolicy");
        auto put = call(
            svc, "PUT", "/keys/rot/rotationpolicy",
            R"({"lifetimeActions":[{"trigger":{"timeAfterCreate":"P90D"},"action":{"type":"Rotate"}},{"trigger":{"timeBeforeExpiry":"P30D"},"action":{"type":"Notify"}}],"attributes":{"expiryTime":"P2Y"}})");
        REQUIRE(put.status == 200);
        CHECK(put.body["lifetimeActions"].asArray().size() == 2);
        CHECK(put.body["attributes"].str("expiryTime") == "P2Y");
        CHECK(put.body["attributes"].has("created"));
        CHECK(call(svc, "GET", "/keys/rot/rotationpolicy").body["attributes"].str("expiryTime") == "P2Y");
        CHECK(
            call(svc, "PUT", "/keys/rot/rotationpolicy",
                 R"({"lifetimeActions":[{"trigger":{"timeAfterCreate":"soon"},"action":{"type":"Rotate"}}]})")
                .status == 400);

        auto rotated = call(svc, "POST", "/keys/rot/rotate");
        REQUIRE(rotated.status == 200);
        CHECK(rotated.body["key"].str("kid") != first.body["key"].str("kid"));
        CHECK(rotated.body["key"].str("crv") == "P-256");
        CHECK(rotated.body["key"].str("x") != first.body["key"].str("x"));
        CHECK(rotated.body["tags"].str("t") == "1");
        CHECK(rotated.body["attributes"].integer("exp") ==
              *rotated.body["attributes"].integer("created") + 2 * 365 * 86400);
        CHECK(call(svc, "GET", "/keys/rot/versions").body["value"].asArray().size() == 2);

        auto rnd = call(svc, "POST", "/rng", R"({"count":64})");
        REQUIRE(rnd.status == 200);
        CHECK(base64Decode(*rnd.body.str("value"))->size() == 64);
        CHECK(call(svc, "POST", "/rng", R"({"count":0})").status == 400);
        CHECK(call(svc, "POST", "/rng", R"({"count":129})").status == 400);
        CHECK(emu::kv::isoDurationSeconds("P1Y2M3DT4H") == 365 * 86400 + 60 * 86400 + 3 * 86400 + 4 * 3600);
    }

    TEST_CASE("release needs an exportable key with a policy and returns a signed token") {
        emu::KeyVaultService svc;
        std::string policy = base64url(
            R"({"anyOf":[{"allOf":[{"claim":"x-ms-sgx-is-debuggable","equals":"false"}],"authority":"https://att.example"}],"version":"1.0.0"})");
        CHECK(call(svc, "POST", "/keys/exp/create", R"({"kty":"RSA-HSM","attributes":{"exportable":true}})")
                  .status == 400);
        auto created = call(svc, "POST", "/keys/exp/create",
                            body({{"kty", "oct-HSM"},
                                  {"attributes", Json(Json::Object{{"exportable", true}})},
                                  {"release_policy", Json(Json::Object{{"data", policy}})}}));
        REQUIRE(created.status == 200);
        CHECK(created.body["release_policy"].str("data") == policy);
        REQUIRE(call(svc, "POST", "/keys/plain/create", R"({"kty":"oct-HSM"})").status == 200);
        CHECK(call(svc, "POST", "/keys/plain//release", R"({"target":"token"})").status == 403);
        CHECK(call(svc, "POST", "/keys/exp//release", R"({})").status == 400);

        auto rel = call(svc, "POST", "/keys/exp//release", R"({"target":"token","nonce":"n1"})");
        REQUIRE(rel.status == 200);
        std::string jws = *rel.body.str("value");
        auto dot1 = jws.find('.'), dot2 = jws.rfind('.');
        REQUIRE(dot1 != dot2);
        std::string input = jws.substr(0, dot2);
        CHECK(base64url(emu::kv::hmacSha256(emu::kv::keyReleaseSigningKey(), input)) == jws.substr(dot2 + 1));
        auto claims = Json::parse(*base64Decode(jws.substr(dot1 + 1, dot2 - dot1 - 1)));
        REQUIRE(claims);
        CHECK((*claims)["request"].str("nonce") == "n1");
        CHECK(base64Decode(*(*claims)["response"]["key"]["key"].str("k"))->size() == 32);
    }

    TEST_CASE("attestation for HSM keys only") {
        emu::KeyVaultService svc;
        REQUIRE(call(svc, "POST", "/keys/hsm/create", R"({"kty":"EC-HSM","crv":"P-256"})").status == 200);
        REQUIRE(call(svc, "POST", "/keys/soft/create", R"({"kty":"EC","crv":"P-256"})").status == 200);
        auto att = call(svc, "GET", "/keys/hsm//attestation");
        REQUIRE(att.status == 200);
        const Json& a = att.body["attributes"]["attestation"];
        CHECK(base64Decode(*a.str("certificatePemFile"))->find("BEGIN CERTIFICATE") != std::string::npos);
        CHECK(a.has("privateKeyAttestation"));
        CHECK(a.has("publicKeyAttestation"));
        CHECK(a.str("version") == "1.0");
        CHECK(call(svc, "GET", "/keys/soft//attestation").status == 400);
    }

    TEST_CASE("key delete, recover, purge, backup and restore") {
        emu::KeyVaultService svc;
        auto created = call(svc, "POST", "/keys/k1/create", R"({"kty":"RSA"})");
        REQUIRE(created.status == 200);
        auto backup = call(svc, "POST", "/keys/k1/backup");
        REQUIRE(backup.status == 200);
        auto del = call(svc, "DELETE", "/keys/k1");
        REQUIRE(del.status == 200);
        CHECK(del.body.str("recoveryId") == kBase + "/deletedkeys/k1");
        CHECK(del.body["key"].str("n") == created.body["key"].str("n"));
        CHECK(call(svc, "POST", "/keys/k1/create", R"({"kty":"RSA"})").status == 409);
        auto listed = call(svc, "GET", "/deletedkeys");
        REQUIRE(listed.body["value"].asArray().size() == 1);
        CHECK(listed.body["value"].asArray()[0].str("kid") == kBase + "/keys/k1");
        REQUIRE(call(svc, "POST", "/deletedkeys/k1/recover").status == 200);
        CHECK(call(svc, "GET", "/keys/k1/").status == 200);
        CHECK(call(svc, "GET", "/keys").body["value"].asArray().size() == 1);
        REQUIRE(call(svc, "DELETE", "/keys/k1").status == 200);
        REQUIRE(call(svc, "DELETE", "/deletedkeys/k1").status == 204);
        auto restored = call(svc, "POST", "/keys/restore", body({{"value", *backup.body.str("value")}}));
        REQUIRE(restored.status == 200);
        CHECK(restored.body["key"].str("kid") == created.body["key"].str("kid"));
        CHECK(call(svc, "POST", "/secrets/restore", body({{"value", *backup.body.str("value")}})).status ==
              400);
    }
}
