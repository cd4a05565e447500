// SPDX-License-Identifier: MIT
// SecretClient, KeyClient and CryptographyClient against the emulator over verified TLS.
#include <kvbridge/keyvault/cryptography_client.hpp>
#include <kvbridge/keyvault/key_client.hpp>
#include <kvbridge/keyvault/secret_client.hpp>

#include <doctest/doctest.h>

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>

#include <algorithm>
#include <set>

#include "credentials.hpp"
#include "emulator.hpp"

using namespace kvb;
using namespace kvb::keyvault;

namespace {

constexpr PollOptions kPoll{.interval = std::chrono::milliseconds(20)};

KeyVaultClientOptions vaultOptions() {
    KeyVaultClientOptions o;
    o.client = test::emulatorClientOptions();
    return o;
}

std::string vault(std::string_view name) {
    return test::Emulator::shared().vaultUrl(name);
}

SecretClient secrets(std::string_view vaultName) {
    return SecretClient(vault(vaultName), test::emulatorCredential(), vaultOptions());
}
KeyClient keys(std::string_view vaultName) {
    return KeyClient(vault(vaultName), test::emulatorCredential(), vaultOptions());
}

std::span<const std::uint8_t> bytes(std::string_view s) {
    return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}

template <class F>
void expectServiceError(F&& call, int status, const std::string& code) {
    try {
        call();
        FAIL("no exception");
    } catch (const ServiceError& e) {
        CHECK(e.httpStatus() == status);
        const auto inner = e.info().values.find("innererror");
        const bool codeMatches =
            e.serviceCode() == code || (inner != e.info().values.end() && inner->second == code);
        CHECK(codeMatches);
        CHECK_FALSE(e.serviceMessage().empty());
        CHECK_FALSE(e.requestId().empty()); // the vault's x-ms-request-id
        CHECK_FALSE(e.clientRequestId().empty());
        CHECK(std::string(e.what()).find(e.requestId()) != std::string::npos);
    }
}

/** base64url text to its bytes as a string, with OpenSSL (independent of the client's decoder). */
std::string fromBase64Url(std::string text) {
    for (auto& c : text) c = c == '-' ? '+' : c == '_' ? '/' : c;
    while (text.size() % 4 != 0) text += '=';
    std::string out(text.size() / 4 * 3, '\0');
    const int n =
        EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                        reinterpret_cast<const unsigned char*>(text.data()), static_cast<int>(text.size()));
    REQUIRE(n >= 0);
    const auto pad = static_cast<std::size_t>(std::count(text.end() - 2, text.end(), '='));
    out.resize(static_cast<std::size_t>(n) - pad);
    return out;
}

std::vector<std::uint8_t> revealed(const SecretBytes& secret) {
    return {secret.reveal().begin(), secret.reveal().end()};
}

/** OpenSSL verification of a JWS-form signature with the JWK's public key (independent of the client). */
bool opensslVerify(const JsonWebKey& jwk, const char* md, std::span<const std::uint8_t> digest,
                   std::span<const std::uint8_t> signature) {
    OSSL_PARAM_BLD* bld = OSSL_PARAM_BLD_new();
    BIGNUM* n = BN_bin2bn(jwk.n.data(), static_cast<int>(jwk.n.size()), nullptr);
    BIGNUM* e = BN_bin2bn(jwk.e.data(), static_cast<int>(jwk.e.size()), nullptr);
    OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_RSA_N, n);
    OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_RSA_E, e);
    OSSL_PARAM* params = OSSL_PARAM_BLD_to_param(bld);
    EVP_PKEY_CTX* fromdata = EVP_PKEY_CTX_new_from_name(nullptr, "RSA", nullptr);
    EVP_PKEY* pkey = nullptr;
    EVP_PKEY_fromdata_init(fromdata);
    EVP_PKEY_fromdata(fromdata, &pkey, EVP_PKEY_PUBLIC_KEY, params);
    EVP_PKEY_CTX* ctx = EVP_PKEY_CTX_new(pkey, nullptr);
    EVP_PKEY_verify_init(ctx);
    EVP_PKEY_CTX_set_signature_md(ctx, EVP_get_digestbyname(md));
    const bool ok =
        EVP_PKEY_verify(ctx, signature.data(), signature.size(), digest.data(), digest.size()) == 1;
    EVP_PKEY_CTX_free(ctx);
    EVP_PKEY_free(pkey);
    EVP_PKEY_CTX_free(fromdata);
    OSSL_PARAM_free(params);
    OSSL_PARAM_BLD_free(bld);
    BN_free(n);
    BN_free(e);
    return ok;
}

} // namespace

TEST_SUITE("e2e::keyvault::secrets") {
    TEST_CASE("set, get (latest and version), update properties") {
        auto client = secrets("e2esec1");
        SetSecretOptions o;
        o.contentType = "text/plain";
        o.tags = {{"env", "test"}};
        auto v1 = client.setSecret("db-password", SecretString("s3cret-1"), o);
        auto v2 = client.setSecret("db-password", SecretString("s3cret-2"));
        CHECK(v1->properties.name == "db-password");
        CHECK(v1->properties.contentType == "text/plain");
        CHECK(v1->properties.tags.at("env") == "test");
        CHECK(v1->properties.createdOn.has_value());
        CHECK(v1->properties.version != v2->properties.version);
        CHECK(client.getSecret("db-password")->value.reveal() == "s3cret-2");
        CHECK(client.getSecret("db-password", v1->properties.version)->value.reveal() == "s3cret-1");

        UpdateSecretPropertiesOptions u;
        u.enabled = false;
        u.contentType = "application/json";
        auto updated = client.updateSecretProperties("db-password", v1->properties.version, u);
        CHECK(updated->enabled == false);
        CHECK(updated->contentType == "application/json");
    }

    TEST_CASE("paging across at least three pages with maxResults") {
        auto client = secrets("e2esec2");
        for (int i = 0; i < 7; ++i) client.setSecret("page-" + std::to_string(i), SecretString("v"));
        for (int i = 0; i < 5; ++i) client.setSecret("versions", SecretString("v" + std::to_string(i)));
        auto pager = client.listPropertiesOfSecrets({.maxResults = 3});
        int pages = 0;
        std::set<std::string> names;
        for (; pager.hasPage(); pager.moveToNextPage()) {
            ++pages;
            CHECK(pager.page().items.size() <= 3);
            for (const auto& p : pager.page().items) names.insert(p.name);
        }
        CHECK(pages >= 3);
        CHECK(names.size() == 8);
        auto versions = client.listPropertiesOfSecretVersions("versions", {.maxResults = 2}).collect();
        CHECK(versions.size() == 5);
    }

    TEST_CASE("delete -> get deleted -> recover -> get; delete -> purge; errors") {
        auto client = secrets("e2esec3");
        client.setSecret("to-recover", SecretString("keep-me"));
        auto del = client.startDeleteSecret("to-recover");
        del.pollUntilDone(kPoll);
        CHECK(del.value().recoveryId.has_value());
        CHECK(client.getDeletedSecret("to-recover")->properties.name == "to-recover");
        CHECK(client.listDeletedSecrets().collect().size() == 1);
        expectServiceError([&] { client.getSecret("to-recover"); }, 404, "SecretNotFound");
        expectServiceError([&] { client.setSecret("to-recover", SecretString("x")); }, 409,
                           "ObjectIsDeletedButRecoverable");
        CHECK_THROWS_AS(client.setSecret("to-recover", SecretString("x")), ConflictError);
        auto rec = client.startRecoverDeletedSecret("to-recover");
        rec.pollUntilDone(kPoll);
        CHECK(client.getSecret("to-recover")->value.reveal() == "keep-me");

        client.setSecret("to-purge", SecretString("bye"));
        client.startDeleteSecret("to-purge").pollUntilDone(kPoll);
        CHECK(client.purgeDeletedSecret("to-purge").status == 204);
        CHECK_THROWS_AS(client.getDeletedSecret("to-purge"), NotFoundError);
    }

    TEST_CASE("backup -> delete -> purge -> restore") {
        auto client = secrets("e2esec4");
        client.setSecret("backed-up", SecretString("precious"));
        auto blob = client.backupSecret("backed-up");
        CHECK_FALSE(blob->empty());
        client.startDeleteSecret("backed-up").pollUntilDone(kPoll);
        client.purgeDeletedSecret("backed-up");
        auto restored = client.restoreSecretBackup(*blob);
        CHECK(restored->name == "backed-up");
        CHECK(client.getSecret("backed-up")->value.reveal() == "precious");
    }

    TEST_CASE("throttling surfaces as ThrottledError with code, message and client request id") {
        test::Emulator::shared().control("POST", "throttle",
                                         R"({"vault":"e2esec5","writes":1,"windowSeconds":60})");
        auto o = vaultOptions();
        o.client.retry.maxRetries = 0;
        SecretClient client(vault("e2esec5"), test::emulatorCredential(), o);
        client.setSecret("t", SecretString("first write fits the budget"));
        try {
            client.setSecret("t", SecretString("v"));
            FAIL("no exception");
        } catch (const ThrottledError& e) {
            CHECK(e.httpStatus() == 429);
            CHECK(e.serviceCode() == "Throttled");
            CHECK_FALSE(e.serviceMessage().empty());
            CHECK_FALSE(e.clientRequestId().empty());
        }
    }

    TEST_CASE("a vault that quotes the submitted secret back in its error: the value stays out") {
        const std::string value = "echoed-secret-value-7f3a";
        auto client = secrets("e2esec6");
        client.setSecret("first", SecretString("the challenge is settled, so the next PUT has its body"));
        test::Emulator::shared().control(
            "POST", "faults", R"({"method":"PUT","path":"/secrets/echoed","status":400,"echoBody":true})");
        try {
            client.setSecret("echoed", SecretString(value));
            FAIL("no exception");
        } catch (const ServiceError& e) {
            CHECK(e.httpStatus() == 400);
            // The emulator did quote the body (its JSON shape survives), without the value.
            CHECK(e.serviceMessage().find(R"("value":"[redacted]")") != std::string::npos);
            CHECK(e.serviceMessage().find(value) == std::string::npos);
            CHECK(std::string(e.what()).find(value) == std::string::npos);
            CHECK_FALSE(e.requestId().empty());
        }
    }
}

TEST_SUITE("e2e::keyvault::keys") {
    TEST_CASE("create RSA/EC/oct, get, update, list, rotate, rotation policy, random bytes") {
        auto client = keys("e2ekey1");
        auto rsa = client.createRsaKey("rsa", {.keySize = 2048});
        CHECK(rsa->key.kty == "RSA");
        CHECK(rsa->key.n.size() == 256);
        auto ec = client.createEcKey("ec", {.curve = KeyCurveName::P384});
        CHECK(ec->key.crv == "P-384");
        CHECK(ec->key.x.size() == 48);
        auto oct = client.createOctKey("oct", {.keySize = 256});
        CHECK(oct->key.kty == "oct");
        CHECK(client.getKey("rsa")->key.n == rsa->key.n);

        UpdateKeyPropertiesOptions u;
        u.tags = std::map<std::string, std::string>{{"owner", "me"}};
        u.keyOps = std::vector<std::string>{"sign", "verify"};
        auto updated = client.updateKeyProperties("rsa", rsa->properties.version, u);
        CHECK(updated->properties.tags.at("owner") == "me");
        CHECK(updated->key.keyOps.size() == 2);

        auto rotated = client.rotateKey("rsa");
        CHECK(rotated->properties.version != rsa->properties.version);
        CHECK(client.listPropertiesOfKeyVersions("rsa").collect().size() == 2);
        CHECK(client.listPropertiesOfKeys({.maxResults = 1}).collect().size() == 3);

        KeyRotationPolicy policy;
        policy.lifetimeActions = {{.action = "Rotate", .timeAfterCreate = "P90D", .timeBeforeExpiry = {}}};
        policy.expiresIn = "P2Y";
        auto saved = client.updateKeyRotationPolicy("rsa", policy);
        CHECK(saved->expiresIn == "P2Y");
        auto read = client.getKeyRotationPolicy("rsa");
        REQUIRE(read->lifetimeActions.size() == 1);
        CHECK(read->lifetimeActions[0].timeAfterCreate == "P90D");

        CHECK(client.getRandomBytes(32)->size() == 32);
    }

    TEST_CASE("import a JWK, delete -> get deleted -> recover -> get, delete -> purge, backup -> restore") {
        auto client = keys("e2ekey2");
        auto made = client.createRsaKey("source");
        JsonWebKey jwk;
        jwk.kty = "oct";
        jwk.k = SecretBytes(std::vector<std::uint8_t>(32, 0x42));
        auto imported = client.importKey("imported", jwk);
        CHECK(imported->key.kty == "oct");
        CHECK(imported->key.k.empty()); // the vault never returns key material

        client.startDeleteKey("source").pollUntilDone(kPoll);
        CHECK(client.getDeletedKey("source")->recoveryId.has_value());
        CHECK(client.listDeletedKeys().collect().size() == 1);
        expectServiceError([&] { client.createRsaKey("source"); }, 409, "ObjectIsDeletedButRecoverable");
        client.startRecoverDeletedKey("source").pollUntilDone(kPoll);
        CHECK(client.getKey("source")->key.n == made->key.n);

        auto blob = client.backupKey("source");
        client.startDeleteKey("source").pollUntilDone(kPoll);
        client.purgeDeletedKey("source");
        expectServiceError([&] { client.getKey("source"); }, 404, "KeyNotFound");
        auto restored = client.restoreKeyBackup(*blob);
        CHECK(restored->key.n == made->key.n);
    }

    TEST_CASE("crypto: encrypt/decrypt round trip, wrap/unwrap, sign remotely and verify with OpenSSL") {
        auto client = keys("e2ekey3");
        auto rsa = client.createRsaKey("crypto");
        CryptographyClientOptions o;
        o.client = test::emulatorClientOptions();
        CryptographyClient crypto(rsa->key.kid, test::emulatorCredential(), o);
        const std::string message = "the quick brown fox";
        for (const char* alg : {"RSA-OAEP", "RSA-OAEP-256", "RSA1_5"}) {
            CAPTURE(alg);
            auto enc = crypto.encrypt(alg, bytes(message));
            CHECK(enc.ciphertext.size() == 256);
            auto dec = crypto.decrypt(alg, enc.ciphertext);
            CHECK(std::string(dec.plaintext.reveal().begin(), dec.plaintext.reveal().end()) == message);
        }
        const std::vector<std::uint8_t> cek(32, 9);
        auto wrapped = crypto.wrapKey("RSA-OAEP-256", cek);
        auto unwrapped = crypto.unwrapKey("RSA-OAEP-256", wrapped.encryptedKey);
        CHECK(std::vector<std::uint8_t>(unwrapped.key.reveal().begin(), unwrapped.key.reveal().end()) == cek);

        auto signature = crypto.signData("RS256", bytes(message));
        std::vector<std::uint8_t> digest(32);
        EVP_Digest(message.data(), message.size(), digest.data(), nullptr, EVP_sha256(), nullptr);
        CHECK(opensslVerify(rsa->key, "SHA256", digest, signature.signature));
        CHECK(crypto.verifyData("RS256", bytes(message), signature.signature).isValid);
        CHECK_FALSE(crypto.verifyData("RS256", bytes("another message"), signature.signature).isValid);

        // Local public operations: the vault decrypts what OpenSSL encrypted here.
        o.localPublicOperations = true;
        o.publicKey = rsa->key;
        CryptographyClient local(rsa->key.kid, test::emulatorCredential(), o);
        auto enc = local.encrypt("RSA-OAEP", bytes(message));
        auto dec = crypto.decrypt("RSA-OAEP", enc.ciphertext);
        CHECK(std::string(dec.plaintext.reveal().begin(), dec.plaintext.reveal().end()) == message);
        CHECK(local.verifyData("RS256", bytes(message), signature.signature).isValid);

        auto ec = client.createEcKey("ec-sign", {.curve = KeyCurveName::P256});
        CryptographyClientOptions eo;
        eo.client = test::emulatorClientOptions();
        eo.localPublicOperations = true;
        CryptographyClient ecCrypto(ec->key.kid, test::emulatorCredential(), eo);
        auto ecSig = ecCrypto.signData("ES256", bytes(message));
        CHECK(ecSig.signature.size() == 64);
        CHECK(ecCrypto.verifyData("ES256", bytes(message), ecSig.signature).isValid);
    }

    TEST_CASE("AES-GCM encrypt/decrypt with aad and tag using an oct-HSM key") {
        auto client = keys("e2ekey4");
        auto oct = client.createOctKey("aes", {.keySize = 256, .hardwareProtected = true});
        CryptographyClientOptions o;
        o.client = test::emulatorClientOptions();
        CryptographyClient crypto(oct->key.kid, test::emulatorCredential(), o);
        const std::vector<std::uint8_t> plain{1, 2, 3, 4, 5};
        auto enc = crypto.encrypt(EncryptParameters{
            .algorithm = "A256GCM", .plaintext = plain, .iv = {}, .additionalAuthenticatedData = {7, 7}});
        CHECK_FALSE(enc.authenticationTag.empty());
        auto dec = crypto.decrypt(DecryptParameters{.algorithm = "A256GCM",
                                                    .ciphertext = enc.ciphertext,
                                                    .iv = enc.iv,
                                                    .additionalAuthenticatedData = {7, 7},
                                                    .authenticationTag = enc.authenticationTag});
        CHECK(std::vector<std::uint8_t>(dec.plaintext.reveal().begin(), dec.plaintext.reveal().end()) ==
              plain);
    }

    TEST_CASE("release an exportable key; a key that is not exportable is refused with 403") {
        auto client = keys("e2ekey5");
        KeyReleasePolicy policy;
        const std::string document =
            R"({"version":"1.0.0","anyOf":[{"authority":"https://attest.localhost","allOf":[{"claim":"x-ms-sevsnpvm-is-debuggable","equals":false}]}]})";
        policy.encodedPolicy.assign(document.begin(), document.end());
        auto key = client.createRsaKey(
            "releasable", {.exportable = true, .releasePolicy = policy, .hardwareProtected = true});
        CHECK(key->properties.exportable == std::optional<bool>(true));
        REQUIRE(key->properties.releasePolicy.has_value());
        CHECK(key->properties.releasePolicy->encodedPolicy == policy.encodedPolicy);

        auto released = client.releaseKey("releasable", key->properties.version, "attestation-token",
                                          {.nonce = std::string("n-0123")});
        const std::string jws(released->value.reveal());
        REQUIRE(std::count(jws.begin(), jws.end(), '.') == 2);
        const auto first = jws.find('.');
        const std::string claims = fromBase64Url(jws.substr(first + 1, jws.rfind('.') - first - 1));
        CHECK(claims.find(R"("nonce":"n-0123")") != std::string::npos);
        CHECK(claims.find(key->key.kid) != std::string::npos);
        CHECK(claims.find(R"("d":)") != std::string::npos); // the private key travels in the release

        auto plain = client.createRsaKey("not-exportable");
        expectServiceError([&] { client.releaseKey("not-exportable", plain->properties.version, "token"); },
                           403, "Forbidden");
        CHECK_THROWS_AS(client.releaseKey("releasable", key->properties.version, ""), InvalidArgument);
    }

    TEST_CASE("key attestation of an HSM key; a software key has none") {
        auto client = keys("e2ekey6");
        auto hsm = client.createEcKey("attested", {.curve = KeyCurveName::P256, .hardwareProtected = true});
        auto attested = client.getKeyAttestation("attested");
        REQUIRE(attested->properties.attestation.has_value());
        const auto& a = *attested->properties.attestation;
        const std::string pem(a.certificatePemFile.begin(), a.certificatePemFile.end());
        CHECK(pem.starts_with("-----BEGIN CERTIFICATE-----"));
        CHECK_FALSE(a.publicKeyAttestation.empty());
        CHECK(attested->key.x == hsm->key.x);

        client.createEcKey("software", {.curve = KeyCurveName::P256});
        expectServiceError([&] { client.getKeyAttestation("software"); }, 400, "BadParameter");
        KeyVaultClientOptions old = vaultOptions();
        old.apiVersion = "7.5";
        KeyClient older(vault("e2ekey6"), test::emulatorCredential(), old);
        CHECK_THROWS_AS(older.getKeyAttestation("attested"), InvalidArgument);
    }

    TEST_CASE("secure wrap makes a key the vault can unwrap both ways") {
        auto client = keys("e2ekey7");
        auto rsa = client.createRsaKey("kek", {.hardwareProtected = true});
        CryptographyClientOptions o;
        o.client = test::emulatorClientOptions();
        CryptographyClient crypto(rsa->key.kid, test::emulatorCredential(), o);
        auto wrapped = crypto.secureWrapKey("RSA-OAEP-256");
        CHECK(wrapped.encryptedKey.size() == 256);
        auto plain = crypto.unwrapKey("RSA-OAEP-256", wrapped.encryptedKey);
        CHECK(plain.key.reveal().size() == 32);
        auto secure = crypto.secureUnwrapKey("RSA-OAEP-256", wrapped.encryptedKey, "attestation-token");
        CHECK(revealed(secure.key) == revealed(plain.key));
        // A second secure wrap makes a different AES key.
        CHECK(revealed(
                  crypto.unwrapKey("RSA-OAEP-256", crypto.secureWrapKey("RSA-OAEP-256").encryptedKey).key) !=
              revealed(plain.key));
    }
}
