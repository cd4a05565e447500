// SPDX-License-Identifier: MIT
// Test material (keys, certificates, PFX, PEM, PKCS#1) is made here with the OpenSSL API.
#include "kv_test_util.hpp"

#include <openssl/encoder.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/pkcs12.h>
#include <openssl/sha.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <memory>

using namespace kvtest;
using emu::kv::base64;
using emu::kv::base64Decode;
using emu::kv::base64url;

namespace {

struct KeyFree {
    void operator()(EVP_PKEY* k) const { EVP_PKEY_free(k); }
};
struct CertFree {
    void operator()(X509* x) const { X509_free(x); }
};
using Key = std::unique_ptr<EVP_PKEY, KeyFree>;
using Cert = std::unique_ptr<X509, CertFree>;

Key rsaKey() {
    return Key(EVP_RSA_gen(2048));
}

// A certificate for subject's public key, issued by issuerKey (self-signed when issuerCert is
// null).
Cert issue(EVP_PKEY* subjectKey, const char* cn, EVP_PKEY* issuerKey, X509* issuerCert, bool ca = false) {
    Cert x(X509_new());
    X509_set_version(x.get(), 2);
    ASN1_INTEGER_set(X509_get_serialNumber(x.get()), ca ? 1 : 2);
    X509_gmtime_adj(X509_getm_notBefore(x.get()), 0);
    X509_gmtime_adj(X509_getm_notAfter(x.get()), 86400L * 365);
    X509_NAME* name = X509_get_subject_name(x.get());
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char*>(cn), -1, -1,
                               0);
    X509_set_issuer_name(x.get(), issuerCert ? X509_get_subject_name(issuerCert) : name);
    X509_set_pubkey(x.get(), subjectKey);
    X509_sign(x.get(), issuerKey, EVP_sha256());
    return x;
}

std::string der(X509* x) {
    int len = i2d_X509(x, nullptr);
    std::string out(static_cast<std::size_t>(len), '\0');
    auto* p = reinterpret_cast<unsigned char*>(out.data());
    i2d_X509(x, &p);
    return out;
}

std::string sha1Url(const std::string& bytes) {
    unsigned char d[SHA_DIGEST_LENGTH];
    SHA1(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), d);
    return base64url(std::string(reinterpret_cast<char*>(d), sizeof d));
}

std::string pfx(EVP_PKEY* key, X509* cert, const char* password) {
    PKCS12* p12 = PKCS12_create(password, "test", key, cert, nullptr, 0, 0, 0, 0, 0);
    REQUIRE(p12 != nullptr);
    int len = i2d_PKCS12(p12, nullptr);
    std::string out(static_cast<std::size_t>(len), '\0');
    auto* p = reinterpret_cast<unsigned char*>(out.data());
    i2d_PKCS12(p12, &p);
    PKCS12_free(p12);
    return out;
}

std::string bioString(BIO* bio) {
    char* data = nullptr;
    long len = BIO_get_mem_data(bio, &data);
    std::string out(data, static_cast<std::size_t>(len));
    BIO_free(bio);
    return out;
}

std::string pemCert(X509* x) {
    BIO* bio = BIO_new(BIO_s_mem());
    PEM_write_bio_X509(bio, x);
    return bioString(bio);
}

// The public key of a pending operation's CSR (base64 DER), its self-signature checked.
Key csrPublicKey(const std::string& csrBase64) {
    std::string csrDer = *base64Decode(csrBase64);
    const auto* p = reinterpret_cast<const unsigned char*>(csrDer.data());
    X509_REQ* req = d2i_X509_REQ(nullptr, &p, static_cast<long>(csrDer.size()));
    REQUIRE(req != nullptr);
    Key key(X509_REQ_get_pubkey(req));
    CHECK(X509_REQ_verify(req, key.get()) == 1);
    X509_REQ_free(req);
    return key;
}

std::string pkcs8(EVP_PKEY* k) {
    BIO* bio = BIO_new(BIO_s_mem());
    PEM_write_bio_PrivateKey(bio, k, nullptr, nullptr, 0, nullptr, nullptr);
    return bioString(bio);
}

// "BEGIN RSA PRIVATE KEY" (PKCS#1), as older tools write it.
std::string pkcs1(EVP_PKEY* k) {
    OSSL_ENCODER_CTX* ctx =
        OSSL_ENCODER_CTX_new_for_pkey(k, OSSL_KEYMGMT_SELECT_KEYPAIR, "PEM", "type-specific", nullptr);
    unsigned char* data = nullptr;
    size_t len = 0;
    REQUIRE(OSSL_ENCODER_to_data(ctx, &data, &len) == 1);
    OSSL_ENCODER_CTX_free(ctx);
    std::string out(reinterpret_cast<char*>(data), len);
    OPENSSL_free(data);
    return out;
}

// Private key and leaf certificate out of a secret's PFX (no password) or PEM value.
std::pair<Key, Cert> fromSecret(const Json& secret) {
    std::string value = secret.str("value").value_or("");
    if (secret.str("contentType") == "application/x-pem-file") {
        BIO* bio = BIO_new_mem_buf(value.data(), static_cast<int>(value.size()));
        Key k(PEM_read_bio_PrivateKey(bio, nullptr, nullptr, nullptr));
        BIO_free(bio);
        bio = BIO_new_mem_buf(value.data(), static_cast<int>(value.size()));
        Cert c(PEM_read_bio_X509(bio, nullptr, nullptr, nullptr));
        BIO_free(bio);
        return {std::move(k), std::move(c)};
    }
    std::string raw = *base64Decode(value);
    const auto* p = reinterpret_cast<const unsigned char*>(raw.data());
    PKCS12* p12 = d2i_PKCS12(nullptr, &p, static_cast<long>(raw.size()));
    REQUIRE(p12 != nullptr);
    EVP_PKEY* k = nullptr;
    X509* c = nullptr;
    REQUIRE(PKCS12_parse(p12, nullptr, &k, &c, nullptr) == 1);
    PKCS12_free(p12);
    return {Key(k), Cert(c)};
}

std::string vaultPath(const std::string& url) {
    return relative(url);
}

std::string importBody(const std::string& value, const std::string& pwd, const char* contentType = nullptr,
                       bool preserve = false) {
    Json b = Json::object();
    b["value"] = value;
    if (!pwd.empty()) b["pwd"] = pwd;
    if (contentType != nullptr) b["policy"]["secret_props"]["contentType"] = contentType;
    if (preserve) b["preserveCertOrder"] = true;
    return b.dump();
}

} // namespace

TEST_SUITE("emulator::keyvault certificates") {

    TEST_CASE("Self-issued create completes into a certificate with its key and secret") {
        emu::KeyVaultService svc;
        svc.setConfig({.certificateCreateDelayMs = 0, .defaultMaxResults = 25});
        auto op =
            call(svc, "POST", "/certificates/web/create",
                 R"({"policy":{"key_props":{"exportable":true,"kty":"RSA","key_size":2048,"reuse_key":false},
                       "secret_props":{"contentType":"application/x-pkcs12"},
                       "x509_props":{"subject":"CN=web.example, O=Test","sans":{"dns_names":["a.example","b.example"]},"validity_months":6},
                       "issuer":{"name":"Self"}},"tags":{"app":"web"}})");
        REQUIRE(op.status == 202);
        CHECK(op.body.str("id") == kBase + "/certificates/web/pending");
        CHECK(op.body.str("status") == "inProgress");
        CHECK(op.body["issuer"].str("name") == "Self");
        CHECK(op.body.boolean("cancellation_requested") == false);
        CHECK(op.body.has("request_id"));
        std::string csrDer = *base64Decode(*op.body.str("csr"));
        const auto* p = reinterpret_cast<const unsigned char*>(csrDer.data());
        X509_REQ* req = d2i_X509_REQ(nullptr, &p, static_cast<long>(csrDer.size()));
        REQUIRE(req != nullptr);
        X509_REQ_free(req);

        auto done = call(svc, "GET", "/certificates/web/pending");
        REQUIRE(done.status == 200);
        CHECK(done.body.str("status") == "completed");
        CHECK(done.body.str("target") == kBase + "/certificates/web");

        auto cert = call(svc, "GET", "/certificates/web/");
        REQUIRE(cert.status == 200);
        std::string cer = *base64Decode(*cert.body.str("cer"));
        CHECK(cert.body.str("x5t") == sha1Url(cer));
        CHECK(cert.body["tags"].str("app") == "web");
        CHECK(cert.body["policy"].str("id") == kBase + "/certificates/web/policy");
        CHECK(cert.body["policy"]["x509_props"].integer("validity_months") == 6);
        std::string ver = cert.body.str("id")->substr(cert.body.str("id")->rfind('/') + 1);
        CHECK(cert.body.str("kid") == kBase + "/keys/web/" + ver);
        CHECK(cert.body.str("sid") == kBase + "/secrets/web/" + ver);
        std::int64_t span = *cert.body["attributes"].integer("exp") - *cert.body["attributes"].integer("nbf");
        CHECK(span > 170 * 86400);
        CHECK(span < 190 * 86400);

        auto secret = call(svc, "GET", vaultPath(*cert.body.str("sid")));
        REQUIRE(secret.status == 200);
        CHECK(secret.body.str("contentType") == "application/x-pkcs12");
        CHECK(secret.body.boolean("managed") == true);
        CHECK(secret.body.str("kid") == cert.body.str("kid"));
        auto [key, leaf] = fromSecret(secret.body);
        REQUIRE(key);
        REQUIRE(leaf);
        CHECK(der(leaf.get()) == cer);
        CHECK(X509_check_private_key(leaf.get(), key.get()) == 1);
        CHECK(X509_check_host(leaf.get(), "b.example", 0, 0, nullptr) == 1);

        auto pem =
            call(svc, "GET", vaultPath(*cert.body.str("sid")) + "?outContentType=application/x-pem-file");
        REQUIRE(pem.status == 200);
        CHECK(pem.body.str("contentType") == "application/x-pem-file");
        CHECK(pem.body.str("value")->find("-----BEGIN PRIVATE KEY-----") != std::string::npos);
        CHECK(pem.body.str("value")->find("-----BEGIN CERTIFICATE-----") != std::string::npos);

        auto linkedKey = call(svc, "GET", vaultPath(*cert.body.str("kid")));
        REQUIRE(linkedKey.status == 200);
        CHECK(linkedKey.body.boolean("managed") == true);
        CHECK_FALSE(linkedKey.body["key"].has("d"));

        // Importing the certificate elsewhere reads its usages back into the policy.
        auto again =
            call(svc, "POST", "/certificates/web-copy/import", importBody(*secret.body.str("value"), ""));
        REQUIRE(again.status == 200);
        CHECK(again.body["policy"]["x509_props"]["ekus"].asArray().size() == 2);
        CHECK(again.body["policy"]["x509_props"]["key_usage"].asArray()[0].asString() == "digitalSignature");
        CHECK(again.body["policy"]["x509_props"].str("subject") == "CN=web.example, O=Test");
        CHECK(again.body["policy"]["x509_props"]["sans"]["dns_names"].asArray().size() == 2);

        // The certificate's secret and key cannot be changed directly.
        CHECK(call(svc, "PUT", "/secrets/web", R"({"value":"x"})").status == 409);
        CHECK(call(svc, "DELETE", "/secrets/web").status == 403);
        CHECK(call(svc, "DELETE", "/keys/web").status == 403);
    }

    TEST_CASE("a long creation delay leaves the operation in progress") {
        emu::KeyVaultService svc;
        svc.setConfig({.certificateCreateDelayMs = 600000, .defaultMaxResults = 25});
        REQUIRE(call(svc, "POST", "/certificates/slow/create",
                     R"({"policy":{"x509_props":{"subject":"CN=slow"},"issuer":{"name":"Self"}}})")
                    .status == 202);
        CHECK(call(svc, "GET", "/certificates/slow/pending").body.str("status") == "inProgress");
        // Shown as Key Vault shows a certificate awaiting its first version: no cer yet.
        auto awaiting = call(svc, "GET", "/certificates/slow/");
        CHECK(awaiting.status == 200);
        CHECK(!awaiting.body.has("cer"));
        CHECK(call(svc, "GET", "/certificates").body["value"].asArray().empty());
        CHECK(call(svc, "GET", "/certificates?includePending=true").body["value"].asArray().size() == 1);
        CHECK(call(svc, "POST", "/certificates/slow/create",
                   R"({"policy":{"x509_props":{"subject":"CN=slow"},"issuer":{"name":"Self"}}})")
                  .status == 409);
    }

    TEST_CASE("certificateRetryAfterSeconds paces the create's 202 and GETs while in progress") {
        emu::KeyVaultService svc;
        const std::string unknown =
            R"({"policy":{"x509_props":{"subject":"CN=u"},"issuer":{"name":"Unknown"}}})";
        auto plain = call(svc, "POST", "/certificates/plain/create", unknown);
        REQUIRE(plain.status == 202);
        CHECK(plain.header("Retry-After").empty());
        CHECK(call(svc, "GET", "/certificates/plain/pending").header("Retry-After").empty());

        svc.setConfig(
            {.certificateCreateDelayMs = 300, .defaultMaxResults = 25, .certificateRetryAfterSeconds = 3});
        auto paced = call(svc, "POST", "/certificates/paced/create", unknown);
        REQUIRE(paced.status == 202);
        CHECK(paced.header("Retry-After") == "3");
        auto pending = call(svc, "GET", "/certificates/paced/pending");
        CHECK(pending.body.str("status") == "inProgress");
        CHECK(pending.header("Retry-After") == "3");
        REQUIRE(
            call(svc, "PATCH", "/certificates/paced/pending", R"({"cancellation_requested":true})").status ==
            200);
        auto cancelled = call(svc, "GET", "/certificates/paced/pending");
        CHECK(cancelled.body.str("status") == "cancelled");
        CHECK(cancelled.header("Retry-After").empty());
    }

    TEST_CASE("softDeleteDelayMs: a certificate's delete and recovery show only after the delay") {
        emu::KeyVaultService svc;
        svc.setConfig({.certificateCreateDelayMs = 0, .defaultMaxResults = 25, .softDeleteDelayMs = 1500});
        REQUIRE(call(svc, "POST", "/certificates/slow/create",
                     R"({"policy":{"x509_props":{"subject":"CN=slow"},"issuer":{"name":"Self"}}})")
                    .status == 202);
        REQUIRE(call(svc, "GET", "/certificates/slow/pending").body.str("status") == "completed");
        REQUIRE(call(svc, "DELETE", "/certificates/slow").status == 200);
        CHECK(call(svc, "GET", "/deletedcertificates/slow").status == 404);
        CHECK(call(svc, "GET", "/deletedcertificates").body["value"].asArray().empty());
        CHECK(getOnceThere(svc, "/deletedcertificates/slow").status == 200);
        REQUIRE(call(svc, "POST", "/deletedcertificates/slow/recover").status == 200);
        CHECK(call(svc, "GET", "/certificates/slow").status == 404);
        CHECK(getOnceThere(svc, "/certificates/slow").status == 200);
    }

    TEST_CASE("EC certificate with a PEM secret") {
        emu::KeyVaultService svc;
        svc.setConfig({.certificateCreateDelayMs = 0, .defaultMaxResults = 25});
        REQUIRE(
            call(
                svc, "POST", "/certificates/ecc/create",
                R"({"policy":{"key_props":{"kty":"EC","crv":"P-384"},"secret_props":{"contentType":"application/x-pem-file"},"x509_props":{"subject":"CN=ecc"},"issuer":{"name":"Self"}}})")
                .status == 202);
        auto cert = call(svc, "GET", "/certificates/ecc/");
        REQUIRE(cert.status == 200);
        CHECK(cert.body.str("contentType") == "application/x-pem-file");
        auto secret = call(svc, "GET", vaultPath(*cert.body.str("sid")));
        auto [key, leaf] = fromSecret(secret.body);
        REQUIRE(key);
        CHECK(X509_check_private_key(leaf.get(), key.get()) == 1);
        CHECK(EVP_PKEY_get_bits(key.get()) == 384);
        auto pfxOut =
            call(svc, "GET", vaultPath(*cert.body.str("sid")) + "?outContentType=application/x-pkcs12");
        CHECK(pfxOut.body.str("contentType") == "application/x-pkcs12");
        CHECK(fromSecret(pfxOut.body).first);
    }

    TEST_CASE("import PFX and PEM, with x5t, wrong password and PKCS#1 refused") {
        emu::KeyVaultService svc;
        Key key = rsaKey();
        Cert cert = issue(key.get(), "imported", key.get(), nullptr);
        std::string p12 = pfx(key.get(), cert.get(), "pa55word");

        auto wrong = call(svc, "POST", "/certificates/imp/import", importBody(base64(p12), "nope"));
        CHECK(wrong.status == 400);
        CHECK(wrong.errorCode() == "BadParameter");
        CHECK(wrong.raw.find("pa55word") == std::string::npos);

        auto ok = call(svc, "POST", "/certificates/imp/import", importBody(base64(p12), "pa55word"));
        REQUIRE(ok.status == 200);
        CHECK(ok.body.str("x5t") == sha1Url(der(cert.get())));
        CHECK(*base64Decode(*ok.body.str("cer")) == der(cert.get()));
        CHECK(ok.body["policy"]["x509_props"].str("subject") == "CN=imported");
        CHECK(ok.body["policy"]["issuer"].str("name") == "Unknown");
        CHECK(ok.body["policy"]["x509_props"]["ekus"].asArray().empty());
        CHECK(ok.body["policy"]["key_props"].str("kty") == "RSA");
        auto secret = call(svc, "GET", vaultPath(*ok.body.str("sid")));
        CHECK(secret.body.str("contentType") == "application/x-pkcs12");
        auto [k2, c2] = fromSecret(secret.body);
        CHECK(EVP_PKEY_eq(k2.get(), key.get()) == 1);

        std::string pem = pkcs8(key.get()) + pemCert(cert.get());
        auto pemImport =
            call(svc, "POST", "/certificates/imp-pem/import", importBody(pem, "", "application/x-pem-file"));
        REQUIRE(pemImport.status == 200);
        CHECK(pemImport.body.str("x5t") == sha1Url(der(cert.get())));
        auto pemSecret = call(svc, "GET", vaultPath(*pemImport.body.str("sid")));
        CHECK(pemSecret.body.str("contentType") == "application/x-pem-file");
        CHECK(EVP_PKEY_eq(fromSecret(pemSecret.body).first.get(), key.get()) == 1);

        std::string rsaPem = pkcs1(key.get());
        REQUIRE(rsaPem.find("BEGIN RSA PRIVATE KEY") != std::string::npos);
        auto refused =
            call(svc, "POST", "/certificates/imp-pkcs1/import", importBody(rsaPem + pemCert(cert.get()), ""));
        CHECK(refused.status == 400);
        CHECK(refused.errorCode() == "BadParameter");
        CHECK(call(svc, "GET", "/certificates/imp-pkcs1/").status == 404);

        Key other = rsaKey();
        CHECK(call(svc, "POST", "/certificates/mismatch/import",
                   importBody(pkcs8(other.get()) + pemCert(cert.get()), ""))
                  .status == 400);
        CHECK(call(svc, "POST", "/certificates/garbage/import", importBody("%%%", "")).status == 400);
    }

    TEST_CASE("preserveCertOrder keeps the chain order given") {
        emu::KeyVaultService svc;
        Key caKey = rsaKey();
        Cert ca = issue(caKey.get(), "Test CA", caKey.get(), nullptr, true);
        Key leafKey = rsaKey();
        Cert leaf = issue(leafKey.get(), "leaf", caKey.get(), ca.get());
        std::string pem = pkcs8(leafKey.get()) + pemCert(ca.get()) + pemCert(leaf.get());
        std::string caPem = pemCert(ca.get()), leafPem = pemCert(leaf.get());

        auto kept = call(svc, "POST", "/certificates/kept/import",
                         importBody(pem, "", "application/x-pem-file", true));
        REQUIRE(kept.status == 200);
        CHECK(kept.body.boolean("preserveCertOrder") == true);
        CHECK(kept.body.str("x5t") == sha1Url(der(leaf.get())));
        std::string keptValue = *call(svc, "GET", vaultPath(*kept.body.str("sid"))).body.str("value");
        CHECK(keptValue.find(caPem) < keptValue.find(leafPem));

        auto sorted =
            call(svc, "POST", "/certificates/sorted/import", importBody(pem, "", "application/x-pem-file"));
        REQUIRE(sorted.status == 200);
        std::string sortedValue = *call(svc, "GET", vaultPath(*sorted.body.str("sid"))).body.str("value");
        CHECK(sortedValue.find(leafPem) < sortedValue.find(caPem));
    }

    TEST_CASE("Unknown issuer: CSR, merge, cancel and delete the operation") {
        emu::KeyVaultService svc;
        auto op = call(svc, "POST", "/certificates/ext/create",
                       R"({"policy":{"x509_props":{"subject":"CN=ext"},"issuer":{"name":"Unknown"}}})");
        REQUIRE(op.status == 202);
        CHECK(call(svc, "GET", "/certificates/ext/pending").body.str("status") == "inProgress");
        // Before its merge the certificate shows its policy, disabled, without a cer.
        auto awaiting = call(svc, "GET", "/certificates/ext");
        REQUIRE(awaiting.status == 200);
        CHECK(!awaiting.body.has("cer"));
        CHECK(awaiting.body["attributes"].boolean("enabled") == false);
        CHECK(awaiting.body["policy"]["issuer"].str("name") == "Unknown");
        CHECK(call(svc, "GET", "/certificates/ext/0123456789abcdef0123456789abcdef").status == 404);

        Key csrKey = csrPublicKey(*op.body.str("csr"));

        Key caKey = rsaKey();
        Cert ca = issue(caKey.get(), "Merge CA", caKey.get(), nullptr, true);
        Key stranger = rsaKey();
        Cert wrongLeaf = issue(stranger.get(), "ext", caKey.get(), ca.get());
        Json bad = Json::object();
        bad["x5c"].push(base64(der(wrongLeaf.get())));
        CHECK(call(svc, "POST", "/certificates/ext/pending/merge", bad.dump()).status == 400);

        Cert leaf = issue(csrKey.get(), "ext", caKey.get(), ca.get());
        Json merge = Json::object();
        merge["x5c"].push(base64(der(leaf.get())));
        merge["x5c"].push(base64(der(ca.get())));
        auto merged = call(svc, "POST", "/certificates/ext/pending/merge", merge.dump());
        REQUIRE(merged.status == 201);
        CHECK(merged.body.str("x5t") == sha1Url(der(leaf.get())));
        CHECK(call(svc, "GET", "/certificates/ext/pending").body.str("status") == "completed");
        auto [k, c] = fromSecret(call(svc, "GET", vaultPath(*merged.body.str("sid"))).body);
        CHECK(X509_check_private_key(leaf.get(), k.get()) == 1);

        REQUIRE(call(svc, "POST", "/certificates/cancelme/create",
                     R"({"policy":{"x509_props":{"subject":"CN=c"},"issuer":{"name":"Unknown"}}})")
                    .status == 202);
        auto cancelled =
            call(svc, "PATCH", "/certificates/cancelme/pending", R"({"cancellation_requested":true})");
        REQUIRE(cancelled.status == 200);
        CHECK(cancelled.body.str("status") == "cancelled");
        CHECK(cancelled.body.boolean("cancellation_requested") == true);
        auto removed = call(svc, "DELETE", "/certificates/cancelme/pending");
        CHECK(removed.status == 200);
        CHECK(call(svc, "GET", "/certificates/cancelme/pending").status == 404);
    }

    TEST_CASE(
        "merge: an x5c entry holding the certificate's base64 text, as the Azure SDK's sample sends it") {
        emu::KeyVaultService svc;
        auto op = call(svc, "POST", "/certificates/text/create",
                       R"({"policy":{"x509_props":{"subject":"CN=text"},"issuer":{"name":"Unknown"}}})");
        REQUIRE(op.status == 202);
        Key caKey = rsaKey();
        Cert ca = issue(caKey.get(), "Text CA", caKey.get(), nullptr, true);
        Cert leaf = issue(csrPublicKey(*op.body.str("csr")).get(), "text", caKey.get(), ca.get());
        // The PEM's lines after BEGIN, joined: the base64 body and the END line.
        std::string pem = pemCert(leaf.get()), joined;
        for (std::size_t at = pem.find('\n') + 1; at < pem.size(); ++at)
            if (pem[at] != '\n') joined += pem[at];
        Json merge = Json::object();
        merge["x5c"].push(base64(joined));
        auto merged = call(svc, "POST", "/certificates/text/pending/merge", merge.dump());
        REQUIRE(merged.status == 201);
        CHECK(merged.body.str("x5t") == sha1Url(der(leaf.get())));

        REQUIRE(call(svc, "POST", "/certificates/junk/create",
                     R"({"policy":{"x509_props":{"subject":"CN=junk"},"issuer":{"name":"Unknown"}}})")
                    .status == 202);
        Json junk = Json::object();
        junk["x5c"].push(base64("-----BEGIN CERTIFICATE-----not base64-----END CERTIFICATE-----"));
        CHECK(call(svc, "POST", "/certificates/junk/pending/merge", junk.dump()).status == 400);
    }

    TEST_CASE("policy, update, versions, delete, recover, backup and restore") {
        emu::KeyVaultService svc;
        svc.setConfig({.certificateCreateDelayMs = 0, .defaultMaxResults = 25});
        std::string create = R"({"policy":{"x509_props":{"subject":"CN=life"},"issuer":{"name":"Self"}}})";
        REQUIRE(call(svc, "POST", "/certificates/life/create", create).status == 202);
        REQUIRE(call(svc, "GET", "/certificates/life/pending").body.str("status") == "completed");
        REQUIRE(call(svc, "POST", "/certificates/life/create", "{}").status == 202);
        REQUIRE(call(svc, "GET", "/certificates/life/pending").body.str("status") == "completed");
        CHECK(call(svc, "GET", "/certificates/life/versions").body["value"].asArray().size() == 2);

        auto policy = call(
            svc, "PATCH", "/certificates/life/policy",
            R"({"x509_props":{"validity_months":24},"secret_props":{"contentType":"application/x-pem-file"}})");
        REQUIRE(policy.status == 200);
        CHECK(policy.body["x509_props"].str("subject") == "CN=life");
        CHECK(policy.body["x509_props"].integer("validity_months") == 24);
        CHECK(call(svc, "GET", "/certificates/life/policy").body["secret_props"].str("contentType") ==
              "application/x-pem-file");

        auto upd =
            call(svc, "PATCH", "/certificates/life/", R"({"attributes":{"enabled":false},"tags":{"k":"v"}})");
        REQUIRE(upd.status == 200);
        CHECK(upd.body["attributes"].boolean("enabled") == false);
        CHECK(call(svc, "GET", vaultPath(*upd.body.str("sid"))).status == 403);

        auto backup = call(svc, "POST", "/certificates/life/backup");
        REQUIRE(backup.status == 200);
        auto del = call(svc, "DELETE", "/certificates/life");
        REQUIRE(del.status == 200);
        CHECK(del.body.str("recoveryId") == kBase + "/deletedcertificates/life");
        CHECK(call(svc, "GET", "/secrets/life/").status == 404);
        CHECK(call(svc, "GET", "/keys/life/").status == 404);
        CHECK(call(svc, "GET", "/deletedcertificates").body["value"].asArray().size() == 1);
        CHECK(call(svc, "GET", "/deletedcertificates/life").body.str("x5t") == del.body.str("x5t"));
        CHECK(call(svc, "POST", "/certificates/life/create", create).status == 409);

        REQUIRE(call(svc, "POST", "/deletedcertificates/life/recover").status == 200);
        CHECK(call(svc, "GET", "/keys/life/").status == 200);
        CHECK(call(svc, "GET", "/certificates").body["value"].asArray().size() == 1);

        REQUIRE(call(svc, "DELETE", "/certificates/life").status == 200);
        CHECK(call(svc, "DELETE", "/deletedcertificates/life").status == 204);
        CHECK(call(svc, "GET", "/deletedsecrets/life").status == 404);
        auto restored = call(svc, "POST", "/certificates/restore",
                             Json(Json::Object{{"value", *backup.body.str("value")}}).dump());
        REQUIRE(restored.status == 200);
        CHECK(restored.body.str("x5t") == del.body.str("x5t"));
        CHECK(call(svc, "GET", "/keys/life/").status == 200);
        CHECK(call(svc, "GET", "/certificates/life/versions").body["value"].asArray().size() == 2);
    }

    TEST_CASE("issuers and contacts") {
        emu::KeyVaultService svc;
        auto set = call(
            svc, "PUT", "/certificates/issuers/issuer01",
            R"({"provider":"Test","credentials":{"account_id":"user","pwd":"secret"},"org_details":{"admin_details":[{"first_name":"A","email":"a@example.com"}]}})");
        REQUIRE(set.status == 200);
        CHECK(set.body.str("id") == kBase + "/certificates/issuers/issuer01");
        CHECK(set.body["credentials"].str("account_id") == "user");
        CHECK_FALSE(set.body["credentials"].has("pwd"));
        CHECK(set.body["attributes"].boolean("enabled") == true);
        CHECK(call(svc, "PUT", "/certificates/issuers/issuer02", R"({"credentials":{}})").status == 400);
        REQUIRE(call(svc, "PUT", "/certificates/issuers/issuer02", R"({"provider":"Other"})").status == 200);
        auto upd = call(svc, "PATCH", "/certificates/issuers/issuer01",
                        R"({"provider":"Changed","attributes":{"enabled":false}})");
        CHECK(upd.body.str("provider") == "Changed");
        CHECK(upd.body["credentials"].str("account_id") == "user");
        auto list = call(svc, "GET", "/certificates/issuers?maxresults=1");
        REQUIRE(list.body["value"].asArray().size() == 1);
        CHECK(list.body.str("nextLink").has_value());
        CHECK(call(svc, "DELETE", "/certificates/issuers/issuer01").status == 200);
        CHECK(call(svc, "GET", "/certificates/issuers/issuer01").status == 404);

        CHECK(call(svc, "GET", "/certificates/contacts").status == 404);
        auto contacts = call(svc, "PUT", "/certificates/contacts",
                             R"({"contacts":[{"email":"a@example.com","name":"A","phone":"1"}]})");
        REQUIRE(contacts.status == 200);
        CHECK(contacts.body.str("id") == kBase + "/certificates/contacts");
        CHECK(call(svc, "GET", "/certificates/contacts").body["contacts"].asArray().size() == 1);
        CHECK(call(svc, "DELETE", "/certificates/contacts").body["contacts"].asArray().size() == 1);
        CHECK(call(svc, "GET", "/certificates/contacts").status == 404);
    }
}
