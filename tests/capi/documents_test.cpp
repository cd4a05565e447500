// SPDX-License-Identifier: MIT
// The C ABI's JSON documents against the schemas its headers document: the "JSON documents"
// comment blocks of capi/include/kvbridge/*.h are read in the grammar core.h gives, each document
// kvbridge writes is made from a model with every field set and checked member by member (no
// member the schema lacks, every member it requires, every type, every optional member seen once),
// and each document kvbridge reads is read back from what it wrote.

#include <doctest/doctest.h>

#include <kvbridge/migrate/report.hpp>

#include <cctype>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "core/json.hpp"
#include "documents/arm.hpp"
#include "documents/batch.hpp"
#include "documents/certificates.hpp"
#include "documents/keys.hpp"
#include "documents/migration.hpp"
#include "documents/secrets.hpp"

namespace {

using namespace kvb;
using kvb::capi::JsonValue;
using kvb::capi::JsonWriter;

// --- the schemas, read from the headers ----------------------------------------------------------

struct Type;
using TypePtr = std::shared_ptr<const Type>;

struct Member {
    std::string key;
    bool optional = false;
    bool inputOnly = false; ///< its comment says "input only": never written
    TypePtr type;
};

struct Type {
    enum Kind { String, Int, Bool, AnyObject, StringMap, Array, Object, Ref, Extend } kind = String;
    TypePtr element;             ///< Array
    std::vector<Member> members; ///< Object
    std::string name;            ///< Ref, Extend (the base)
    TypePtr rest;                ///< Extend: what the base is extended with
};

/** Recursive descent over one entry's text, in core.h's grammar. */
class SchemaParser {
public:
    SchemaParser(std::string text, std::string where) : text_(std::move(text)), where_(std::move(where)) {}

    TypePtr document() {
        auto t = term();
        skipSpace();
        if (peek() == '+') {
            ++at_;
            if (t->kind != Type::Ref) fail("only a document's name may be extended");
            auto out = std::make_shared<Type>();
            out->kind = Type::Extend;
            out->name = t->name;
            out->rest = document();
            return out;
        }
        return t;
    }

    void end() {
        skipSpace();
        if (at_ != text_.size()) fail("unexpected text");
    }

private:
    [[noreturn]] void fail(const std::string& what) const {
        throw std::runtime_error(where_ + ": " + what + " at '" + text_.substr(at_, 30) + "'");
    }
    void skipSpace() {
        while (at_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[at_]))) ++at_;
    }
    char peek() {
        skipSpace();
        return at_ < text_.size() ? text_[at_] : '\0';
    }
    void expect(char c) {
        if (peek() != c) fail(std::string("expected '") + c + "'");
        ++at_;
    }
    bool startsWith(std::string_view word) {
        skipSpace();
        return text_.compare(at_, word.size(), word) == 0;
    }
    /** An optional "(...)" comment; returns its text. */
    std::string comment() {
        if (peek() != '(') return {};
        const auto start = at_;
        int depth = 0;
        do {
            if (at_ >= text_.size()) fail("unclosed comment");
            if (text_[at_] == '(') ++depth;
            if (text_[at_] == ')') --depth;
            ++at_;
        } while (depth > 0);
        return text_.substr(start, at_ - start);
    }

    /** A type and the comment after it (into @p note when given). */
    TypePtr term(std::string* note = nullptr) {
        auto out = std::make_shared<Type>();
        if (startsWith("{string: string}")) {
            at_ += 16;
            out->kind = Type::StringMap;
        } else if (peek() == '{') {
            ++at_;
            out->kind = Type::Object;
            while (peek() != '}') {
                out->members.push_back(member());
                if (peek() == ',')
                    ++at_;
                else if (peek() != '}')
                    fail("expected ',' or '}'");
            }
            ++at_;
        } else if (peek() == '[') {
            ++at_;
            out->kind = Type::Array;
            out->element = term();
            expect(']');
        } else {
            std::string word;
            while (at_ < text_.size() &&
                   (std::islower(static_cast<unsigned char>(text_[at_])) ||
                    std::isdigit(static_cast<unsigned char>(text_[at_])) || text_[at_] == ' '))
                word += text_[at_++];
            while (!word.empty() && word.back() == ' ') word.pop_back();
            if (word.empty()) fail("expected a type");
            if (word == "string")
                out->kind = Type::String;
            else if (word == "int")
                out->kind = Type::Int;
            else if (word == "bool")
                out->kind = Type::Bool;
            else if (word == "object")
                out->kind = Type::AnyObject;
            else {
                out->kind = Type::Ref;
                out->name = word;
            }
        }
        const auto text = comment();
        if (note) *note = text;
        return out;
    }

    Member member() {
        expect('"');
        Member m;
        while (at_ < text_.size() && text_[at_] != '"') m.key += text_[at_++];
        expect('"');
        if (peek() == '?') {
            ++at_;
            m.optional = true;
        }
        expect(':');
        std::string note;
        m.type = term(&note);
        m.inputOnly = note.rfind("(input only", 0) == 0;
        return m;
    }

    std::string text_;
    std::string where_;
    std::size_t at_ = 0;
};

struct Schemas {
    std::map<std::string, TypePtr> byName;
    std::map<std::string, std::string> header; ///< where each is documented
    std::set<std::string> referenced;          ///< names another entry uses
};

void collectReferences(const TypePtr& t, std::set<std::string>& out) {
    if (!t) return;
    if (t->kind == Type::Ref || t->kind == Type::Extend) out.insert(t->name);
    collectReferences(t->element, out);
    collectReferences(t->rest, out);
    for (const auto& m : t->members) collectReferences(m.type, out);
}

/** The entries of every "JSON documents" block of the headers in @p dir. */
Schemas readSchemas(const std::filesystem::path& dir) {
    Schemas s;
    for (const auto& file : std::filesystem::directory_iterator(dir)) {
        if (file.path().extension() != ".h") continue;
        std::ifstream in(file.path());
        std::string line, entry, name;
        bool inPlainComment = false, inBlock = false;
        const auto flush = [&] {
            if (name.empty()) return;
            const auto where = file.path().filename().string() + " \"" + name + "\"";
            SchemaParser parser(entry, where);
            auto type = parser.document();
            parser.end();
            if (!s.byName.emplace(name, type).second)
                throw std::runtime_error(where + " is documented twice");
            s.header[name] = file.path().filename().string();
            collectReferences(type, s.referenced);
            name.clear();
            entry.clear();
        };
        while (std::getline(in, line)) {
            // A block is a plain comment (Doxygen skips it) whose first text line says so.
            if (!inPlainComment) {
                inPlainComment = line.rfind("/*", 0) == 0 && line.rfind("/**", 0) != 0 &&
                                 line.find("*/") == std::string::npos;
                continue;
            }
            if (line.find("*/") != std::string::npos) {
                flush();
                inPlainComment = inBlock = false;
            } else if (!inBlock) {
                inBlock = line.rfind(" * JSON documents", 0) == 0;
            } else if (line.rfind(" *  - ", 0) == 0) {
                flush();
                const auto colon = line.find(": ", 6);
                REQUIRE_MESSAGE(colon != std::string::npos, file.path().filename().string() << ": " << line);
                name = line.substr(6, colon - 6);
                entry = line.substr(colon + 2);
            } else if (line.rfind(" *    ", 0) == 0 && !name.empty()) {
                entry += " " + line.substr(6);
            }
        }
    }
    return s;
}

const Schemas& schemas() {
    static const Schemas s = [] {
        const char* dir = std::getenv("KVB_C_HEADER_DIR");
        REQUIRE_MESSAGE(dir != nullptr, "KVB_C_HEADER_DIR names capi/include/kvbridge");
        return readSchemas(dir);
    }();
    return s;
}

// --- a document against its schema ------------------------------------------------------------

class Checker {
public:
    explicit Checker(const Schemas& s) : s_(s) {}

    /** Problems of @p json as document @p name (empty when it matches). */
    std::vector<std::string> check(const std::string& name, std::string_view json) {
        problems_.clear();
        const auto doc = kvb::detail::parseJson(json, name);
        value(doc, resolve(name), name, name);
        return problems_;
    }

    /** Optional members never seen in any checked document. */
    std::vector<std::string> unseen() const {
        std::vector<std::string> out;
        for (const auto& path : optionals_)
            if (!seen_.count(path)) out.push_back(path);
        return out;
    }

private:
    TypePtr resolve(const std::string& name) const {
        const auto it = s_.byName.find(name);
        if (it == s_.byName.end()) throw std::runtime_error("no schema \"" + name + "\"");
        return it->second;
    }

    /** The members of an object type, extensions flattened, each with the path that owns it. */
    void members(const TypePtr& t, const std::string& owner,
                 std::vector<std::pair<Member, std::string>>& out) const {
        switch (t->kind) {
        case Type::Object:
            for (const auto& m : t->members) out.emplace_back(m, owner + "." + m.key);
            return;
        case Type::Ref: return members(resolve(t->name), t->name, out);
        case Type::Extend: members(resolve(t->name), t->name, out); return members(t->rest, owner, out);
        default: throw std::runtime_error(owner + " is not an object schema");
        }
    }

    void value(const JsonValue& v, const TypePtr& t, const std::string& path, const std::string& owner) {
        const auto wrong = [&](const char* expected) { problems_.push_back(path + " is not " + expected); };
        switch (t->kind) {
        case Type::String:
            if (!v.IsString()) wrong("a string");
            return;
        case Type::Int:
            if (!v.IsInt64()) wrong("an integer");
            return;
        case Type::Bool:
            if (!v.IsBool()) wrong("a boolean");
            return;
        case Type::AnyObject:
            if (!v.IsObject()) wrong("an object");
            return;
        case Type::StringMap:
            if (!v.IsObject()) return wrong("an object");
            for (const auto& m : v.GetObject())
                if (!m.value.IsString()) wrong("an object of strings");
            return;
        case Type::Array:
            if (!v.IsArray()) return wrong("an array");
            for (const auto& item : v.GetArray()) value(item, t->element, path + "[]", owner + "[]");
            return;
        case Type::Ref:
            if (auto r = resolve(t->name); r->kind != Type::Object && r->kind != Type::Extend)
                return value(v, r, path, t->name);
            [[fallthrough]];
        case Type::Object:
        case Type::Extend: object(v, t, path, owner);
        }
    }

    void object(const JsonValue& v, const TypePtr& t, const std::string& path, const std::string& owner) {
        if (!v.IsObject()) {
            problems_.push_back(path + " is not an object");
            return;
        }
        std::vector<std::pair<Member, std::string>> expected;
        members(t, owner, expected);
        std::set<std::string> known;
        for (const auto& [m, memberPath] : expected) {
            known.insert(m.key);
            const auto* found = v.FindMember(m.key.c_str()) != v.MemberEnd() ? &v[m.key.c_str()] : nullptr;
            if (m.inputOnly) {
                if (found)
                    problems_.push_back(path + "." + m.key + " is written, but its schema says input only");
                continue;
            }
            if (m.optional) optionals_.insert(memberPath);
            if (!found) {
                if (!m.optional) problems_.push_back(path + "." + m.key + " is missing");
                continue;
            }
            seen_.insert(memberPath);
            value(*found, m.type, path + "." + m.key, memberPath);
        }
        for (const auto& m : v.GetObject()) {
            const std::string key(m.name.GetString(), m.name.GetStringLength());
            if (!known.count(key)) problems_.push_back(path + "." + key + " is not in the schema");
        }
    }

    const Schemas& s_;
    std::vector<std::string> problems_;
    std::set<std::string> optionals_, seen_;
};

// --- models with every field set, written by the C ABI's writers ----------------------------------

using Clock = std::chrono::system_clock;
const Clock::time_point kTime = Clock::time_point(std::chrono::seconds(1767225600));

template <class Props>
void fillProperties(Props& p, const std::string& collection) {
    p.vaultUrl = "https://v.vault.azure.net";
    p.name = "n";
    p.version = "1";
    p.id = p.vaultUrl + "/" + collection + "/n/1";
    p.enabled = true;
    p.notBefore = p.expiresOn = p.createdOn = p.updatedOn = kTime;
    p.recoverableDays = 90;
    p.recoveryLevel = "Recoverable+Purgeable";
    p.tags = {{"team", "capi"}};
}

template <class Deleted>
void fillDeletion(Deleted& d) {
    d.recoveryId = "https://v.vault.azure.net/deleted/n";
    d.deletedOn = d.scheduledPurgeDate = kTime;
}

keyvault::SecretProperties secretProperties() {
    keyvault::SecretProperties p;
    fillProperties(p, "secrets");
    p.contentType = "text/plain";
    p.keyId = "https://v.vault.azure.net/keys/n/1";
    p.managed = true;
    p.previousVersion = "0";
    return p;
}

keyvault::KeyVaultKey key() {
    keyvault::KeyVaultKey k;
    fillProperties(k.properties, "keys");
    auto& p = k.properties;
    p.exportable = true;
    p.hsmPlatform = "2";
    p.keySize = 2048;
    p.managed = false;
    p.releasePolicy = keyvault::KeyReleasePolicy{"application/json; charset=utf-8", true, {'{', '}'}};
    p.attestation = keyvault::KeyAttestation{{1}, {2}, {3}, "1.0"};
    auto& j = k.key;
    j.kid = p.id;
    j.kty = "RSA";
    j.keyOps = {"sign", "verify"};
    j.n = j.e = j.t = j.x = j.y = {1, 2};
    const std::vector<std::uint8_t> secret{3, 4};
    j.d = j.dp = j.dq = j.qi = j.p = j.q = j.k = SecretBytes(std::span<const std::uint8_t>(secret));
    j.crv = "P-256";
    return k;
}

keyvault::KeyRotationPolicy rotationPolicy() {
    keyvault::KeyRotationPolicy p;
    p.id = "https://v.vault.azure.net/keys/n/rotationpolicy";
    p.lifetimeActions = {{"Rotate", "P90D", std::nullopt}, {"Notify", std::nullopt, "P30D"}};
    p.expiresIn = "P1Y";
    p.createdOn = p.updatedOn = kTime;
    return p;
}

keyvault::CertificatePolicy policy() {
    keyvault::CertificatePolicy p;
    p.id = "https://v.vault.azure.net/certificates/n/policy";
    p.keyType = "RSA";
    p.keySize = 2048;
    p.keyCurveName = "P-256";
    p.exportable = true;
    p.reuseKey = false;
    p.contentType = "application/x-pkcs12";
    p.subject = "CN=n";
    p.subjectAlternativeNames = {
        {"a@example.com"}, {"n.example.com"}, {"u@example.com"}, {"https://n"}, {"10.0.0.1"}};
    p.enhancedKeyUsage = {"1.3.6.1.5.5.7.3.1"};
    p.keyUsage = {"digitalSignature"};
    p.validityInMonths = 12;
    p.lifetimeActions = {{80, std::nullopt, "AutoRenew"}, {std::nullopt, 30, "EmailContacts"}};
    p.issuerName = "Self";
    p.certificateType = "OV-SSL";
    p.certificateTransparency = false;
    p.enabled = true;
    p.createdOn = p.updatedOn = kTime;
    p.certificateAuthority = false;
    return p;
}

keyvault::KeyVaultCertificate certificate() {
    keyvault::KeyVaultCertificate c;
    fillProperties(c.properties, "certificates");
    c.properties.x5t = "x5t";
    c.properties.preserveCertOrder = true;
    c.keyId = "https://v.vault.azure.net/keys/n/1";
    c.secretId = "https://v.vault.azure.net/secrets/n/1";
    c.cer = {0x30, 0x03};
    c.contentType = "application/x-pkcs12";
    c.policy = policy();
    return c;
}

keyvault::CertificateOperation operation() {
    keyvault::CertificateOperation o;
    o.vaultUrl = "https://v.vault.azure.net";
    o.name = "n";
    o.id = o.vaultUrl + "/certificates/n/pending";
    o.issuerName = "Unknown";
    o.certificateType = "OV-SSL";
    o.certificateTransparency = false;
    o.csr = {0x30, 0x01};
    o.cancellationRequested = true;
    o.status = "failed";
    o.statusDetails = "no";
    o.error = keyvault::CertificateOperationError{"Failed", "it failed", "Inner"};
    o.target = "https://v.vault.azure.net/certificates/n";
    o.requestId = "r";
    o.preserveCertOrder = true;
    return o;
}

keyvault::CertificateIssuer issuer() {
    keyvault::CertificateIssuer i;
    i.id = "https://v.vault.azure.net/certificates/issuers/i";
    i.name = "i";
    i.provider = "Test";
    i.accountId = "acct";
    i.password = SecretString("hunter2");
    i.organizationId = "org";
    i.administrators = {{"Ada", "L", "ada@example.com", "1"}};
    i.enabled = true;
    i.createdOn = i.updatedOn = kTime;
    return i;
}

std::vector<batch::CertificateReference> references() {
    batch::CertificateReference r;
    r.thumbprint = "AB";
    r.storeLocation = "localmachine";
    r.storeName = "My";
    r.visibility = {"task"};
    return {r};
}

template <class JobLike>
JobLike jobLike() {
    JobLike s;
    s.id = "s";
    s.displayName = "S";
    s.state = "active";
    batch::PoolSpecification pool;
    pool.certificateReferences = references();
    s.poolInfo = batch::PoolInformation{"p", batch::AutoPoolSpecification{"pre", "job", true, pool}};
    s.metadata = {{"k", "v"}};
    s.rawJson = R"({"id":"s"})";
    return s;
}

batch::BatchCertificate batchCertificate() {
    batch::BatchCertificate c;
    c.thumbprint = "AB";
    c.thumbprintAlgorithm = "sha1";
    c.url = "https://a.b.batch.azure.com/certificates(thumbprintAlgorithm=sha1,thumbprint=AB)";
    c.state = batch::CertificateState::DeleteFailed;
    c.stateTransitionTime = c.previousStateTransitionTime = kTime;
    c.previousState = batch::CertificateState::Deleting;
    c.publicData = "MII=";
    c.deleteCertificateError =
        batch::DeleteCertificateError{"PoolsReferencingCertificate", "m", {{"Pools", "p"}}};
    return c;
}

batch::BatchPool batchPool() {
    batch::BatchPool p;
    p.id = "p";
    p.displayName = "P";
    p.state = batch::PoolState::Active;
    p.vmSize = "standard_d2s_v3";
    p.virtualMachineConfiguration = batch::VirtualMachineConfiguration{};
    p.virtualMachineConfiguration->nodeAgentSkuId = "batch.node.ubuntu 22.04";
    p.certificateReferences = references();
    p.metadata = {{"k", "v"}};
    p.rawJson = R"({"id":"p"})";
    return p;
}

std::vector<migrate::CertificateUse> uses() {
    return {{migrate::ReferenceKind::Pool, "p", "localmachine", "My", {"task"}}};
}

migrate::Inventory inventory() {
    migrate::Inventory i;
    i.batchAccount = "a";
    i.certificateApiRetired = true;
    migrate::CertificateInventoryItem item;
    item.thumbprint = "AB";
    item.batchState = "active";
    item.fromCertificateApi = true;
    item.uses = uses();
    i.certificates = {item};
    i.pools = {{"p", "{}"}};
    i.jobSchedules = {{"s", "{}"}};
    return i;
}

migrate::Plan plan() {
    migrate::Plan p;
    p.batchAccount = "a";
    p.vaultUrl = "https://v.vault.azure.net";
    p.vaultError = "forbidden";
    p.warnings = {"w"};
    migrate::KeyFileFinding finding;
    finding.path = "/keys/a.pfx";
    finding.problem = migrate::KeyFileProblem::Duplicate;
    finding.detail = "d";
    finding.thumbprint = "AB";
    finding.listedByBatch = true;
    finding.duplicateOf = "/keys/b.pfx";
    p.fileFindings = {finding};
    migrate::PlanItem item;
    item.thumbprint = "AB";
    item.action = migrate::PlanAction::AlreadyPresent;
    item.reason = "r";
    item.targetName = "batch-ab";
    item.sourceFile = "/keys/b.pfx";
    item.recoverDeletedFirst = true;
    item.existingId = "https://v.vault.azure.net/certificates/batch-ab/1";
    item.uses = uses();
    p.items = {item};
    return p;
}

std::vector<migrate::PoolGuidance> poolsGuidance() {
    migrate::PoolGuidance g;
    g.poolId = "p";
    g.thumbprints = {"AB"};
    g.unmigrated = {"CD"};
    g.extensionJson = R"({"name":"KeyVaultForLinux"})";
    g.armPoolJson = "{}";
    g.batchPoolJson = "{}";
    return {g};
}

arm::Vault vault() {
    arm::Vault v;
    v.id = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/v";
    v.name = "v";
    v.type = "Microsoft.KeyVault/vaults";
    v.location = "westeurope";
    v.tags = {{"team", "capi"}};
    auto& p = v.properties;
    p.tenantId = "t";
    p.vaultUri = "https://v.vault.azure.net/";
    p.enableRbacAuthorization = p.enableSoftDelete = p.enablePurgeProtection = true;
    p.enabledForDeployment = p.enabledForDiskEncryption = p.enabledForTemplateDeployment = false;
    p.softDeleteRetentionInDays = 7;
    p.publicNetworkAccess = "Enabled";
    p.provisioningState = "Succeeded";
    p.accessPolicyCount = 1;
    return v;
}

std::vector<arm::Permission> permissions() {
    return {{{"Microsoft.KeyVault/*"},
             {"Microsoft.KeyVault/vaults/delete"},
             {"Microsoft.KeyVault/vaults/*"},
             {}}};
}

arm::RoleDefinition roleDefinition() {
    return {"/providers/Microsoft.Authorization/roleDefinitions/r",
            "r",
            "Microsoft.Authorization/roleDefinitions",
            "Key Vault Secrets User",
            "Read secrets",
            "BuiltInRole",
            permissions(),
            {"/"}};
}

arm::RoleAssignment roleAssignment() {
    return {"/s/providers/Microsoft.Authorization/roleAssignments/a",
            "a",
            "Microsoft.Authorization/roleAssignments",
            "/s",
            "/providers/Microsoft.Authorization/roleDefinitions/r",
            "p",
            "ServicePrincipal",
            "granted by kvbridge",
            kTime,
            kTime};
}

arm::BatchAccount batchAccount() {
    arm::BatchAccount a;
    a.id = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Batch/batchAccounts/a";
    a.name = "a";
    a.type = "Microsoft.Batch/batchAccounts";
    a.location = "westeurope";
    a.tags = {{"team", "capi"}};
    a.accountEndpoint = "a.westeurope.batch.azure.com";
    a.provisioningState = "Succeeded";
    a.poolAllocationMode = "UserSubscription";
    a.keyVaultReference =
        arm::BatchAccountKeyVaultReference{"/subscriptions/s/v", "https://v.vault.azure.net/"};
    a.identity =
        arm::ManagedServiceIdentity{"SystemAssigned, UserAssigned", "p", "t", {{"/id", {"p2", "c2"}}}};
    a.autoStorageAccountId = "/subscriptions/s/storage";
    a.publicNetworkAccess = "Enabled";
    return a;
}

arm::PoolResource armPool() {
    arm::PoolResource p;
    p.rawJson = R"({"id":"/p","name":"p","properties":{"vmSize":"STANDARD_D2S_V3"}})";
    return p;
}

template <class Model>
std::string written(capi::DocumentWriter<Model> write, const Model& model) {
    return capi::document(write, model);
}

/** Every document the C ABI writes, by schema name, from fully set models. */
std::map<std::string, std::vector<std::string>> producedDocuments() {
    keyvault::KeyVaultSecret secret{secretProperties(), SecretString("value")};
    keyvault::DeletedSecret deletedSecret{secretProperties(), SecretString("value")};
    fillDeletion(deletedSecret);
    keyvault::DeletedKey deletedKey{key()};
    fillDeletion(deletedKey);
    keyvault::DeletedCertificate deletedCertificate;
    static_cast<keyvault::KeyVaultCertificate&>(deletedCertificate) = certificate();
    fillDeletion(deletedCertificate);
    keyvault::CertificateContacts contacts{"https://v.vault.azure.net/certificates/contacts",
                                           {{"Ops", "ops@example.com", "2"}}};
    return {
        {"secret properties", {written(capi::writeSecretProperties, secretProperties())}},
        {"secret", {written(capi::writeSecret, secret)}},
        {"deleted secret", {written(capi::writeDeletedSecret, deletedSecret)}},
        {"key properties", {written(capi::writeKeyProperties, key().properties)}},
        {"key", {written(capi::writeKey, key())}},
        {"deleted key", {written(capi::writeDeletedKey, deletedKey)}},
        {"rotation policy", {written(capi::writeRotationPolicy, rotationPolicy())}},
        {"policy", {written(capi::writePolicy, policy())}},
        {"certificate properties", {written(capi::writeCertificateProperties, certificate().properties)}},
        {"certificate", {written(capi::writeCertificate, certificate())}},
        {"deleted certificate", {written(capi::writeDeletedCertificate, deletedCertificate)}},
        {"operation", {written(capi::writeOperation, operation())}},
        {"issuer", {written(capi::writeIssuer, issuer())}},
        {"issuer properties",
         {written(capi::writeIssuerProperties, keyvault::CertificateIssuerProperties{"id", "i", "Test"})}},
        {"contacts", {written(capi::writeContacts, contacts)}},
        {"batch certificate", {written(capi::writeBatchCertificate, batchCertificate())}},
        {"batch pool", {written(capi::writeBatchPool, batchPool())}},
        {"batch job schedule", {written(capi::writeBatchJobSchedule, jobLike<batch::BatchJobSchedule>())}},
        {"batch job", {written(capi::writeBatchJob, jobLike<batch::BatchJob>())}},
        {"migration inventory", {migrate::toJson(inventory())}},
        {"migration plan", {written(capi::writeMigrationPlan, plan())}},
        {"pools guidance", {migrate::toJson(poolsGuidance())}},
        {"vault", {written(capi::writeVault, vault())}},
        {"vault name availability",
         {written(capi::writeVaultNameAvailability,
                  arm::VaultNameAvailability{false, "AlreadyExists", "taken"})}},
        {"permission set", {written(capi::writePermissionSet, arm::PermissionSet{permissions()})}},
        {"role definition", {written(capi::writeRoleDefinition, roleDefinition())}},
        {"role assignment", {written(capi::writeRoleAssignment, roleAssignment())}},
        {"user assigned identity",
         {written(capi::writeUserAssignedIdentity,
                  arm::UserAssignedManagedIdentity{"/i",
                                                   "i",
                                                   "Microsoft.ManagedIdentity/userAssignedIdentities",
                                                   "westeurope",
                                                   {{"team", "capi"}},
                                                   "t",
                                                   "p",
                                                   "c"})}},
        {"batch account", {written(capi::writeBatchAccount, batchAccount())}},
        {"arm pool", {written(capi::writeArmPool, armPool())}},
    };
}

/** Member @p name of the JSON object @p json, as compact text. */
std::string memberText(const std::string& json, const char* name) {
    const auto doc = kvb::detail::parseJson(json, "document");
    return kvb::detail::toJsonText(doc[name]);
}

/** The message of the InvalidArgument @p read throws ("" when it throws none). */
template <class Read>
std::string invalidArgumentMessage(Read read) {
    try {
        read();
    } catch (const InvalidArgument& e) {
        return e.what();
    }
    return "";
}

} // namespace

TEST_SUITE("capi::documents") {
    TEST_CASE("every document the C ABI writes has exactly the members its header documents") {
        const auto& s = schemas();
        Checker checker(s);
        const auto produced = producedDocuments();
        for (const auto& [name, texts] : produced) {
            INFO("document \"" << name << "\"");
            REQUIRE_MESSAGE(s.byName.count(name), "not documented in any header");
            for (const auto& text : texts) {
                INFO(text);
                const auto problems = checker.check(name, text);
                for (const auto& p : problems) FAIL_CHECK(p);
            }
        }
        // Every optional member is written by some model: the schema names nothing kvbridge never writes.
        for (const auto& path : checker.unseen()) FAIL_CHECK("documented but never written: " << path);
        // Every documented document is written or a part of one.
        for (const auto& [name, type] : s.byName) {
            INFO(s.header.at(name) << ": \"" << name << "\"");
            CHECK((produced.count(name) || s.referenced.count(name)));
        }
    }

    TEST_CASE("the schema check bites: a member renamed, missing, of another type or extra is caught") {
        Checker checker(schemas());
        const auto good = written(capi::writeSecretProperties, secretProperties());
        CHECK(checker.check("secret properties", good).empty());
        auto renamed = good;
        renamed.replace(renamed.find("\"previousVersion\""), 17, "\"previous\"");
        CHECK(checker.check("secret properties", renamed).size() == 1);
        auto wrongType = good;
        wrongType.replace(wrongType.find("\"managed\":true"), 14, "\"managed\":\"yes\"");
        CHECK(checker.check("secret properties", wrongType).size() == 1);
        CHECK(checker.check("secret properties", R"({"id":"i","name":"n"})").size() ==
              3); // version, tags, managed
    }

    TEST_CASE("the policy reads back as written, in C++ field names, its read-only members ignored") {
        const auto text = written(capi::writePolicy, policy());
        auto read = capi::readPolicy(text);
        auto expected = policy();
        expected.id.clear();
        expected.createdOn = expected.updatedOn = std::nullopt;
        expected.certificateAuthority = std::nullopt;
        CHECK(written(capi::writePolicy, read) == written(capi::writePolicy, expected));
        CHECK(text.find("key_props") == std::string::npos);
        CHECK_THROWS_AS(capi::readPolicy(R"({"keySize":"big"})"), InvalidArgument);
        CHECK_THROWS_AS(capi::readPolicy(R"({"lifetimeActions":[{"daysBeforeExpiry":3}]})"), InvalidArgument);
        CHECK_THROWS_AS(capi::readPolicy("{not json"), InvalidArgument);
    }

    TEST_CASE("rotation and release policies, issuers, contacts and JWKs read back as written") {
        auto rotation = rotationPolicy();
        const auto rotationText = written(capi::writeRotationPolicy, rotation);
        rotation.id.reset();
        rotation.createdOn = rotation.updatedOn = std::nullopt;
        CHECK(written(capi::writeRotationPolicy, capi::readRotationPolicy(rotationText)) ==
              written(capi::writeRotationPolicy, rotation));

        const auto keyText = written(capi::writeKey, key());
        const auto release = capi::readReleasePolicy(memberText(keyText, "releasePolicy"));
        CHECK(release.contentType == key().properties.releasePolicy->contentType);
        CHECK(release.immutable == key().properties.releasePolicy->immutable);
        CHECK(release.encodedPolicy == key().properties.releasePolicy->encodedPolicy);
        CHECK_THROWS_AS(capi::readReleasePolicy(R"({"immutable":true})"), InvalidArgument);

        const auto jwk = capi::readJwk(memberText(keyText, "key"));
        CHECK(jwk.kid == key().key.kid);
        CHECK(jwk.keyOps == key().key.keyOps);
        CHECK(jwk.d.size() == 2);

        auto input = issuer();
        const auto issuerText = written(capi::writeIssuer, input);
        CHECK(issuerText.find("hunter2") == std::string::npos);
        auto withPassword = issuerText;
        withPassword.insert(1, R"("password":"hunter2",)");
        const auto readIssuer = capi::readIssuer(withPassword);
        CHECK(readIssuer.password.reveal() == "hunter2");
        input.id.clear();
        input.createdOn = input.updatedOn = std::nullopt;
        CHECK(written(capi::writeIssuer, readIssuer) == written(capi::writeIssuer, input));
        CHECK_THROWS_AS(capi::readIssuer(R"({"name":"x","password":5})"), InvalidArgument);

        const keyvault::CertificateContacts contacts{"", {{"Ops", "ops@example.com", "2"}}};
        const auto contactsText = written(capi::writeContacts, contacts);
        CHECK(written(capi::writeContacts,
                      keyvault::CertificateContacts{"", capi::readContacts(contactsText)}) == contactsText);
        CHECK_THROWS_AS(capi::readContacts(R"({"contacts":7})"), InvalidArgument);
    }

    TEST_CASE("a bad document's error names the document once, and the member at fault") {
        CHECK(invalidArgumentMessage([] {
                  capi::readPolicy("{not json");
              }).starts_with("policy: malformed JSON at offset 1 ("));
        CHECK(invalidArgumentMessage([] { capi::readPolicy("[]"); }) == "policy: expected a JSON object");
        CHECK(invalidArgumentMessage([] {
                  capi::readPolicy(R"({"keySize":"big"})");
              }).starts_with("policy: JSON field 'keySize' is not "));
        CHECK(invalidArgumentMessage([] {
                  capi::readIssuer("{not json");
              }).starts_with("issuer: malformed JSON at offset 1 ("));
        CHECK(invalidArgumentMessage([] { capi::readIssuer("[]"); }) == "issuer: expected a JSON object");
        const auto password = invalidArgumentMessage([] { capi::readIssuer(R"({"password":["hunter2"]})"); });
        CHECK(password.starts_with("issuer: JSON field 'password' is not "));
        CHECK(password.find("hunter2") == std::string::npos);
    }

    TEST_CASE("permission sets and Resource Manager pools read back as written") {
        const arm::PermissionSet set{permissions()};
        const auto setText = written(capi::writePermissionSet, set);
        CHECK(written(capi::writePermissionSet, capi::readPermissionSet(setText)) == setText);
        CHECK_THROWS_AS(capi::readPermissionSet(R"({"permissions":[{"actions":"*"}]})"), InvalidArgument);

        const std::string body =
            R"({"identity":{"type":"UserAssigned","userAssignedIdentities":{"/id":{}}},)"
            R"("properties":{"vmSize":"STANDARD_D2S_V3","deploymentConfiguration":)"
            R"({"virtualMachineConfiguration":{"imageReference":{"publisher":"p","offer":"o",)"
            R"("sku":"s"},"nodeAgentSkuId":"n","extensions":[{"name":"kv","publisher":)"
            R"("Microsoft.Azure.KeyVault","type":"KeyVaultForLinux","typeHandlerVersion":"3.0"}]}}}})";
        const auto pool = capi::readArmPool(body);
        CHECK(pool.vmSize == "STANDARD_D2S_V3");
        REQUIRE(pool.identity);
        CHECK(pool.identity->userAssignedIdentities.count("/id") == 1);
        REQUIRE(pool.virtualMachineConfiguration);
        REQUIRE(pool.virtualMachineConfiguration->extensions.size() == 1);
        CHECK(pool.virtualMachineConfiguration->extensions[0].type == "KeyVaultForLinux");
        CHECK_THROWS_AS(capi::readArmPool(R"({"identity":"UserAssigned"})"), InvalidArgument);
    }
}
