// SPDX-License-Identifier: MIT
// Every Key Vault example in specs/keyvault/7.5 and specs/keyvault/2026-04-01 through the
// emulator over HTTPS (test 'kv-examples'; the Key Vault handlers live in ../keyvault/): the
// one program that runs them, as a client would send them, through auth, routing and TLS.
//
// Seeding rules, from what the operation path and the expected body name:
// - a named secret, key or certificate is created first (deleted* paths delete it too), with
//   the content type, tags and key type of the expected body; its version replaces the
//   example's version (the example's values come from another vault);
// - list operations get maxresults + 1 items so a nextLink appears;
// - Restore* restores a backup taken from a seeded object; decrypt/unwrap/verify use the output
//   of encrypt/wrap/sign on the seeded key; sign/verify use digests of the algorithm's length;
// - pending certificate operations start from a create with issuer "Unknown"; merge has a test
//   CA sign the pending CSR; issuers and contacts are set first.

#include "example_runner.hpp"

#include "../crypto_util.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <thread>

using namespace emutest;

namespace {

const std::string kVault = "https://examples.vault.azure.net";

class KvSeeder {
public:
    KvSeeder(const EmulatorProcess& emu, const kvb::test::TestCertificate& cert) : emu_(emu), cert_(cert) {}

    Reply send(const std::string& method, const std::string& pathAndQuery,
               const std::string& body = "") const {
        std::vector<std::string> headers = {"Authorization: Bearer " + token()};
        if (!body.empty()) headers.push_back("Content-Type: application/json");
        return request(emu_, method, kVault + pathAndQuery, headers, body);
    }

    std::string prepare(ExampleCase& c) {
        api_ = "?api-version=" + emu::getString(c.parameters(), "api-version").value_or("7.5");
        emu::JsonValue& params = c.parameters();
        auto& a = c.example->GetAllocator();
        const emu::JsonValue* body = c.expectedBody();
        const std::string op = c.operationId;
        const std::string& path = c.pathTemplate;
        const int count = static_cast<int>(emu::getInt(params, "maxresults").value_or(0)) + 1;
        const bool deleted = path.rfind("/deleted", 0) == 0;
        const emu::JsonValue* item =
            body && body->HasMember("value") && (*body)["value"].IsArray() && !(*body)["value"].Empty()
                ? &(*body)["value"][0]
                : body;
        std::string version;
        if (op == "ImportCertificate" && params.HasMember("parameters")) {
            const std::string pwd = emu::getString(params["parameters"], "pwd").value_or("");
            emu::setString(params["parameters"], "value", emu::base64Encode(bytesText(cert_.pfx(pwd))), a);
        }
        if (path.find("{secret-name}") != std::string::npos && op != "SetSecret") {
            const std::string name = *emu::getString(params, "secret-name");
            for (int i = 0; i < (op == "GetSecretVersions" ? count : 1); ++i)
                version = seedSecret(name, item);
            if (deleted) check(send("DELETE", "/secrets/" + name + api_), "delete secret");
        } else if (path.find("{key-name}") != std::string::npos && op != "CreateKey" && op != "ImportKey") {
            const std::string name = *emu::getString(params, "key-name");
            for (int i = 0; i < (op == "GetKeyVersions" ? count : 1); ++i)
                version = seedKey(name, item, op == "release");
            if (deleted) check(send("DELETE", "/keys/" + name + api_), "delete key");
            prepareCrypto(op, name, version, params, a);
            if (op == "GetKeyRotationPolicy" && body)
                check(send("PUT", "/keys/" + name + "/rotationpolicy" + api_, emu::toJson(*body)),
                      "set rotation policy");
        } else if (path.find("{certificate-name}") != std::string::npos && op != "CreateCertificate" &&
                   op != "ImportCertificate") {
            const std::string name = *emu::getString(params, "certificate-name");
            if (path.find("/pending") != std::string::npos) {
                check(
                    send("POST", "/certificates/" + name + "/create" + api_,
                         R"({"policy":{"x509_props":{"subject":"CN=pending"},"issuer":{"name":"Unknown"}}})"),
                    "create pending");
                if (op == "MergeCertificate") mergeChain(name, params, a);
            } else {
                for (int i = 0; i < (op == "GetCertificateVersions" ? count : 1); ++i)
                    version = seedCertificate(name);
                if (deleted) check(send("DELETE", "/certificates/" + name + api_), "delete certificate");
            }
        } else if (path.find("{issuer-name}") != std::string::npos && op != "SetCertificateIssuer") {
            seedIssuer(*emu::getString(params, "issuer-name"), body);
        } else if (op == "GetCertificateContacts" || op == "DeleteCertificateContacts") {
            check(send("PUT", "/certificates/contacts" + api_,
                       body ? emu::toJson(*body) : R"({"contacts":[{"email":"admin@contoso.com"}]})"),
                  "set contacts");
        } else if (op == "GetCertificateIssuers") {
            for (int i = 0; i < count; ++i) seedIssuer("issuer" + std::to_string(i), item);
        } else if (op == "GetSecrets" || op == "GetDeletedSecrets") {
            for (int i = 0; i < count; ++i) {
                seedSecret("list" + std::to_string(i), item);
                if (deleted)
                    check(send("DELETE", "/secrets/list" + std::to_string(i) + api_), "delete secret");
            }
        } else if (op == "GetKeys" || op == "GetDeletedKeys") {
            for (int i = 0; i < count; ++i) {
                seedKey("list" + std::to_string(i), item, false);
                if (deleted) check(send("DELETE", "/keys/list" + std::to_string(i) + api_), "delete key");
            }
        } else if (op == "GetCertificates" || op == "GetDeletedCertificates") {
            for (int i = 0; i < count; ++i) {
                seedCertificate("list" + std::to_string(i));
                if (deleted)
                    check(send("DELETE", "/certificates/list" + std::to_string(i) + api_),
                          "delete certificate");
            }
        } else if (op == "RestoreSecret" || op == "RestoreKey" || op == "RestoreCertificate") {
            const std::string kind = op == "RestoreSecret" ? "secrets"
                                     : op == "RestoreKey"  ? "keys"
                                                           : "certificates";
            if (kind == "secrets") seedSecret("restored", body, true);
            if (kind == "keys") seedKey("restored", body, false, true);
            if (kind == "certificates") seedSelfIssued("restored");
            const std::string blob =
                field(check(send("POST", "/" + kind + "/restored/backup" + api_), "backup"), "value");
            check(send("DELETE", "/" + kind + "/restored" + api_), "delete before restore");
            check(send("DELETE", "/deleted" + kind + "/restored" + api_), "purge before restore");
            emu::setString(params["parameters"], "value", blob, a);
        }
        for (const char* v : {"secret-version", "key-version", "certificate-version"}) {
            if (params.HasMember(v)) emu::setString(params, v, version, a);
        }
        return "";
    }

private:
    std::string token() const {
        if (token_.empty()) token_ = emutest::token(emu_, "https://vault.azure.net/.default");
        return token_;
    }

    static std::string field(const Reply& r, const char* name) {
        auto d = emu::parseJsonObject(r.body);
        return d ? emu::getString(*d, name).value_or("") : "";
    }

    // Each seeding step is a check of its own; a failed one also ends the example's seeding.
    static const Reply& check(const Reply& r, const std::string& what) {
        const bool ok = r.status >= 200 && r.status < 300;
        const std::string why = what + " answered " + std::to_string(r.status) + " " + r.body.substr(0, 200);
        CHECK_MESSAGE(ok, why);
        if (!ok) throw std::runtime_error(why);
        return r;
    }

    static std::string lastSegment(const std::string& id) { return id.substr(id.rfind('/') + 1); }

    // keepValidity copies the expected body's nbf/exp (restore examples show them).
    static std::string validity(const emu::JsonValue* like) {
        if (!like || !like->IsObject() || !like->HasMember("attributes")) return "{}";
        std::string out;
        for (const char* f : {"nbf", "exp"}) {
            if (auto v = emu::getInt((*like)["attributes"], f))
                out += std::string(out.empty() ? "" : ",") + "\"" + f + "\":" + std::to_string(*v);
        }
        return "{" + out + "}";
    }

    std::string seedSecret(const std::string& name, const emu::JsonValue* like, bool keepValidity = false) {
        emu::JsonDoc body;
        body.SetObject();
        auto& a = body.GetAllocator();
        emu::setString(body, "value",
                       like ? emu::getString(*like, "value").value_or("seed-value") : "seed-value", a);
        for (const char* m : {"contentType", "tags"}) {
            if (like && like->IsObject() && like->HasMember(m)) emu::setMember(body, m, (*like)[m], a);
        }
        std::string text = emu::toJson(body);
        if (keepValidity) text = text.substr(0, text.size() - 1) + ",\"attributes\":" + validity(like) + "}";
        return lastSegment(field(check(send("PUT", "/secrets/" + name + api_, text), "seed secret"), "id"));
    }

    std::string seedKey(const std::string& name, const emu::JsonValue* like, bool exportable,
                        bool keepValidity = false) {
        std::string kty = "RSA";
        const emu::JsonValue* key =
            like && like->IsObject() && like->HasMember("key") ? &(*like)["key"] : nullptr;
        if (key) kty = emu::getString(*key, "kty").value_or("RSA");
        if (kty.rfind("RSA", 0) == 0) kty = "RSA";
        std::string body = "{\"kty\":\"" + kty + "\"";
        if (kty == "RSA") body += ",\"key_size\":2048";
        if (kty.rfind("EC", 0) == 0)
            body += ",\"crv\":\"" + (key ? emu::getString(*key, "crv").value_or("P-256") : "P-256") + "\"";
        if (kty == "oct" || kty == "oct-HSM") body += ",\"key_size\":256";
        if (like && like->IsObject() && like->HasMember("tags"))
            body += ",\"tags\":" + emu::toJson((*like)["tags"]);
        // An exportable key needs a release policy (KeyAttributes.exportable in the swagger).
        if (exportable)
            body += ",\"attributes\":{\"exportable\":true},\"release_policy\":{\"data\":\"" +
                    emu::base64UrlEncode("{\"anyOf\":[],\"version\":\"1.0.0\"}") + "\"}";
        else if (keepValidity)
            body += ",\"attributes\":" + validity(like);
        body += "}";
        auto created = emu::parseJsonObject(
            check(send("POST", "/keys/" + name + "/create" + api_, body), "seed key").body);
        if (!created || !created->HasMember("key")) throw std::runtime_error("created key has no key member");
        return lastSegment(emu::getString((*created)["key"], "kid").value_or(""));
    }

    std::string seedCertificate(const std::string& name) {
        const std::string body =
            "{\"value\":\"" + emu::base64Encode(bytesText(cert_.pfx("pw"))) +
            "\",\"pwd\":\"pw\",\"policy\":{\"key_props\":{\"exportable\":true,\"kty\":\"RSA\",\"key_size\":"
            "2048,"
            "\"reuse_key\":false},\"secret_props\":{\"contentType\":\"application/x-pkcs12\"}}}";
        return lastSegment(field(
            check(send("POST", "/certificates/" + name + "/import" + api_, body), "seed certificate"), "id"));
    }

    void seedSelfIssued(const std::string& name) {
        check(send("POST", "/certificates/" + name + "/create" + api_,
                   R"({"policy":{"x509_props":{"subject":"CN=restored"},"issuer":{"name":"Self"}}})"),
              "create self-issued");
        for (int i = 0; i < 200; ++i) {
            if (field(check(send("GET", "/certificates/" + name + "/pending" + api_), "poll"), "status") !=
                "inProgress")
                return;
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        throw std::runtime_error("self-issued certificate did not complete");
    }

    void seedIssuer(const std::string& name, const emu::JsonValue* like) {
        std::string provider = like ? emu::getString(*like, "provider").value_or("Test") : "Test";
        std::string body = "{\"provider\":" + emu::jsonQuote(provider);
        for (const char* m : {"credentials", "org_details"}) {
            if (like && like->IsObject() && like->HasMember(m))
                body += std::string(",\"") + m + "\":" + emu::toJson((*like)[m]);
        }
        check(send("PUT", "/certificates/issuers/" + name + api_, body + "}"), "seed issuer");
    }

    static std::size_t digestLength(const std::string& alg) {
        if (alg.find("384") != std::string::npos) return 48;
        if (alg.find("512") != std::string::npos) return 64;
        return 32;
    }

    void prepareCrypto(const std::string& op, const std::string& name, const std::string& version,
                       emu::JsonValue& params, emu::JsonDoc::AllocatorType& a) {
        if (!params.HasMember("parameters")) return;
        emu::JsonValue& p = params["parameters"];
        const std::string alg = emu::getString(p, "alg").value_or("RSA-OAEP");
        const std::string base = "/keys/" + name + "/" + version + "/";
        auto post = [&](const std::string& action, const std::string& body) {
            return field(check(send("POST", base + action + api_, body), action), "value");
        };
        const std::string digest = emu::base64UrlEncode(std::string(digestLength(alg), 'd'));
        if (op == "decrypt")
            emu::setString(p, "value",
                           post("encrypt", "{\"alg\":\"" + alg + "\",\"value\":\"" +
                                               emu::base64UrlEncode("plain text") + "\"}"),
                           a);
        if (op == "unwrapKey")
            emu::setString(p, "value",
                           post("wrapkey", "{\"alg\":\"" + alg + "\",\"value\":\"" +
                                               emu::base64UrlEncode(std::string(32, 'k')) + "\"}"),
                           a);
        if (op == "sign") emu::setString(p, "value", digest, a);
        if (op == "verify") {
            emu::setString(p, "digest", digest, a);
            emu::setString(p, "value", post("sign", "{\"alg\":\"" + alg + "\",\"value\":\"" + digest + "\"}"),
                           a);
        }
    }

    // Has a test CA sign the pending CSR and puts the leaf in x5c.
    void mergeChain(const std::string& name, emu::JsonValue& params, emu::JsonDoc::AllocatorType& a) {
        const std::string csrB64 =
            field(check(send("GET", "/certificates/" + name + "/pending" + api_), "get pending"), "csr");
        auto der = emu::base64Decode(csrB64);
        if (!der) throw std::runtime_error("pending operation has no csr");
        const std::string signedDer = bytesText(kvb::test::signCsr({der->begin(), der->end()}).front());
        emu::JsonValue chain(rapidjson::kArrayType);
        chain.PushBack(emu::JsonValue(emu::base64Encode(signedDer).c_str(), a), a);
        for (auto& m : params.GetObject()) {
            if (m.value.IsObject() && m.value.HasMember("x5c")) emu::setMember(m.value, "x5c", chain, a);
        }
    }

    const EmulatorProcess& emu_;
    const kvb::test::TestCertificate& cert_;
    mutable std::string token_;
    std::string api_;
};

// Sends every example of one api-version; @p count is how many the specs hold.
void runVersion(const std::string& version, std::size_t count) {
    auto& emu = sharedEmulator();
    const std::string dir = (kvb::test::specsDir() / "keyvault" / version).string() + "/";
    auto cases = loadExamples({dir + "keys.json", dir + "secrets.json", dir + "certificates.json"});
    REQUIRE_FALSE(cases.empty());
    REQUIRE(cases.size() == count);
    const auto cert = makeCertificate("kv-example");
    KvSeeder seeder(emu, cert);
    ExampleAdapter adapter;
    adapter.skipParams = {"$skiptoken"};
    adapter.prepare = [&](ExampleCase& c) { return seeder.prepare(c); };
    adapter.send = [&](const ExampleRequest& r) { return seeder.send(r.method, r.pathAndQuery, r.body); };
    const int passed = checkOutcomes(runExamples(cases, emu, adapter));
    MESSAGE(passed << " of " << cases.size() << " Key Vault " << version << " examples pass");
    CHECK(passed == static_cast<int>(cases.size()));
}

} // namespace

TEST_SUITE("emulator::keyvault examples") {

    TEST_CASE("every 7.5 example is answered with its status, headers and shape") {
        runVersion("7.5", 63);
    }

    TEST_CASE("every 2026-04-01 example is answered with its status, headers and shape") {
        runVersion("2026-04-01", 4);
    }
}
