// SPDX-License-Identifier: MIT
#pragma once

// The documents of certificates.h: policy, certificate (properties, deleted), operation, issuer,
// contacts. The policy is kvb::keyvault::CertificatePolicy member for member, translated from and
// to the Key Vault REST form by the library, never passed through.

#include <kvbridge/keyvault/certificate.hpp>

#include <vector>

#include "documents/document.hpp"

namespace kvb::capi {

/** "policy", with the read-only members the service sent. */
void writePolicy(JsonWriter& w, const keyvault::CertificatePolicy& p);
/** A "policy" document (its read-only members ignored). */
keyvault::CertificatePolicy readPolicy(std::string_view json);
/** "certificate properties". */
void writeCertificateProperties(JsonWriter& w, const keyvault::CertificateProperties& p);
/** "certificate". */
void writeCertificate(JsonWriter& w, const keyvault::KeyVaultCertificate& c);
/** "deleted certificate". */
void writeDeletedCertificate(JsonWriter& w, const keyvault::DeletedCertificate& d);
/** "operation". */
void writeOperation(JsonWriter& w, const keyvault::CertificateOperation& o);
/** "issuer" (never its password). */
void writeIssuer(JsonWriter& w, const keyvault::CertificateIssuer& i);
/** An "issuer" document, parsed in a wiped arena since it may hold the account's password. */
keyvault::CertificateIssuer readIssuer(std::string_view json);
/** "issuer properties". */
void writeIssuerProperties(JsonWriter& w, const keyvault::CertificateIssuerProperties& p);
/** "contacts". */
void writeContacts(JsonWriter& w, const keyvault::CertificateContacts& c);
/** A "contacts" document (its id ignored). */
std::vector<keyvault::CertificateContact> readContacts(std::string_view json);

} // namespace kvb::capi
