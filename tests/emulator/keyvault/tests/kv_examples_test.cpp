// SPDX-License-Identifier: MIT
// Every x-ms-example of the Key Vault swaggers (7.5 and 2026-04-01) goes through the service
// in-process: the request as written (after the state it needs is seeded), and the reply must
// have the example's status and, recursively, its field names and JSON types.
//
// Examples whose inputs only the real vault can honour (a foreign backup blob, ciphertext made
// with Azure's key, a truncated x5c or PFX) get the same request shape with material made here.
#include "../kv_x509.hpp"
#include "kv_test_util.hpp"

#include <openssl/pkcs12.h>
#include <openssl/x509.h>

#include <filesystem>
#include <fstream>
#include <sstream>

using namespace kvtest;
using emu::kv::base64;

namespace {

namespace fs = std::filesystem;

Json load(const fs::path& p) {
    std::ifstream in(p);
    std::stringstream ss;
    ss << in.rdbuf();
    auto j = Json::parse(ss.str());
    REQUIRE_MESSAGE(j.has_value(), p.string());
    return *j;
}

struct Example {
    std::string file, opId, method, path;
    std::string bodyParam;
    Json params;
    Json responses;
};

std::vector<Example> collect(const fs::path& dir) {
    std::vector<Example> out;
    for (const char* area : {"keys.json", "secrets.json", "certificates.json"}) {
        Json swagger = load(dir / area);
        for (const auto& [path, methods] : swagger["paths"].asObject()) {
            for (const auto& [method, op] : methods.asObject()) {
                const Json* ex = op.find("x-ms-examples");
                if (ex == nullptr) continue;
                std::string bodyParam;
                for (const auto& p : op["parameters"].asArray())
                    if (p.str("in") == "body") bodyParam = *p.str("name");
                for (const auto& [title, ref] : ex->asObject()) {
                    fs::path file = dir / ref.str("$ref").value_or("");
                    if (!fs::exists(file)) continue;
                    Json doc = load(file);
                    std::string upper = method;
                    for (auto& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
                    out.push_back({file.filename().string(), *op.str("operationId"), upper, path, bodyParam,
                                   doc["parameters"], doc["responses"]});
                }
            }
        }
    }
    return out;
}

const char* typeName(const Json& j) {
    return j.isNull()     ? "null"
           : j.isBool()   ? "bool"
           : j.isNumber() ? "number"
           : j.isString() ? "string"
           : j.isArray()  ? "array"
                          : "object";
}

// Example members missing from ours or of another JSON type. A null on either side is skipped.
void compareShape(const Json& want, const Json& got, const std::string& where,
                  std::vector<std::string>& problems) {
    if (want.isNull() || got.isNull()) return;
    if (std::string(typeName(want)) != typeName(got)) {
        problems.push_back(where + ": " + typeName(want) + " expected, got " + typeName(got));
        return;
    }
    if (want.isObject()) {
        if (where.size() >= 5 && where.substr(where.size() - 5) == ".tags") return; // free-form map
        for (const auto& [k, v] : want.asObject()) {
            const Json* g = got.find(k);
            if (g == nullptr)
                problems.push_back(where + "." + k + " missing");
            else
                compareShape(v, *g, where + "." + k, problems);
        }
    } else if (want.isArray() && !want.asArray().empty() && !got.asArray().empty()) {
        compareShape(want.asArray()[0], got.asArray()[0], where + "[0]", problems);
    }
}

std::string nameOf(const Json& params) {
    for (const char* p : {"secret-name", "key-name", "certificate-name", "issuer-name"})
        if (auto n = params.str(p)) return *n;
    return {};
}

struct Runner {
    emu::KeyVaultService svc;
    Runner() { svc.setConfig({.certificateCreateDelayMs = 0, .defaultMaxResults = 25}); }

    Result must(const std::string& method, const std::string& path, const std::string& body = {}) {
        auto r = call(svc, method, path, body);
        REQUIRE_MESSAGE(r.status < 300, std::string(method + " " + path + " -> " + r.raw));
        return r;
    }
    void secret(const std::string& n) {
        must(
            "PUT", "/secrets/" + n,
            R"({"value":"v","contentType":"plainText","tags":{"a":"b"},"attributes":{"nbf":1262332800,"exp":1893484800}})");
    }
    void key(const std::string& n, const std::string& kty = "RSA") {
        must("POST", "/keys/" + n + "/create",
             R"({"kty":")" + kty + R"(","tags":{"a":"b"},"attributes":{"nbf":1262332800,"exp":1893484800}})");
    }
    void exportableKey(const std::string& n) {
        must("POST", "/keys/" + n + "/create",
             R"({"kty":"oct-HSM","attributes":{"exportable":true},"release_policy":{"data":")" +
                 emu::kv::base64url(R"({"anyOf":[],"version":"1.0.0"})") + R"("}})");
    }
    void cert(const std::string& n) {
        must(
            "POST", "/certificates/" + n + "/create",
            R"({"policy":{"x509_props":{"subject":"CN=seed","sans":{"dns_names":["seed.example"]}},"issuer":{"name":"Self"}},"tags":{"a":"b"}})");
        must("GET", "/certificates/" + n + "/pending");
    }
    Result pending(const std::string& n) {
        return must("POST", "/certificates/" + n + "/create",
                    R"({"policy":{"x509_props":{"subject":"CN=pending"},"issuer":{"name":"Unknown"}}})");
    }
    void issuer(const std::string& n) {
        must(
            "PUT", "/certificates/issuers/" + n,
            R"({"provider":"Test","credentials":{"account_id":"u","pwd":"p"},"org_details":{"admin_details":[{"first_name":"J","last_name":"D","email":"a@b.c","phone":"1"}]}})");
    }
    void contacts() {
        must("PUT", "/certificates/contacts", R"({"contacts":[{"email":"a@b.c","name":"J","phone":"1"}]})");
    }
    std::string blob(const std::string& kind, const std::string& n) {
        if (kind == "secrets")
            secret(n);
        else if (kind == "keys")
            key(n);
        else
            cert(n);
        std::string b = *must("POST", "/" + kind + "/" + n + "/backup").body.str("value");
        must("DELETE", "/" + kind + "/" + n);
        must("DELETE", "/deleted" + kind + "/" + n);
        return b;
    }
};

// Seeds what the operation needs and adjusts inputs only the real vault could honour.
void prepare(Runner& r, const Example& ex, Json& body) {
    const std::string n = nameOf(ex.params);
    const std::string& op = ex.opId;
    auto is = [&](std::initializer_list<const char*> ids) {
        for (const char* id : ids)
            if (op == id) return true;
        return false;
    };
    if (is({"GetSecret", "UpdateSecret", "DeleteSecret", "BackupSecret", "GetSecretVersions"})) r.secret(n);
    if (is({"GetSecrets"})) {
        r.secret("listsecrettest0");
        r.secret("listsecrettest1");
    }
    if (is({"GetDeletedSecret", "PurgeDeletedSecret", "RecoverDeletedSecret"})) {
        r.secret(n);
        r.must("DELETE", "/secrets/" + n);
    }
    if (is({"GetDeletedSecrets"}))
        for (const char* s : {"del0", "del1"}) {
            r.secret(s);
            r.must("DELETE", std::string("/secrets/") + s);
        }
    if (is({"RestoreSecret"})) body["value"] = r.blob("secrets", "restored");

    if (is({"GetKey", "UpdateKey", "DeleteKey", "BackupKey", "GetKeyVersions", "encrypt", "sign", "verify",
            "wrapKey", "RotateKey", "GetKeyRotationPolicy", "UpdateKeyRotationPolicy"}))
        r.key(n);
    if (is({"GetKeyRotationPolicy"}))
        r.must(
            "PUT", "/keys/" + n + "/rotationpolicy",
            R"({"lifetimeActions":[{"trigger":{"timeAfterCreate":"P90D"},"action":{"type":"Rotate"}}],"attributes":{"expiryTime":"P2Y"}})");
    if (is({"GetKeys"})) {
        r.key("listkey0", "EC");
        r.key("listkey1", "EC");
    }
    if (is({"GetDeletedKey", "PurgeDeletedKey", "RecoverDeletedKey"})) {
        r.key(n);
        r.must("DELETE", "/keys/" + n);
    }
    if (is({"GetDeletedKeys"}))
        for (const char* s : {"delk0", "delk1"}) {
            r.key(s, "EC");
            r.must("DELETE", std::string("/keys/") + s);
        }
    if (is({"RestoreKey"})) body["value"] = r.blob("keys", "restoredkey");
    if (is({"decrypt", "unwrapKey"})) {
        r.key(n);
        std::string verb = op == "decrypt" ? "encrypt" : "wrapkey";
        Json in = Json::object();
        in["alg"] = body["alg"];
        in["value"] = emu::kv::base64url(std::string(32, 'p'));
        body["value"] = *r.must("POST", "/keys/" + n + "//" + verb, in.dump()).body.str("value");
    }
    if (is({"release"})) r.exportableKey(n);

    if (is({"GetCertificate", "UpdateCertificate", "DeleteCertificate", "BackupCertificate",
            "GetCertificateVersions", "GetCertificatePolicy", "UpdateCertificatePolicy"}))
        r.cert(n);
    if (is({"GetCertificates"})) {
        r.cert("listCert01");
        r.cert("listCert02");
    }
    if (is({"GetDeletedCertificate", "PurgeDeletedCertificate", "RecoverDeletedCertificate"})) {
        r.cert(n);
        r.must("DELETE", "/certificates/" + n);
    }
    if (is({"GetDeletedCertificates"}))
        for (const char* s : {"delc0", "delc1"}) {
            r.cert(s);
            r.must("DELETE", std::string("/certificates/") + s);
        }
    if (is({"RestoreCertificate"})) body["value"] = r.blob("certificates", "restoredcert");
    if (is({"GetCertificateOperation", "UpdateCertificateOperation", "DeleteCertificateOperation"}))
        r.pending(n);
    if (is({"MergeCertificate"})) {
        std::string csr = *emu::kv::base64Decode(*r.pending(n).body.str("csr"));
        const auto* p = reinterpret_cast<const unsigned char*>(csr.data());
        X509_REQ* req = d2i_X509_REQ(nullptr, &p, static_cast<long>(csr.size()));
        emu::kv::Pkey pub(X509_REQ_get_pubkey(req));
        X509_REQ_free(req);
        // Sign the CSR's key with a throwaway issuer key: the merge checks only the key match.
        emu::kv::Pkey issuerKey = emu::kv::generateEc("P-256");
        emu::kv::X509Ptr leaf =
            emu::kv::makeSelfSigned(issuerKey.get(), Json(Json::Object{{"subject", "CN=merged"}}));
        X509_set_pubkey(leaf.get(), pub.get());
        X509_sign(leaf.get(), issuerKey.get(), EVP_sha256());
        body["x5c"] = Json::array();
        body["x5c"].push(base64(emu::kv::certDer(leaf.get())));
    }
    if (is({"ImportCertificate"})) {
        emu::kv::Pkey k = emu::kv::generateRsa(2048, 65537);
        emu::kv::X509Ptr c =
            emu::kv::makeSelfSigned(k.get(), Json(Json::Object{{"subject", "CN=KeyVaultTest"}}));
        std::string pwd = body.str("pwd").value_or("");
        PKCS12* p12 = PKCS12_create(pwd.c_str(), "x", k.get(), c.get(), nullptr, 0, 0, 0, 0, 0);
        int len = i2d_PKCS12(p12, nullptr);
        std::string der(static_cast<std::size_t>(len), '\0');
        auto* out = reinterpret_cast<unsigned char*>(der.data());
        i2d_PKCS12(p12, &out);
        PKCS12_free(p12);
        body["value"] = base64(der);
    }
    if (is({"GetCertificateIssuer", "UpdateCertificateIssuer", "DeleteCertificateIssuer"})) r.issuer(n);
    if (is({"GetCertificateIssuers"}))
        for (const char* s : {"issuer01", "issuer02"}) r.issuer(s);
    if (is({"GetCertificateContacts", "DeleteCertificateContacts"})) r.contacts();
}

void runAll(const fs::path& dir) {
    auto examples = collect(dir);
    REQUIRE_FALSE(examples.empty());
    for (const auto& ex : examples) {
        CAPTURE(ex.file);
        Runner r;
        Json body = ex.bodyParam.empty() ? Json() : ex.params[ex.bodyParam];
        prepare(r, ex, body);
        std::string path = ex.path;
        for (const auto& [k, v] : ex.params.asObject()) {
            std::string token = "{" + k + "}";
            if (auto pos = path.find(token); pos != std::string::npos)
                path.replace(pos, token.size(),
                             k.find("version") != std::string::npos ? ""
                             : v.isString()                         ? v.asString()
                                                                    : v.dump());
        }
        std::string query = "?api-version=" + ex.params.str("api-version").value_or("");
        for (const char* q : {"maxresults", "$skiptoken", "includePending"})
            if (const Json* v = ex.params.find(q))
                query += std::string("&") + q + "=" + (v->isString() ? v->asString() : v->dump());
        auto got = call(r.svc, ex.method, path + query, body.isNull() ? "" : body.dump());
        const auto& [status, resp] = *ex.responses.asObject().begin();
        CHECK_MESSAGE(std::to_string(got.status) == status,
                      std::string(ex.method + " " + path + " -> " + got.raw));
        std::vector<std::string> problems;
        if (const Json* want = resp.find("body")) compareShape(*want, got.body, "body", problems);
        std::string all;
        for (const auto& p : problems) all += p + "; ";
        CHECK_MESSAGE(problems.empty(), all);
    }
}

const fs::path kSpecs = KV_SPECS_DIR;

} // namespace

TEST_SUITE("emulator::keyvault examples") {

    TEST_CASE("every 7.5 example is answered with its status and shape") {
        runAll(kSpecs / "7.5");
    }

    TEST_CASE("every 2026-04-01 example is answered with its status and shape") {
        runAll(kSpecs / "2026-04-01");
    }
}
