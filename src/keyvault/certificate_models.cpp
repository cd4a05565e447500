// SPDX-License-Identifier: MIT
#include "keyvault/certificate_models.hpp"

#include <kvbridge/error.hpp>

#include "core/encoding.hpp"
#include "keyvault/object_attributes.hpp"

namespace kvb::keyvault {

namespace {

using kvb::detail::findMember;
using kvb::detail::optBool;
using kvb::detail::optString;
using kvb::detail::optStringArray;
using kvb::detail::requireObject;

std::optional<int> optInt32(const JsonValue& obj, std::string_view name) {
    if (auto v = kvb::detail::optInt(obj, name)) return static_cast<int>(*v);
    return std::nullopt;
}

std::string stringOr(const JsonValue& obj, std::string_view name) {
    return optString(obj, name).value_or(std::string());
}

// Bytes fields (cer, csr) are standard base64 on the wire.
std::vector<std::uint8_t> optBase64(const JsonValue& obj, std::string_view name, std::string_view what) {
    auto text = optString(obj, name);
    if (!text) return {};
    try {
        return kvb::detail::base64Decode(*text);
    } catch (const ParseError&) {
        throw ParseError(std::string(what) + ": '" + std::string(name) + "' is not base64");
    }
}

// The last path segment of an id (issuers: https://{vault}/certificates/issuers/{name}).
std::string lastSegment(std::string_view id) {
    while (!id.empty() && id.back() == '/') id.remove_suffix(1);
    const auto slash = id.rfind('/');
    return std::string(slash == std::string_view::npos ? id : id.substr(slash + 1));
}

// Call @p read with member @p name of @p obj when present; @throws ParseError when not an object.
template <class Read>
void withObject(const JsonValue& obj, std::string_view name, Read read) {
    if (const JsonValue* member = findMember(obj, name)) read(requireObject(*member, name));
}

// Call @p read with each item (an object named @p item) of array member @p name of @p what.
template <class Read>
void forEachObject(const JsonValue& obj, std::string_view name, std::string_view what, std::string_view item,
                   Read read) {
    const JsonValue* list = findMember(obj, name);
    if (list == nullptr) return;
    if (!list->IsArray())
        throw ParseError(std::string(what) + ": '" + std::string(name) + "' is not an array");
    for (const auto& value : list->GetArray()) read(requireObject(value, item));
}

// Policies and issuers carry only enabled, created and updated of the "attributes" object.
template <class Model>
void readEnabledAndTimes(const JsonValue& obj, Model& m) {
    const auto a = readAttributes(obj);
    m.enabled = a.enabled;
    m.createdOn = a.createdOn;
    m.updatedOn = a.updatedOn;
}

void readIssuerParameters(const JsonValue& obj, std::optional<std::string>& name,
                          std::optional<std::string>& type, std::optional<bool>& transparency) {
    withObject(obj, "issuer", [&](const JsonValue& i) {
        name = optString(i, "name");
        type = optString(i, "cty");
        transparency = optBool(i, "cert_transparency");
    });
}

void readKeyProps(const JsonValue& k, CertificatePolicy& p) {
    p.keyType = optString(k, "kty");
    p.keySize = optInt32(k, "key_size");
    p.keyCurveName = optString(k, "crv");
    p.exportable = optBool(k, "exportable");
    p.reuseKey = optBool(k, "reuse_key");
}

void readSans(const JsonValue& s, SubjectAlternativeNames& sans) {
    sans.emails = optStringArray(s, "emails");
    sans.dnsNames = optStringArray(s, "dns_names");
    sans.upns = optStringArray(s, "upns");
    sans.uris = optStringArray(s, "uris");
    sans.ipAddresses = optStringArray(s, "ipAddresses");
}

void readX509Props(const JsonValue& x, CertificatePolicy& p) {
    p.subject = optString(x, "subject");
    p.enhancedKeyUsage = optStringArray(x, "ekus");
    p.keyUsage = optStringArray(x, "key_usage");
    p.validityInMonths = optInt32(x, "validity_months");
    withObject(x, "sans", [&](const JsonValue& s) { readSans(s, p.subjectAlternativeNames); });
    withObject(x, "basic_constraints",
               [&](const JsonValue& b) { p.certificateAuthority = optBool(b, "ca"); });
}

LifetimeAction readLifetimeAction(const JsonValue& a) {
    LifetimeAction action;
    withObject(a, "trigger", [&](const JsonValue& t) {
        action.lifetimePercentage = optInt32(t, "lifetime_percentage");
        action.daysBeforeExpiry = optInt32(t, "days_before_expiry");
    });
    withObject(a, "action", [&](const JsonValue& act) { action.action = stringOr(act, "action_type"); });
    return action;
}

void fillProperties(const JsonValue& obj, CertificateProperties& p, std::string_view what) {
    p.id = stringOr(obj, "id");
    if (!p.id.empty()) readId(p.id, p, what);
    p.x5t = stringOr(obj, "x5t");
    readAttributes(obj, p);
    p.tags = kvb::detail::optStringMap(obj, "tags");
    p.preserveCertOrder = optBool(obj, "preserveCertOrder");
}

void fillCertificate(const JsonValue& obj, KeyVaultCertificate& c, std::string_view what) {
    fillProperties(obj, c.properties, what);
    c.keyId = stringOr(obj, "kid");
    c.secretId = stringOr(obj, "sid");
    c.cer = optBase64(obj, "cer", what);
    c.contentType = stringOr(obj, "contentType");
    if (const JsonValue* policy = findMember(obj, "policy")) c.policy = parsePolicy(*policy);
}

void writeStrings(JsonWriter& w, std::string_view name, const std::vector<std::string>& list) {
    if (!list.empty()) w.member(name, list);
}

void writeTags(JsonWriter& w, const std::map<std::string, std::string>& tags) {
    if (!tags.empty()) w.member("tags", tags);
}

} // namespace

CertificateProperties parseCertificateProperties(const JsonValue& obj) {
    CertificateProperties p;
    fillProperties(requireObject(obj, "certificate item"), p, "certificate item");
    return p;
}

KeyVaultCertificate parseCertificate(const JsonValue& obj) {
    KeyVaultCertificate c;
    fillCertificate(requireObject(obj, "certificate bundle"), c, "certificate bundle");
    return c;
}

DeletedCertificate parseDeletedCertificate(const JsonValue& obj) {
    DeletedCertificate d;
    const JsonValue& o = requireObject(obj, "deleted certificate");
    fillCertificate(o, d, "deleted certificate");
    d.recoveryId = optString(o, "recoveryId");
    d.deletedOn = kvb::detail::optUnixTime(o, "deletedDate");
    d.scheduledPurgeDate = kvb::detail::optUnixTime(o, "scheduledPurgeDate");
    return d;
}

CertificatePolicy parsePolicy(const JsonValue& obj) {
    const JsonValue& o = requireObject(obj, "certificate policy");
    CertificatePolicy p;
    p.id = stringOr(o, "id");
    withObject(o, "key_props", [&](const JsonValue& k) { readKeyProps(k, p); });
    withObject(o, "secret_props", [&](const JsonValue& sp) { p.contentType = optString(sp, "contentType"); });
    withObject(o, "x509_props", [&](const JsonValue& x) { readX509Props(x, p); });
    forEachObject(o, "lifetime_actions", "certificate policy", "lifetime action",
                  [&](const JsonValue& a) { p.lifetimeActions.push_back(readLifetimeAction(a)); });
    readIssuerParameters(o, p.issuerName, p.certificateType, p.certificateTransparency);
    readEnabledAndTimes(o, p);
    return p;
}

CertificateOperation parseOperation(const JsonValue& obj) {
    const JsonValue& o = requireObject(obj, "certificate operation");
    CertificateOperation op;
    op.id = stringOr(o, "id");
    if (!op.id.empty()) {
        const auto parts = parseResponseId(op.id, "certificate operation");
        op.vaultUrl = parts.vaultUrl;
        op.name = parts.name;
    }
    readIssuerParameters(o, op.issuerName, op.certificateType, op.certificateTransparency);
    op.csr = optBase64(o, "csr", "certificate operation");
    op.cancellationRequested = optBool(o, "cancellation_requested").value_or(false);
    op.status = stringOr(o, "status");
    op.statusDetails = stringOr(o, "status_details");
    withObject(o, "error", [&](const JsonValue& e) {
        CertificateOperationError err;
        err.code = stringOr(e, "code");
        err.message = stringOr(e, "message");
        withObject(e, "innererror", [&](const JsonValue& inner) { err.innerCode = stringOr(inner, "code"); });
        op.error = std::move(err);
    });
    op.target = stringOr(o, "target");
    op.requestId = stringOr(o, "request_id");
    op.preserveCertOrder = optBool(o, "preserveCertOrder");
    return op;
}

CertificateIssuer parseIssuer(const JsonValue& obj) {
    const JsonValue& o = requireObject(obj, "issuer bundle");
    CertificateIssuer issuer;
    issuer.id = stringOr(o, "id");
    issuer.name = lastSegment(issuer.id);
    issuer.provider = stringOr(o, "provider");
    withObject(o, "credentials", [&](const JsonValue& c) { issuer.accountId = optString(c, "account_id"); });
    withObject(o, "org_details", [&](const JsonValue& d) {
        issuer.organizationId = optString(d, "id");
        forEachObject(d, "admin_details", "issuer bundle", "admin_details", [&](const JsonValue& a) {
            issuer.administrators.push_back({stringOr(a, "first_name"), stringOr(a, "last_name"),
                                             stringOr(a, "email"), stringOr(a, "phone")});
        });
    });
    readEnabledAndTimes(o, issuer);
    return issuer;
}

CertificateIssuerProperties parseIssuerProperties(const JsonValue& obj) {
    const JsonValue& o = requireObject(obj, "issuer item");
    CertificateIssuerProperties p;
    p.id = stringOr(o, "id");
    p.name = lastSegment(p.id);
    p.provider = stringOr(o, "provider");
    return p;
}

CertificateContacts parseContacts(const JsonValue& obj) {
    const JsonValue& o = requireObject(obj, "contacts");
    CertificateContacts out{.id = stringOr(o, "id")};
    forEachObject(o, "contacts", "contacts", "contact", [&](const JsonValue& c) {
        out.contacts.push_back({stringOr(c, "name"), stringOr(c, "email"), stringOr(c, "phone")});
    });
    return out;
}

std::vector<std::uint8_t> parseBackup(const JsonValue& obj) {
    const auto value = kvb::detail::requireString(requireObject(obj, "backup result"), "value");
    try {
        return kvb::detail::base64UrlDecode(value);
    } catch (const ParseError&) {
        throw ParseError("backup result: 'value' is not base64url");
    }
}

namespace {

// The service answers with read-only members a request must not carry (id, the times, basic
// constraints); one writer serves both so that the sections cannot drift apart.
enum class PolicyDocument { Request, Response };

void writePolicyDocument(JsonWriter& w, const CertificatePolicy& p, PolicyDocument kind) {
    const bool response = kind == PolicyDocument::Response;
    w.startObject();
    if (response && !p.id.empty()) w.member("id", p.id);
    if (p.keyType || p.keySize || p.keyCurveName || p.exportable || p.reuseKey) {
        w.key("key_props").startObject();
        w.member("exportable", p.exportable);
        w.member("kty", p.keyType);
        w.member("key_size", p.keySize);
        w.member("crv", p.keyCurveName);
        w.member("reuse_key", p.reuseKey);
        w.endObject();
    }
    if (p.contentType) w.key("secret_props").startObject().member("contentType", *p.contentType).endObject();
    const auto& sans = p.subjectAlternativeNames;
    const bool basicConstraints = response && p.certificateAuthority;
    if (p.subject || !sans.empty() || !p.enhancedKeyUsage.empty() || !p.keyUsage.empty() ||
        p.validityInMonths || basicConstraints) {
        w.key("x509_props").startObject();
        w.member("subject", p.subject);
        writeStrings(w, "ekus", p.enhancedKeyUsage);
        if (!sans.empty()) {
            w.key("sans").startObject();
            writeStrings(w, "emails", sans.emails);
            writeStrings(w, "dns_names", sans.dnsNames);
            writeStrings(w, "upns", sans.upns);
            writeStrings(w, "uris", sans.uris);
            writeStrings(w, "ipAddresses", sans.ipAddresses);
            w.endObject();
        }
        writeStrings(w, "key_usage", p.keyUsage);
        w.member("validity_months", p.validityInMonths);
        if (basicConstraints)
            w.key("basic_constraints").startObject().member("ca", *p.certificateAuthority).endObject();
        w.endObject();
    }
    if (!p.lifetimeActions.empty()) {
        w.key("lifetime_actions").startArray();
        for (const auto& a : p.lifetimeActions) {
            w.startObject();
            w.key("trigger").startObject();
            w.member("lifetime_percentage", a.lifetimePercentage);
            w.member("days_before_expiry", a.daysBeforeExpiry);
            w.endObject();
            w.key("action").startObject().member("action_type", a.action).endObject();
            w.endObject();
        }
        w.endArray();
    }
    if (p.issuerName || p.certificateType || p.certificateTransparency) {
        w.key("issuer").startObject();
        w.member("name", p.issuerName);
        w.member("cty", p.certificateType);
        w.member("cert_transparency", p.certificateTransparency);
        w.endObject();
    }
    if (!response) {
        writeAttributes(w, p.enabled);
    } else if (p.enabled || p.createdOn || p.updatedOn) {
        w.key("attributes").startObject().member("enabled", p.enabled);
        w.memberUnixTime("created", p.createdOn).memberUnixTime("updated", p.updatedOn);
        w.endObject();
    }
    w.endObject();
}

} // namespace

void writePolicy(JsonWriter& w, const CertificatePolicy& policy) {
    writePolicyDocument(w, policy, PolicyDocument::Request);
}

void writePolicyResponse(JsonWriter& w, const CertificatePolicy& policy) {
    writePolicyDocument(w, policy, PolicyDocument::Response);
}

void writeCreateBody(JsonWriter& w, const CertificatePolicy& policy,
                     const CreateCertificateOptions& options) {
    w.startObject();
    w.key("policy");
    writePolicy(w, policy);
    writeAttributes(w, options.enabled);
    writeTags(w, options.tags);
    w.member("preserveCertOrder", options.preserveCertOrder);
    w.endObject();
}

void writeImportBody(JsonWriter& w, std::string_view value, std::string_view contentType,
                     const SecretString& password, const ImportCertificateOptions& options) {
    w.startObject();
    w.member("value", value);
    if (!password.empty()) w.member("pwd", password.reveal());
    CertificatePolicy policy = options.policy.value_or(CertificatePolicy{});
    policy.contentType = std::string(contentType);
    w.key("policy");
    writePolicy(w, policy);
    writeAttributes(w, options.enabled);
    writeTags(w, options.tags);
    w.member("preserveCertOrder", options.preserveCertOrder);
    w.endObject();
}

void writeMergeBody(JsonWriter& w, const MergeCertificateOptions& options) {
    w.startObject();
    w.key("x5c").startArray();
    for (const auto& der : options.x509Certificates) w.value(kvb::detail::base64Encode(der));
    w.endArray();
    writeAttributes(w, options.enabled);
    writeTags(w, options.tags);
    w.endObject();
}

void writeUpdatePropertiesBody(JsonWriter& w, const UpdateCertificatePropertiesOptions& options) {
    w.startObject();
    writeAttributes(w, options.enabled, options.notBefore, options.expiresOn);
    if (options.tags) w.member("tags", *options.tags);
    w.endObject();
}

void writeIssuerBody(JsonWriter& w, const CertificateIssuer& issuer) {
    w.startObject();
    if (!issuer.provider.empty()) w.member("provider", issuer.provider);
    if (issuer.accountId || !issuer.password.empty()) {
        w.key("credentials").startObject();
        w.member("account_id", issuer.accountId);
        if (!issuer.password.empty()) w.member("pwd", issuer.password.reveal());
        w.endObject();
    }
    if (issuer.organizationId || !issuer.administrators.empty()) {
        w.key("org_details").startObject();
        w.member("id", issuer.organizationId);
        if (!issuer.administrators.empty()) {
            w.key("admin_details").startArray();
            for (const auto& a : issuer.administrators) {
                w.startObject();
                if (!a.firstName.empty()) w.member("first_name", a.firstName);
                if (!a.lastName.empty()) w.member("last_name", a.lastName);
                if (!a.email.empty()) w.member("email", a.email);
                if (!a.phone.empty()) w.member("phone", a.phone);
                w.endObject();
            }
            w.endArray();
        }
        w.endObject();
    }
    writeAttributes(w, issuer.enabled);
    w.endObject();
}

void writeContactsBody(JsonWriter& w, const std::vector<CertificateContact>& contacts, std::string_view id) {
    w.startObject();
    if (!id.empty()) w.member("id", id);
    w.key("contacts").startArray();
    for (const auto& c : contacts) {
        w.startObject();
        if (!c.email.empty()) w.member("email", c.email);
        if (!c.name.empty()) w.member("name", c.name);
        if (!c.phone.empty()) w.member("phone", c.phone);
        w.endObject();
    }
    w.endArray();
    w.endObject();
}

void writeCancelOperationBody(JsonWriter& w) {
    w.startObject().member("cancellation_requested", true).endObject();
}

void writeRestoreBody(JsonWriter& w, std::span<const std::uint8_t> backup) {
    w.startObject().member("value", kvb::detail::base64UrlEncode(backup)).endObject();
}

} // namespace kvb::keyvault
