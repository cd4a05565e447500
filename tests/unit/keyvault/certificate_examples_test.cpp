// SPDX-License-Identifier: MIT
// Every certificates example of specs/keyvault (7.5 and 2026-04-01): responses parse into the
// models with the example's values; request bodies serialize to the example's fields.

#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>

#include "core/encoding.hpp"
#include "keyvault/certificate_models.hpp"
#include "test_files.hpp"

using namespace kvb;
using namespace kvb::keyvault;
namespace kvd = kvb::keyvault;
using kvb::detail::JsonValue;
using kvb::detail::JsonWriter;

namespace {

namespace fs = std::filesystem;

fs::path keyVaultSpecs() {
    const fs::path dir = kvb::test::specsDir() / "keyvault";
    REQUIRE_MESSAGE(fs::is_directory(dir), dir.string());
    return dir;
}

rapidjson::Document load(const fs::path& file) {
    std::ifstream in(file);
    REQUIRE_MESSAGE(in.good(), file.string());
    std::stringstream text;
    text << in.rdbuf();
    return kvb::detail::parseJson(text.str(), file.filename().string());
}

// Every version's copy of one example (2026-04-01 has only some).
std::vector<fs::path> examples(const std::string& name) {
    std::vector<fs::path> out;
    for (const char* version : {"7.5", "2026-04-01"}) {
        auto p = keyVaultSpecs() / version / "examples" / (name + "-example.json");
        if (fs::exists(p)) out.push_back(p);
    }
    REQUIRE_FALSE(out.empty());
    return out;
}

const JsonValue& body(const rapidjson::Document& doc, const char* status = "200") {
    return doc["responses"][status]["body"];
}

std::string str(const JsonValue& obj, const char* name) {
    const auto* v = kvb::detail::findMember(obj, name);
    return v ? std::string(v->GetString()) : std::string();
}

std::optional<long long> seconds(const std::optional<std::chrono::system_clock::time_point>& t) {
    if (!t) return std::nullopt;
    return std::chrono::duration_cast<std::chrono::seconds>(t->time_since_epoch()).count();
}

std::optional<long long> intField(const JsonValue& obj, const char* name) {
    const auto* v = kvb::detail::findMember(obj, name);
    if (!v) return std::nullopt;
    return v->GetInt64();
}

void checkTags(const JsonValue& obj, const std::map<std::string, std::string>& tags) {
    const auto* t = kvb::detail::findMember(obj, "tags");
    CHECK(tags.size() == (t ? t->MemberCount() : 0u));
    if (t)
        for (const auto& m : t->GetObject()) CHECK(tags.at(m.name.GetString()) == m.value.GetString());
}

void checkProperties(const JsonValue& j, const CertificateProperties& p) {
    CHECK(p.id == str(j, "id"));
    CHECK(p.x5t == str(j, "x5t"));
    CHECK(!p.name.empty());
    CHECK(p.vaultUrl == "https://myvault.vault.azure.net");
    if (const auto* a = kvb::detail::findMember(j, "attributes")) {
        CHECK(p.enabled ==
              (a->HasMember("enabled") ? std::optional<bool>((*a)["enabled"].GetBool()) : std::nullopt));
        CHECK(seconds(p.notBefore) == intField(*a, "nbf"));
        CHECK(seconds(p.expiresOn) == intField(*a, "exp"));
        CHECK(seconds(p.createdOn) == intField(*a, "created"));
        CHECK(seconds(p.updatedOn) == intField(*a, "updated"));
        CHECK(p.recoveryLevel == str(*a, "recoveryLevel"));
        if (auto days = intField(*a, "recoverableDays")) CHECK(p.recoverableDays == *days);
    }
    checkTags(j, p.tags);
}

std::vector<std::string> strings(const JsonValue& obj, const char* name) {
    std::vector<std::string> out;
    if (const auto* v = kvb::detail::findMember(obj, name))
        for (const auto& s : v->GetArray()) out.emplace_back(s.GetString());
    return out;
}

void checkPolicy(const JsonValue& j, const CertificatePolicy& p) {
    CHECK(p.id == str(j, "id"));
    if (const auto* k = kvb::detail::findMember(j, "key_props")) {
        CHECK(p.keyType.value_or("") == str(*k, "kty"));
        CHECK(p.keySize == intField(*k, "key_size"));
        CHECK(p.exportable == std::optional<bool>((*k)["exportable"].GetBool()));
        CHECK(p.reuseKey == std::optional<bool>((*k)["reuse_key"].GetBool()));
    }
    if (const auto* s = kvb::detail::findMember(j, "secret_props"))
        CHECK(p.contentType.value_or("") == str(*s, "contentType"));
    if (const auto* x = kvb::detail::findMember(j, "x509_props")) {
        CHECK(p.subject.value_or("") == str(*x, "subject"));
        CHECK(p.enhancedKeyUsage == strings(*x, "ekus"));
        CHECK(p.keyUsage == strings(*x, "key_usage"));
        CHECK(p.validityInMonths == intField(*x, "validity_months"));
        if (const auto* sans = kvb::detail::findMember(*x, "sans")) {
            CHECK(p.subjectAlternativeNames.dnsNames == strings(*sans, "dns_names"));
            CHECK(p.subjectAlternativeNames.emails == strings(*sans, "emails"));
            CHECK(p.subjectAlternativeNames.upns == strings(*sans, "upns"));
        }
    }
    if (const auto* actions = kvb::detail::findMember(j, "lifetime_actions")) {
        REQUIRE(p.lifetimeActions.size() == actions->Size());
        for (rapidjson::SizeType i = 0; i < actions->Size(); ++i) {
            const auto& a = (*actions)[i];
            CHECK(p.lifetimeActions[i].action == str(a["action"], "action_type"));
            CHECK(p.lifetimeActions[i].lifetimePercentage == intField(a["trigger"], "lifetime_percentage"));
            CHECK(p.lifetimeActions[i].daysBeforeExpiry == intField(a["trigger"], "days_before_expiry"));
        }
    }
    if (const auto* i = kvb::detail::findMember(j, "issuer"))
        CHECK(p.issuerName.value_or("") == str(*i, "name"));
    if (const auto* a = kvb::detail::findMember(j, "attributes")) {
        CHECK(seconds(p.createdOn) == intField(*a, "created"));
        CHECK(seconds(p.updatedOn) == intField(*a, "updated"));
    }
}

void checkCertificate(const JsonValue& j, const KeyVaultCertificate& c) {
    checkProperties(j, c.properties);
    CHECK(c.keyId == str(j, "kid"));
    CHECK(c.secretId == str(j, "sid"));
    if (j.HasMember("cer")) {
        CHECK_FALSE(c.cer.empty());
        CHECK(kvb::detail::base64Encode(c.cer) == str(j, "cer"));
    }
    if (const auto* policy = kvb::detail::findMember(j, "policy")) {
        REQUIRE(c.policy.has_value());
        checkPolicy(*policy, *c.policy);
    } else {
        CHECK_FALSE(c.policy.has_value());
    }
}

void checkDeleted(const JsonValue& j, const DeletedCertificate& d) {
    checkCertificate(j, d);
    CHECK(d.recoveryId == str(j, "recoveryId"));
    CHECK(seconds(d.deletedOn) == intField(j, "deletedDate"));
    CHECK(seconds(d.scheduledPurgeDate) == intField(j, "scheduledPurgeDate"));
}

void checkOperation(const JsonValue& j, const CertificateOperation& op) {
    CHECK(op.id == str(j, "id"));
    CHECK(op.id.ends_with("/certificates/" + op.name + "/pending"));
    CHECK(op.issuerName.value_or("") == str(j["issuer"], "name"));
    CHECK(kvb::detail::base64Encode(op.csr) == str(j, "csr"));
    CHECK(op.cancellationRequested == j["cancellation_requested"].GetBool());
    CHECK(op.status == str(j, "status"));
    CHECK(op.statusDetails == str(j, "status_details"));
    CHECK(op.requestId == str(j, "request_id"));
    CHECK(op.target == str(j, "target"));
    CHECK(op.isDone() == (op.status != "inProgress"));
}

void checkIssuer(const JsonValue& j, const CertificateIssuer& i) {
    CHECK(i.id == str(j, "id"));
    CHECK(i.name == "issuer01");
    CHECK(i.provider == str(j, "provider"));
    if (const auto* c = kvb::detail::findMember(j, "credentials"))
        CHECK(i.accountId.value_or("") == str(*c, "account_id"));
    CHECK(i.password.empty());
    if (const auto* org = kvb::detail::findMember(j, "org_details")) {
        const auto& admins = (*org)["admin_details"];
        REQUIRE(i.administrators.size() == admins.Size());
        for (rapidjson::SizeType k = 0; k < admins.Size(); ++k) {
            CHECK(i.administrators[k].firstName == str(admins[k], "first_name"));
            CHECK(i.administrators[k].lastName == str(admins[k], "last_name"));
            CHECK(i.administrators[k].email == str(admins[k], "email"));
            CHECK(i.administrators[k].phone == str(admins[k], "phone"));
        }
    }
    const auto& a = j["attributes"];
    CHECK(i.enabled == std::optional<bool>(a["enabled"].GetBool()));
    CHECK(seconds(i.createdOn) == intField(a, "created"));
    CHECK(seconds(i.updatedOn) == intField(a, "updated"));
}

void checkContacts(const JsonValue& j, const CertificateContacts& parsed) {
    CHECK(parsed.id == str(j, "id"));
    const auto& contacts = parsed.contacts;
    const auto& list = j["contacts"];
    REQUIRE(contacts.size() == list.Size());
    for (rapidjson::SizeType k = 0; k < list.Size(); ++k) {
        CHECK(contacts[k].name == str(list[k], "name"));
        CHECK(contacts[k].email == str(list[k], "email"));
        CHECK(contacts[k].phone == str(list[k], "phone"));
    }
}

// Empty arrays and nulls say the same as absence; drop them before comparing bodies.
void normalize(JsonValue& v) {
    if (!v.IsObject()) return;
    for (auto it = v.MemberBegin(); it != v.MemberEnd();) {
        if (it->value.IsNull() || (it->value.IsArray() && it->value.Empty())) {
            it = v.EraseMember(it);
            continue;
        }
        if (it->value.IsArray())
            for (auto& e : it->value.GetArray()) normalize(e);
        normalize(it->value);
        ++it;
    }
}

void checkBody(const JsonWriter& w, const JsonValue& expected) {
    auto actual = kvb::detail::parseJson(w.view(), "written body");
    rapidjson::Document want;
    want.CopyFrom(expected, want.GetAllocator());
    normalize(want);
    INFO("written: ", std::string(w.view()));
    INFO("expected: ", kvb::detail::toJsonText(want));
    CHECK(static_cast<const JsonValue&>(actual) == static_cast<const JsonValue&>(want));
}

template <class Check>
void forEachExample(const std::string& name, const char* status, Check check) {
    for (const auto& path : examples(name)) {
        INFO("example: ", path.string());
        auto doc = load(path);
        check(doc, body(doc, status));
    }
}

} // namespace

TEST_SUITE("keyvault::certificate models (spec examples)") {
    TEST_CASE("certificate bundles parse with every field") {
        for (const char* name : {"GetCertificate", "ImportCertificate", "RecoverDeletedCertificate",
                                 "RestoreCertificate", "UpdateCertificate"})
            forEachExample(name, "200",
                           [](auto&, const JsonValue& b) { checkCertificate(b, kvd::parseCertificate(b)); });
        forEachExample("MergeCertificate", "201",
                       [](auto&, const JsonValue& b) { checkCertificate(b, kvd::parseCertificate(b)); });
        auto doc = load(keyVaultSpecs() / "7.5/examples/GetCertificate-example.json");
        const auto c = kvd::parseCertificate(body(doc));
        CHECK(c.properties.name == "selfSignedCert01");
        CHECK(c.properties.version == "f60f2a4f8ae442cfb41ca2090bd4b769");
        CHECK(c.properties.x5t == "fLi3U52HunIVNXubkEnf8tP6Wbo");
        CHECK(c.policy->lifetimeActions.at(0).lifetimePercentage == 80);
        CHECK(c.policy->issuerName == "Unknown");
    }

    TEST_CASE("deleted certificates parse, single and listed") {
        for (const char* name : {"DeleteCertificate", "GetDeletedCertificate"})
            forEachExample(name, "200", [](auto&, const JsonValue& b) {
                checkDeleted(b, kvd::parseDeletedCertificate(b));
            });
        forEachExample("GetDeletedCertificates", "200", [](auto&, const JsonValue& b) {
            REQUIRE(b["value"].Size() > 0);
            for (const auto& item : b["value"].GetArray())
                checkDeleted(item, kvd::parseDeletedCertificate(item));
        });
    }

    TEST_CASE("certificate lists parse into properties") {
        for (const char* name : {"GetCertificates", "GetCertificateVersions"})
            forEachExample(name, "200", [](auto&, const JsonValue& b) {
                REQUIRE(b["value"].Size() > 0);
                for (const auto& item : b["value"].GetArray())
                    checkProperties(item, kvd::parseCertificateProperties(item));
            });
    }

    TEST_CASE("pending operations parse") {
        forEachExample("CreateCertificate", "202",
                       [](auto&, const JsonValue& b) { checkOperation(b, kvd::parseOperation(b)); });
        for (const char* name :
             {"GetCertificateOperation", "UpdateCertificateOperation", "DeleteCertificateOperation"})
            forEachExample(name, "200",
                           [](auto&, const JsonValue& b) { checkOperation(b, kvd::parseOperation(b)); });
    }

    TEST_CASE("policies parse") {
        for (const char* name : {"GetCertificatePolicy", "UpdateCertificatePolicy"})
            forEachExample(name, "200",
                           [](auto&, const JsonValue& b) { checkPolicy(b, kvd::parsePolicy(b)); });
    }

    TEST_CASE("the policy response writer gives back every member of the service's policy") {
        for (const char* name : {"GetCertificatePolicy", "UpdateCertificatePolicy"})
            forEachExample(name, "200", [](auto&, const JsonValue& b) {
                JsonWriter w;
                kvd::writePolicyResponse(w, kvd::parsePolicy(b));
                checkBody(w, b);
            });
    }

    TEST_CASE("basic_constraints, as the service answers it, is read and written back, never sent") {
        // The shape of the service's answers, which the REST specification leaves out.
        const auto served = kvb::detail::parseJson(
            R"({"id":"https://v.vault.azure.net/certificates/c/policy","x509_props":{"subject":"CN=c",)"
            R"("validity_months":12,"basic_constraints":{"ca":false}},"attributes":{"enabled":true,)"
            R"("created":1593089704,"updated":1593089705}})",
            "policy");
        const auto policy = kvd::parsePolicy(served);
        CHECK(policy.certificateAuthority == false);
        JsonWriter response;
        kvd::writePolicyResponse(response, policy);
        checkBody(response, served);
        JsonWriter request;
        kvd::writePolicy(request, policy);
        CHECK(request.view() == R"({"x509_props":{"subject":"CN=c","validity_months":12},)"
                                R"("attributes":{"enabled":true}})");
    }

    TEST_CASE("issuers parse, single and listed") {
        for (const char* name : {"SetCertificateIssuer", "GetCertificateIssuer", "UpdateCertificateIssuer",
                                 "DeleteCertificateIssuer"})
            forEachExample(name, "200",
                           [](auto&, const JsonValue& b) { checkIssuer(b, kvd::parseIssuer(b)); });
        forEachExample("GetCertificateIssuers", "200", [](auto&, const JsonValue& b) {
            std::vector<std::string> names;
            for (const auto& item : b["value"].GetArray()) {
                auto p = kvd::parseIssuerProperties(item);
                CHECK(p.id == str(item, "id"));
                CHECK(p.provider == str(item, "provider"));
                names.push_back(p.name);
            }
            CHECK(names == std::vector<std::string>{"issuer01", "issuer02", "issuer03"});
        });
    }

    TEST_CASE("contacts parse") {
        for (const char* name :
             {"SetCertificateContacts", "GetCertificateContacts", "DeleteCertificateContacts"})
            forEachExample(name, "200",
                           [](auto&, const JsonValue& b) { checkContacts(b, kvd::parseContacts(b)); });
    }

    TEST_CASE("backup parses as base64url bytes") {
        forEachExample("BackupCertificate", "200", [](auto&, const JsonValue& b) {
            const auto bytes = kvd::parseBackup(b);
            CHECK(bytes.size() > 100);
            CHECK(kvb::detail::base64UrlEncode(bytes) == str(b, "value"));
        });
    }

    TEST_CASE("a malformed bundle is a ParseError") {
        auto bad = kvb::detail::parseJson(
            R"({"id":"https://v.vault.azure.net/certificates/c/1","cer":"not base64!"})", "t");
        CHECK_THROWS_AS(kvd::parseCertificate(bad), ParseError);
        auto badId = kvb::detail::parseJson(R"({"id":"nonsense"})", "t");
        CHECK_THROWS_AS(kvd::parseCertificate(badId), ParseError);
        auto badActions = kvb::detail::parseJson(R"({"lifetime_actions":{}})", "t");
        CHECK_THROWS_AS(kvd::parsePolicy(badActions), ParseError);
    }
}

TEST_SUITE("keyvault::certificate request bodies (spec examples)") {
    TEST_CASE("create body") {
        forEachExample("CreateCertificate", "202", [](auto& doc, const JsonValue&) {
            const auto& params = doc["parameters"]["parameters"];
            JsonWriter w;
            kvd::writeCreateBody(w, kvd::parsePolicy(params["policy"]), {});
            checkBody(w, params);
        });
    }

    TEST_CASE("import body: value, pwd and policy as in the example; content type forced") {
        forEachExample("ImportCertificate", "200", [](auto& doc, const JsonValue&) {
            const auto& params = doc["parameters"]["parameters"];
            ImportCertificateOptions options;
            options.policy = kvd::parsePolicy(params["policy"]);
            options.policy->contentType = std::string(kPemContentType); // overridden by the value's type
            JsonWriter w(true);
            kvd::writeImportBody(w, str(params, "value"), kPkcs12ContentType,
                                 SecretString(str(params, "pwd")), options);
            checkBody(w, params);
        });
    }

    TEST_CASE("merge body") {
        forEachExample("MergeCertificate", "201", [](auto& doc, const JsonValue&) {
            const auto& params = doc["parameters"]["parameters"];
            MergeCertificateOptions options;
            for (const auto& c : params["x5c"].GetArray())
                options.x509Certificates.push_back(kvb::detail::base64Decode(c.GetString()));
            JsonWriter w;
            kvd::writeMergeBody(w, options);
            checkBody(w, params);
        });
    }

    TEST_CASE("update properties body") {
        forEachExample("UpdateCertificate", "200", [](auto& doc, const JsonValue&) {
            const auto& params = doc["parameters"]["parameters"];
            UpdateCertificatePropertiesOptions options;
            const auto& a = params["attributes"];
            options.enabled = a["enabled"].GetBool();
            options.notBefore =
                std::chrono::system_clock::time_point(std::chrono::seconds(a["nbf"].GetInt64()));
            options.expiresOn =
                std::chrono::system_clock::time_point(std::chrono::seconds(a["exp"].GetInt64()));
            options.tags = kvb::detail::optStringMap(params, "tags");
            JsonWriter w;
            kvd::writeUpdatePropertiesBody(w, options);
            checkBody(w, params);
        });
    }

    TEST_CASE("update policy body round-trips the example policy") {
        forEachExample("UpdateCertificatePolicy", "200", [](auto& doc, const JsonValue&) {
            const auto& params = doc["parameters"]["certificatePolicy"];
            JsonWriter w;
            kvd::writePolicy(w, kvd::parsePolicy(params));
            checkBody(w, params);
        });
    }

    TEST_CASE("issuer bodies carry provider, credentials (with password) and admins") {
        for (const char* name : {"SetCertificateIssuer", "UpdateCertificateIssuer"})
            forEachExample(name, "200", [](auto& doc, const JsonValue&) {
                const auto& params = doc["parameters"]["parameter"];
                auto issuer = kvd::parseIssuer(params);
                issuer.password = SecretString(str(params["credentials"], "pwd"));
                JsonWriter w(true);
                kvd::writeIssuerBody(w, issuer);
                checkBody(w, params);
            });
    }

    TEST_CASE("contacts, cancel and restore bodies") {
        forEachExample("SetCertificateContacts", "200", [](auto& doc, const JsonValue&) {
            const auto& params = doc["parameters"]["contacts"];
            JsonWriter w;
            kvd::writeContactsBody(w, kvd::parseContacts(params).contacts);
            checkBody(w, params);
        });
        forEachExample("UpdateCertificateOperation", "200", [](auto& doc, const JsonValue&) {
            JsonWriter w;
            kvd::writeCancelOperationBody(w);
            checkBody(w, doc["parameters"]["certificateOperation"]);
        });
        forEachExample("RestoreCertificate", "200", [](auto& doc, const JsonValue&) {
            const auto& params = doc["parameters"]["parameters"];
            JsonWriter w;
            kvd::writeRestoreBody(w, kvb::detail::base64UrlDecode(str(params, "value")));
            checkBody(w, params);
        });
    }

    TEST_CASE("a policy with SANs, EC key, key usage and lifetime actions writes the wire names") {
        CertificatePolicy p;
        p.keyType = "EC";
        p.keyCurveName = "P-256";
        p.subject = "CN=x";
        p.subjectAlternativeNames.emails = {"a@b.c"};
        p.subjectAlternativeNames.upns = {"u@d"};
        p.keyUsage = {"digitalSignature"};
        p.lifetimeActions.push_back({std::nullopt, 30, std::string(kActionAutoRenew)});
        p.issuerName = "Self";
        p.certificateType = "OV-SSL";
        p.certificateTransparency = false;
        JsonWriter w;
        kvd::writePolicy(w, p);
        CHECK(
            w.view() ==
            R"({"key_props":{"kty":"EC","crv":"P-256"},"x509_props":{"subject":"CN=x","sans":{"emails":["a@b.c"],)"
            R"("upns":["u@d"]},"key_usage":["digitalSignature"]},"lifetime_actions":[{"trigger":)"
            R"({"days_before_expiry":30},"action":{"action_type":"AutoRenew"}}],"issuer":{"name":"Self",)"
            R"("cty":"OV-SSL","cert_transparency":false}})");
        auto back = kvb::detail::parseJson(w.view(), "policy");
        const auto parsed = kvd::parsePolicy(back);
        CHECK(parsed.keyCurveName == "P-256");
        CHECK(parsed.subjectAlternativeNames.upns == std::vector<std::string>{"u@d"});
        CHECK(parsed.lifetimeActions.at(0).daysBeforeExpiry == 30);
        CHECK(parsed.certificateTransparency == false);
    }
}
