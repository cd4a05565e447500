// SPDX-License-Identifier: MIT
#include <kvbridge/keyvault/cryptography_client.hpp>

#include <doctest/doctest.h>

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/rsa.h>

#include "keyvault/base64url.hpp"
#include "kv_unit_util.hpp"

using namespace kvb;
using namespace kvb::keyvault;
using namespace kvb::test;

namespace {

std::vector<std::uint8_t> b64(const kvb::detail::JsonValue& v) {
    return keyvault::base64UrlDecode(str(v), "t");
}

std::string keyIdOf(const Example& ex) {
    return std::string(kVault) + "/keys/" + str(ex.parameter("key-name")) + "/" +
           str(ex.parameter("key-version"));
}

struct Fixture {
    std::shared_ptr<VaultFake> fake = std::make_shared<VaultFake>();
    CryptographyClient client(const std::string& keyId, CryptographyClientOptions o = {}) const {
        static_cast<KeyVaultClientOptions&>(o) = optionsOver(fake);
        return CryptographyClient(keyId, fakeCredential(), std::move(o));
    }
};

// Test keys made with OpenSSL, and their public JWKs.
struct TestKey {
    EVP_PKEY* pkey = nullptr;
    JsonWebKey jwk;
    ~TestKey() { EVP_PKEY_free(pkey); }
};

std::vector<std::uint8_t> bnParam(EVP_PKEY* pkey, const char* name, std::size_t pad = 0) {
    BIGNUM* bn = nullptr;
    REQUIRE(EVP_PKEY_get_bn_param(pkey, name, &bn) == 1);
    std::vector<std::uint8_t> out(std::max<std::size_t>(pad, BN_num_bytes(bn)));
    BN_bn2binpad(bn, out.data(), static_cast<int>(out.size()));
    BN_free(bn);
    return out;
}

std::unique_ptr<TestKey> rsaKey() {
    auto k = std::make_unique<TestKey>();
    k->pkey = EVP_RSA_gen(2048);
    REQUIRE(k->pkey != nullptr);
    k->jwk.kid = std::string(kVault) + "/keys/local/0011";
    k->jwk.kty = "RSA";
    k->jwk.n = bnParam(k->pkey, OSSL_PKEY_PARAM_RSA_N);
    k->jwk.e = bnParam(k->pkey, OSSL_PKEY_PARAM_RSA_E);
    return k;
}

std::unique_ptr<TestKey> ecKey() {
    auto k = std::make_unique<TestKey>();
    k->pkey = EVP_EC_gen("P-256");
    REQUIRE(k->pkey != nullptr);
    k->jwk.kid = std::string(kVault) + "/keys/local/0022";
    k->jwk.kty = "EC";
    k->jwk.crv = "P-256";
    k->jwk.x = bnParam(k->pkey, OSSL_PKEY_PARAM_EC_PUB_X, 32);
    k->jwk.y = bnParam(k->pkey, OSSL_PKEY_PARAM_EC_PUB_Y, 32);
    return k;
}

std::vector<std::uint8_t> opensslSign(EVP_PKEY* pkey, const std::vector<std::uint8_t>& digest, bool pss) {
    EVP_PKEY_CTX* ctx = EVP_PKEY_CTX_new(pkey, nullptr);
    REQUIRE(EVP_PKEY_sign_init(ctx) == 1);
    REQUIRE(EVP_PKEY_CTX_set_signature_md(ctx, EVP_sha256()) == 1);
    if (pss) {
        REQUIRE(EVP_PKEY_CTX_set_rsa_padding(ctx, RSA_PKCS1_PSS_PADDING) == 1);
        REQUIRE(EVP_PKEY_CTX_set_rsa_pss_saltlen(ctx, RSA_PSS_SALTLEN_DIGEST) == 1);
    }
    std::size_t size = 0;
    REQUIRE(EVP_PKEY_sign(ctx, nullptr, &size, digest.data(), digest.size()) == 1);
    std::vector<std::uint8_t> sig(size);
    REQUIRE(EVP_PKEY_sign(ctx, sig.data(), &size, digest.data(), digest.size()) == 1);
    sig.resize(size);
    EVP_PKEY_CTX_free(ctx);
    return sig;
}

std::vector<std::uint8_t> sha256(std::string_view text) {
    std::vector<std::uint8_t> out(32);
    EVP_Digest(text.data(), text.size(), out.data(), nullptr, EVP_sha256(), nullptr);
    return out;
}

std::span<const std::uint8_t> bytes(std::string_view s) {
    return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}

} // namespace

TEST_SUITE("keyvault::CryptographyClient") {
    TEST_CASE("encrypt, decrypt, wrapKey, unwrapKey and sign examples: bodies and results") {
        for (const char* name : {"encrypt", "decrypt", "wrapKey", "unwrapKey", "sign"}) {
            CAPTURE(name);
            Fixture f;
            Example ex(name);
            ex.respondOn(*f.fake);
            auto client = f.client(keyIdOf(ex));
            const auto& params = ex.parameter("parameters");
            const std::string alg = str(params["alg"]);
            const auto value = b64(params["value"]);
            const auto expected = b64(ex.body()["value"]);
            const std::string kid = str(ex.body()["kid"]);
            const std::string op(name);
            if (op == "encrypt") {
                auto r = client.encrypt(alg, value);
                CHECK(r.ciphertext == expected);
                CHECK(r.keyId == kid);
            } else if (op == "decrypt") {
                auto r = client.decrypt(alg, value);
                CHECK(std::vector<std::uint8_t>(r.plaintext.reveal().begin(), r.plaintext.reveal().end()) ==
                      expected);
            } else if (op == "wrapKey") {
                CHECK(client.wrapKey(alg, value).encryptedKey == expected);
            } else if (op == "unwrapKey") {
                auto r = client.unwrapKey(alg, value);
                CHECK(std::vector<std::uint8_t>(r.key.reveal().begin(), r.key.reveal().end()) == expected);
            } else {
                auto r = client.sign(alg, value);
                CHECK(r.signature == expected);
                CHECK(r.algorithm == "RS512");
            }
            const auto sent = f.fake->requests().at(0);
            std::string lower = op;
            for (auto& c : lower) c = static_cast<char>(std::tolower(c));
            CHECK(sent.url == keyIdOf(ex) + "/" + lower + "?api-version=7.5");
            auto body = bodyOf(sent);
            CHECK(jsonContains(body, params));
            CHECK(jsonContains(params, body));
        }
    }

    TEST_CASE("verify sends alg, digest and value and reads the verify example") {
        Fixture f;
        Example ex("verify");
        ex.respondOn(*f.fake);
        auto client = f.client(keyIdOf(ex));
        const auto digest = sha256("data");
        const std::vector<std::uint8_t> signature(256, 7);
        CHECK(client.verify("RS256", digest, signature).isValid);
        auto body = bodyOf(f.fake->requests().at(0));
        CHECK(str(body["alg"]) == "RS256");
        CHECK(b64(body["digest"]) == digest);
        CHECK(b64(body["value"]) == signature);
    }

    TEST_CASE("signData hashes locally and sends only the digest") {
        Fixture f;
        Example ex("sign");
        ex.respondOn(*f.fake);
        f.client(keyIdOf(ex)).signData("ES256", bytes("hello"));
        auto body = bodyOf(f.fake->requests().at(0));
        CHECK(b64(body["value"]) == sha256("hello"));
    }

    TEST_CASE("AES-GCM and CBC parameters go through: iv, aad, tag") {
        Fixture f;
        f.fake->queue.respond(
            200,
            R"({"kid":"https://myvault.vault.azure.net/keys/k/1","value":"AQID","iv":"BAU","tag":"Bgc"})");
        auto client = f.client("https://myvault.vault.azure.net/keys/k/1");
        const std::vector<std::uint8_t> plain{9, 9};
        EncryptParameters p{
            .algorithm = "A256GCM", .plaintext = plain, .iv = {}, .additionalAuthenticatedData = {1}};
        auto r = client.encrypt(p);
        CHECK(r.ciphertext == std::vector<std::uint8_t>{1, 2, 3});
        CHECK(r.iv == std::vector<std::uint8_t>{4, 5});
        CHECK(r.authenticationTag == std::vector<std::uint8_t>{6, 7});
        CHECK(r.additionalAuthenticatedData == std::vector<std::uint8_t>{1});
        CHECK(str(bodyOf(f.fake->requests().at(0))["aad"]) == "AQ");
    }

    TEST_CASE("bad algorithms, digests, IVs and tags are refused before sending") {
        Fixture f;
        auto client = f.client("https://myvault.vault.azure.net/keys/k/1");
        const std::vector<std::uint8_t> data(16, 1);
        CHECK_THROWS_AS(client.encrypt("ROT13", data), InvalidArgument);
        CHECK_THROWS_AS(client.encrypt("A128CBC", data), InvalidArgument); // no iv
        CHECK_THROWS_AS(
            client.decrypt(DecryptParameters{.algorithm = "A128GCM", .ciphertext = data, .iv = data}),
            InvalidArgument); // no tag
        CHECK_THROWS_AS(client.sign("RS256", std::vector<std::uint8_t>(31)), InvalidArgument);
        CHECK_THROWS_AS(client.sign("HS999", std::vector<std::uint8_t>(32)), InvalidArgument);
        CHECK_THROWS_AS(client.wrapKey("A128GCM", data), InvalidArgument);
        CHECK(f.fake->queue.count() == 0);
        CHECK_THROWS_AS(f.client("https://myvault.vault.azure.net/secrets/k/1"), InvalidArgument);
        CHECK_THROWS_AS(f.client("http://myvault.vault.azure.net/keys/k"), InvalidArgument);
    }

    TEST_CASE("secureWrapKey and secureUnwrapKey: 2026-04-01 only, bodies and results") {
        Fixture f;
        const std::string kid = "https://myvault.vault.azure.net/keys/k/1";
        f.fake->queue.respond(200, R"({"kid":")" + kid + R"(","alg":"RSA-OAEP-256","value":"AQID"})");
        f.fake->queue.respond(200, R"({"kid":")" + kid + R"(","alg":"RSA-OAEP-256","value":"BAUG"})");
        CryptographyClientOptions o;
        static_cast<KeyVaultClientOptions&>(o) = optionsOver(f.fake, "2026-04-01");
        CryptographyClient client(kid, fakeCredential(), o);
        auto wrapped = client.secureWrapKey("RSA-OAEP-256");
        CHECK(wrapped.encryptedKey == std::vector<std::uint8_t>{1, 2, 3});
        CHECK(wrapped.keyId == kid);
        auto unwrapped = client.secureUnwrapKey("RSA-OAEP-256", wrapped.encryptedKey, "maa-token");
        CHECK(std::vector<std::uint8_t>(unwrapped.key.reveal().begin(), unwrapped.key.reveal().end()) ==
              std::vector<std::uint8_t>{4, 5, 6});
        const auto sent = f.fake->requests();
        REQUIRE(sent.size() == 2);
        CHECK(sent[0].url == kid + "/securewrapkey?api-version=2026-04-01");
        auto wrapBody = bodyOf(sent[0]);
        CHECK(str(wrapBody["alg"]) == "RSA-OAEP-256");
        CHECK_FALSE(wrapBody.HasMember("value"));
        CHECK(sent[1].url == kid + "/secureunwrapkey?api-version=2026-04-01");
        auto unwrapBody = bodyOf(sent[1]);
        CHECK(str(unwrapBody["value"]) == "AQID");
        CHECK(str(unwrapBody["target"]) == "maa-token");

        CHECK_THROWS_AS(client.secureUnwrapKey("RSA-OAEP-256", wrapped.encryptedKey, ""), InvalidArgument);
        CHECK_THROWS_AS(client.secureUnwrapKey("RSA-OAEP-256", {}, "maa-token"), InvalidArgument);
        CHECK_THROWS_AS(client.secureWrapKey("A128GCM"), InvalidArgument);
        CHECK_THROWS_AS(f.client(kid).secureWrapKey("RSA-OAEP-256"), InvalidArgument); // 7.5
        CHECK(f.fake->requests().size() == 2);
    }

    TEST_CASE("a key id without version is resolved once with a GET, then operations use the version") {
        Fixture f;
        Example get("GetKey"), sign("sign");
        get.respondOn(*f.fake);
        sign.respondOn(*f.fake);
        sign.respondOn(*f.fake);
        auto client = f.client("https://myvault.vault.azure.net/keys/CreateSoftKeyTest");
        client.sign("RS256", sha256("a"));
        client.sign("RS256", sha256("b"));
        const auto sent = f.fake->requests();
        REQUIRE(sent.size() == 3);
        CHECK(sent[0].method == http::Method::Get);
        CHECK(sent[1].url == "https://myvault.vault.azure.net/keys/CreateSoftKeyTest/"
                             "78deebed173b48e48f55abf87ed4cf71/sign?api-version=7.5");
    }

    TEST_CASE("local RSA encrypt and wrap with a given public key: no network, OpenSSL decrypts") {
        auto key = rsaKey();
        Fixture f;
        CryptographyClientOptions o;
        o.localPublicOperations = true;
        o.publicKey = key->jwk;
        auto client = f.client(key->jwk.kid, o);
        const std::string secret = "attack at dawn";
        for (const char* alg : {"RSA1_5", "RSA-OAEP", "RSA-OAEP-256"}) {
            CAPTURE(alg);
            auto r = client.encrypt(alg, bytes(secret));
            CHECK(r.keyId == key->jwk.kid);
            CHECK(r.ciphertext.size() == 256);
            EVP_PKEY_CTX* ctx = EVP_PKEY_CTX_new(key->pkey, nullptr);
            REQUIRE(EVP_PKEY_decrypt_init(ctx) == 1);
            if (std::string(alg) == "RSA1_5") {
                EVP_PKEY_CTX_set_rsa_padding(ctx, RSA_PKCS1_PADDING);
            } else {
                EVP_PKEY_CTX_set_rsa_padding(ctx, RSA_PKCS1_OAEP_PADDING);
                if (std::string(alg) == "RSA-OAEP-256") {
                    EVP_PKEY_CTX_set_rsa_oaep_md(ctx, EVP_sha256());
                    EVP_PKEY_CTX_set_rsa_mgf1_md(ctx, EVP_sha256());
                }
            }
            std::vector<std::uint8_t> out(256);
            std::size_t size = out.size();
            REQUIRE(EVP_PKEY_decrypt(ctx, out.data(), &size, r.ciphertext.data(), r.ciphertext.size()) == 1);
            EVP_PKEY_CTX_free(ctx);
            CHECK(std::string(out.begin(), out.begin() + static_cast<long>(size)) == secret);
        }
        CHECK(client.wrapKey("RSA-OAEP", std::vector<std::uint8_t>(32, 5)).encryptedKey.size() == 256);
        CHECK(f.fake->queue.count() == 0);
    }

    TEST_CASE("local verify: RS256, PS256 and ES256 signatures made by OpenSSL; tampering fails") {
        auto rsa = rsaKey();
        auto ec = ecKey();
        Fixture f;
        const auto digest = sha256("message");
        CryptographyClientOptions o;
        o.localPublicOperations = true;
        o.publicKey = rsa->jwk;
        auto rsaClient = f.client(rsa->jwk.kid, o);
        CHECK(rsaClient.verify("RS256", digest, opensslSign(rsa->pkey, digest, false)).isValid);
        auto pss = opensslSign(rsa->pkey, digest, true);
        CHECK(rsaClient.verify("PS256", digest, pss).isValid);
        CHECK(rsaClient.verifyData("PS256", bytes("message"), pss).isValid);
        pss[10] ^= 1;
        CHECK_FALSE(rsaClient.verify("PS256", digest, pss).isValid);

        o.publicKey = ec->jwk;
        auto ecClient = f.client(ec->jwk.kid, o);
        auto der = opensslSign(ec->pkey, digest, false);
        const unsigned char* p = der.data();
        ECDSA_SIG* sig = d2i_ECDSA_SIG(nullptr, &p, static_cast<long>(der.size()));
        REQUIRE(sig != nullptr);
        std::vector<std::uint8_t> raw(64);
        BN_bn2binpad(ECDSA_SIG_get0_r(sig), raw.data(), 32);
        BN_bn2binpad(ECDSA_SIG_get0_s(sig), raw.data() + 32, 32);
        ECDSA_SIG_free(sig);
        CHECK(ecClient.verify("ES256", digest, raw).isValid);
        raw[40] ^= 1;
        CHECK_FALSE(ecClient.verify("ES256", digest, raw).isValid);
        CHECK(f.fake->queue.count() == 0);
    }

    TEST_CASE("with localPublicOperations and no key given, the key is fetched once") {
        Fixture f;
        Example("GetKey").respondOn(*f.fake);
        CryptographyClientOptions o;
        o.localPublicOperations = true;
        auto client = f.client(
            "https://myvault.vault.azure.net/keys/CreateSoftKeyTest/78deebed173b48e48f55abf87ed4cf71", o);
        CHECK(client.encrypt("RSA-OAEP", bytes("x")).ciphertext.size() == 256);
        CHECK(client.encrypt("RSA-OAEP", bytes("y")).ciphertext.size() == 256);
        CHECK(f.fake->queue.count() == 1);
    }
}
