// SPDX-License-Identifier: MIT
#pragma once

// JSON <-> certificate models (wire names from specs/keyvault/*/certificates.json).

#include <kvbridge/keyvault/certificate.hpp>

#include <span>
#include <string_view>
#include <vector>

#include "core/json.hpp"

namespace kvb::keyvault {

using kvb::detail::JsonValue;
using kvb::detail::JsonWriter;

// --- responses ---------------------------------------------------------------------------------
CertificateProperties parseCertificateProperties(const JsonValue& obj); // CertificateItem/Bundle
KeyVaultCertificate parseCertificate(const JsonValue& obj);             // CertificateBundle
DeletedCertificate parseDeletedCertificate(const JsonValue& obj);       // Deleted bundle or item
CertificatePolicy parsePolicy(const JsonValue& obj);
CertificateOperation parseOperation(const JsonValue& obj);
CertificateIssuer parseIssuer(const JsonValue& obj);                     // IssuerBundle
CertificateIssuerProperties parseIssuerProperties(const JsonValue& obj); // CertificateIssuerItem
CertificateContacts parseContacts(const JsonValue& obj);                 // Contacts
/** The "value" of a backup result, base64url-decoded. */
std::vector<std::uint8_t> parseBackup(const JsonValue& obj);
/**
 * @p policy as the service answers it: the request members plus the read-only id, created,
 * updated and basic_constraints, so that parsePolicy() reads back every field.
 */
void writePolicyResponse(JsonWriter& w, const CertificatePolicy& policy);

// --- request bodies (each writes one complete JSON object) -----------------------------------
void writePolicy(JsonWriter& w, const CertificatePolicy& policy);
void writeCreateBody(JsonWriter& w, const CertificatePolicy& policy, const CreateCertificateOptions& options);
/**
 * @p value: base64 PFX or PEM text; @p contentType is written into the policy's secret_props
 * (over any value there); @p password is sent when not empty.
 */
void writeImportBody(JsonWriter& w, std::string_view value, std::string_view contentType,
                     const SecretString& password, const ImportCertificateOptions& options);
void writeMergeBody(JsonWriter& w, const MergeCertificateOptions& options);
void writeUpdatePropertiesBody(JsonWriter& w, const UpdateCertificatePropertiesOptions& options);
void writeIssuerBody(JsonWriter& w, const CertificateIssuer& issuer);
// id: written first when not empty (the service's answer carries it; a request never does).
void writeContactsBody(JsonWriter& w, const std::vector<CertificateContact>& contacts,
                       std::string_view id = {});
void writeCancelOperationBody(JsonWriter& w);
void writeRestoreBody(JsonWriter& w, std::span<const std::uint8_t> backup);

} // namespace kvb::keyvault
