// SPDX-License-Identifier: MIT
// The documents of certificates.h.

#include "documents/certificates.hpp"

#include <kvbridge/secret_string.hpp>

#include <span>

#include "core/encoding.hpp"

namespace kvb::capi {

namespace {

namespace kvd = kvb::detail;

void writeStrings(JsonWriter& w, std::string_view name, const std::vector<std::string>& list) {
    if (!list.empty()) w.member(name, list);
}

void writeSubjectAlternativeNames(JsonWriter& w, const keyvault::SubjectAlternativeNames& s) {
    writeObject(w, [&] {
        writeStrings(w, "emails", s.emails);
        writeStrings(w, "dnsNames", s.dnsNames);
        writeStrings(w, "upns", s.upns);
        writeStrings(w, "uris", s.uris);
        writeStrings(w, "ipAddresses", s.ipAddresses);
    });
}

keyvault::SubjectAlternativeNames readSubjectAlternativeNames(const JsonValue& o) {
    return {kvd::optStringArray(o, "emails"), kvd::optStringArray(o, "dnsNames"),
            kvd::optStringArray(o, "upns"), kvd::optStringArray(o, "uris"),
            kvd::optStringArray(o, "ipAddresses")};
}

std::optional<int> optInt32(const JsonValue& o, std::string_view name) {
    if (auto v = kvd::optInt(o, name)) return static_cast<int>(*v);
    return std::nullopt;
}

void writeCertificatePropertiesMembers(JsonWriter& w, const keyvault::CertificateProperties& p) {
    writePropertiesMembers(w, p);
    w.member("x5t", p.x5t).member("preserveCertOrder", p.preserveCertOrder);
}

void writeCertificateMembers(JsonWriter& w, const keyvault::KeyVaultCertificate& c) {
    writeCertificatePropertiesMembers(w, c.properties);
    w.member("keyId", c.keyId).member("secretId", c.secretId).member("contentType", c.contentType);
    w.member("cer", kvd::base64Encode(std::span<const std::uint8_t>(c.cer)));
    if (c.policy) writePolicy(w.key("policy"), *c.policy);
}

} // namespace

void writePolicy(JsonWriter& w, const keyvault::CertificatePolicy& p) {
    writeObject(w, [&] {
        w.member("id", unlessEmpty(p.id));
        w.member("keyType", p.keyType).member("keySize", p.keySize).member("keyCurveName", p.keyCurveName);
        w.member("exportable", p.exportable).member("reuseKey", p.reuseKey);
        w.member("contentType", p.contentType);
        w.member("subject", p.subject);
        if (!p.subjectAlternativeNames.empty())
            writeSubjectAlternativeNames(w.key("subjectAlternativeNames"), p.subjectAlternativeNames);
        writeStrings(w, "enhancedKeyUsage", p.enhancedKeyUsage);
        writeStrings(w, "keyUsage", p.keyUsage);
        w.member("validityInMonths", p.validityInMonths);
        if (!p.lifetimeActions.empty()) {
            writeObjects(w, "lifetimeActions", p.lifetimeActions, [&](const keyvault::LifetimeAction& a) {
                w.member("lifetimePercentage", a.lifetimePercentage)
                    .member("daysBeforeExpiry", a.daysBeforeExpiry);
                w.member("action", a.action);
            });
        }
        w.member("issuerName", p.issuerName).member("certificateType", p.certificateType);
        w.member("certificateTransparency", p.certificateTransparency);
        w.member("enabled", p.enabled);
        w.memberUnixTime("createdOn", p.createdOn);
        w.memberUnixTime("updatedOn", p.updatedOn);
        w.member("certificateAuthority", p.certificateAuthority);
    });
}

keyvault::CertificatePolicy readPolicy(std::string_view json) {
    return readDocument(json, "policy", [](const JsonValue& o) {
        keyvault::CertificatePolicy p;
        p.keyType = kvd::optString(o, "keyType");
        p.keySize = optInt32(o, "keySize");
        p.keyCurveName = kvd::optString(o, "keyCurveName");
        p.exportable = kvd::optBool(o, "exportable");
        p.reuseKey = kvd::optBool(o, "reuseKey");
        p.contentType = kvd::optString(o, "contentType");
        p.subject = kvd::optString(o, "subject");
        if (const auto* sans = kvd::findMember(o, "subjectAlternativeNames"))
            p.subjectAlternativeNames =
                readSubjectAlternativeNames(kvd::requireObject(*sans, "subjectAlternativeNames"));
        p.enhancedKeyUsage = kvd::optStringArray(o, "enhancedKeyUsage");
        p.keyUsage = kvd::optStringArray(o, "keyUsage");
        p.validityInMonths = optInt32(o, "validityInMonths");
        forEachObject(o, "lifetimeActions", [&](const JsonValue& a) {
            p.lifetimeActions.push_back({optInt32(a, "lifetimePercentage"), optInt32(a, "daysBeforeExpiry"),
                                         kvd::requireString(a, "action")});
        });
        p.issuerName = kvd::optString(o, "issuerName");
        p.certificateType = kvd::optString(o, "certificateType");
        p.certificateTransparency = kvd::optBool(o, "certificateTransparency");
        p.enabled = kvd::optBool(o, "enabled");
        return p;
    });
}

void writeCertificateProperties(JsonWriter& w, const keyvault::CertificateProperties& p) {
    writeObject(w, [&] { writeCertificatePropertiesMembers(w, p); });
}

void writeCertificate(JsonWriter& w, const keyvault::KeyVaultCertificate& c) {
    writeObject(w, [&] { writeCertificateMembers(w, c); });
}

void writeDeletedCertificate(JsonWriter& w, const keyvault::DeletedCertificate& d) {
    writeObject(w, [&] {
        writeCertificateMembers(w, d);
        writeDeletionMembers(w, d);
    });
}

void writeOperation(JsonWriter& w, const keyvault::CertificateOperation& o) {
    writeObject(w, [&] {
        w.member("id", o.id).member("name", o.name).member("status", o.status);
        w.member("statusDetails", o.statusDetails)
            .member("target", o.target)
            .member("requestId", o.requestId);
        w.member("issuerName", o.issuerName).member("certificateType", o.certificateType);
        w.member("certificateTransparency", o.certificateTransparency);
        w.member("csr", kvd::base64Encode(std::span<const std::uint8_t>(o.csr)));
        w.member("cancellationRequested", o.cancellationRequested);
        w.member("preserveCertOrder", o.preserveCertOrder);
        if (const auto& e = o.error) {
            writeObject(w.key("error"), [&] {
                w.member("code", e->code).member("message", e->message).member("innerCode", e->innerCode);
            });
        }
    });
}

void writeIssuer(JsonWriter& w, const keyvault::CertificateIssuer& i) {
    writeObject(w, [&] {
        w.member("id", i.id).member("name", i.name).member("provider", i.provider);
        w.member("accountId", i.accountId).member("organizationId", i.organizationId);
        writeObjects(w, "administrators", i.administrators, [&](const keyvault::AdministratorContact& a) {
            w.member("firstName", a.firstName).member("lastName", a.lastName);
            w.member("email", a.email).member("phone", a.phone);
        });
        w.member("enabled", i.enabled);
        w.memberUnixTime("createdOn", i.createdOn);
        w.memberUnixTime("updatedOn", i.updatedOn);
    });
}

keyvault::CertificateIssuer readIssuer(std::string_view json) {
    return readSecretDocument(json, "issuer", [](const JsonValue& o) {
        keyvault::CertificateIssuer out;
        out.name = kvd::optString(o, "name").value_or("");
        out.provider = kvd::optString(o, "provider").value_or("");
        out.accountId = kvd::optString(o, "accountId");
        // The password goes straight from the wiped document into wiped memory.
        if (const auto* pwd = kvd::findMember(o, "password"))
            out.password = SecretString(kvd::stringValue(*pwd, "password"));
        out.organizationId = kvd::optString(o, "organizationId");
        forEachObject(o, "administrators", [&](const JsonValue& a) {
            out.administrators.push_back(
                {kvd::optString(a, "firstName").value_or(""), kvd::optString(a, "lastName").value_or(""),
                 kvd::optString(a, "email").value_or(""), kvd::optString(a, "phone").value_or("")});
        });
        out.enabled = kvd::optBool(o, "enabled");
        return out;
    });
}

void writeIssuerProperties(JsonWriter& w, const keyvault::CertificateIssuerProperties& p) {
    writeObject(w, [&] { w.member("id", p.id).member("name", p.name).member("provider", p.provider); });
}

void writeContacts(JsonWriter& w, const keyvault::CertificateContacts& c) {
    writeObject(w, [&] {
        w.member("id", unlessEmpty(c.id));
        writeObjects(w, "contacts", c.contacts, [&](const keyvault::CertificateContact& contact) {
            w.member("name", contact.name).member("email", contact.email).member("phone", contact.phone);
        });
    });
}

std::vector<keyvault::CertificateContact> readContacts(std::string_view json) {
    return readDocument(json, "contacts", [](const JsonValue& o) {
        std::vector<keyvault::CertificateContact> out;
        forEachObject(o, "contacts", [&](const JsonValue& c) {
            out.push_back({kvd::optString(c, "name").value_or(""), kvd::optString(c, "email").value_or(""),
                           kvd::optString(c, "phone").value_or("")});
        });
        return out;
    });
}

} // namespace kvb::capi
