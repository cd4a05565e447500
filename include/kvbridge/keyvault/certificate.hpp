// SPDX-License-Identifier: MIT
#pragma once

/**
 * @file certificate.hpp
 * @brief Models of the Key Vault certificates API: certificates, policies, pending operations,
 * deleted certificates, issuers and contacts, and the options of CertificateClient's calls.
 */

#include <kvbridge/secret_string.hpp>

#include <chrono>
#include <cstdint>
#include <map>
#include <span>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kvb::keyvault {

/** @brief Content type of a certificate's secret (and of an import's value): PFX / PKCS#12. */
inline constexpr std::string_view kPkcs12ContentType = "application/x-pkcs12";
/** @brief Content type of a certificate's secret (and of an import's value): PEM text. */
inline constexpr std::string_view kPemContentType = "application/x-pem-file";

/** @brief Issuer name of a self-signed certificate. */
inline constexpr std::string_view kSelfIssuer = "Self";
/** @brief Issuer name for a certificate signed outside Key Vault (CSR, then mergeCertificate). */
inline constexpr std::string_view kUnknownIssuer = "Unknown";

/** @brief The properties of one certificate version (everything but its bytes and policy). */
struct CertificateProperties {
    std::string id{};              ///< https://{vault}/certificates/{name}/{version}
    std::string vaultUrl{};        ///< https://{vault}[:port], from id.
    std::string name{};            ///< The certificate's name, from id.
    std::string version{};         ///< From id; empty when the id names none.
    std::string x5t{};             ///< SHA-1 thumbprint, base64url (Key Vault form).
    std::optional<bool> enabled{}; ///< A disabled certificate's secret and key cannot be used.
    std::optional<std::chrono::system_clock::time_point> notBefore{}; ///< Validity start (nbf).
    std::optional<std::chrono::system_clock::time_point> expiresOn{}; ///< Validity end (exp).
    std::optional<std::chrono::system_clock::time_point> createdOn{}; ///< Creation time (service-set).
    std::optional<std::chrono::system_clock::time_point> updatedOn{}; ///< Last change (service-set).
    std::optional<int> recoverableDays{};                             ///< read-only; soft-delete retention
    std::string recoveryLevel{};               ///< read-only, e.g. "Recoverable+Purgeable"
    std::map<std::string, std::string> tags{}; ///< The caller's name/value labels.
    std::optional<bool> preserveCertOrder{};   ///< 2026-04-01: chain order kept as imported.
};

/** @brief Subject alternative names of a policy (x509_props.sans). */
struct SubjectAlternativeNames {
    std::vector<std::string> emails{};      ///< e-mail addresses
    std::vector<std::string> dnsNames{};    ///< DNS host names (dns_names)
    std::vector<std::string> upns{};        ///< user principal names
    std::vector<std::string> uris{};        ///< URIs; sent with api-version 2026-04-01 or later
    std::vector<std::string> ipAddresses{}; ///< IPv4/IPv6 addresses; api-version 2026-04-01 or later

    /** @return True when no name of any kind is set (the policy then sends no sans). */
    bool empty() const noexcept {
        return emails.empty() && dnsNames.empty() && upns.empty() && uris.empty() && ipAddresses.empty();
    }
};

/** @brief Lifetime action: e-mail the vault's certificate contacts. */
inline constexpr std::string_view kActionEmailContacts = "EmailContacts";
/** @brief Lifetime action: have the issuer renew the certificate. */
inline constexpr std::string_view kActionAutoRenew = "AutoRenew";

/** @brief One lifetime action: when (percentage of life, or days before expiry), and what. */
struct LifetimeAction {
    std::optional<int> lifetimePercentage{}; ///< trigger.lifetime_percentage (1-99)
    std::optional<int> daysBeforeExpiry{};   ///< trigger.days_before_expiry; set this or lifetimePercentage
    std::string action{};                    ///< action.action_type (kActionEmailContacts, kActionAutoRenew)
};

/**
 * @brief How Key Vault makes and renews a certificate: key, secret format, X.509 fields,
 * lifetime actions and issuer. Unset optionals are not sent (the service's defaults apply).
 */
struct CertificatePolicy {
    std::string id{}; ///< read-only: https://{vault}/certificates/{name}/policy

    // key_props
    std::optional<std::string> keyType{};      ///< kty: "RSA", "RSA-HSM", "EC", "EC-HSM"
    std::optional<int> keySize{};              ///< key_size: 2048, 3072, 4096 for RSA
    std::optional<std::string> keyCurveName{}; ///< crv: "P-256", "P-384", "P-521", "P-256K"
    std::optional<bool> exportable{};          ///< private key exportable (needed for download)
    std::optional<bool> reuseKey{};            ///< reuse_key on renewal

    // secret_props
    std::optional<std::string> contentType{}; ///< kPkcs12ContentType or kPemContentType

    // x509_props
    std::optional<std::string> subject{};              ///< e.g. "CN=example.com"
    SubjectAlternativeNames subjectAlternativeNames{}; ///< sans; none: the subject only
    std::vector<std::string> enhancedKeyUsage{};       ///< ekus, OIDs such as "1.3.6.1.5.5.7.3.1"
    std::vector<std::string> keyUsage{};               ///< e.g. "digitalSignature", "keyEncipherment"
    std::optional<int> validityInMonths{};             ///< validity_months: lifetime of each issued version

    std::vector<LifetimeAction> lifetimeActions{}; ///< lifetime_actions: what happens as it ages

    // issuer
    std::optional<std::string> issuerName{};       ///< kSelfIssuer, kUnknownIssuer or an issuer's name
    std::optional<std::string> certificateType{};  ///< issuer.cty, e.g. "OV-SSL"
    std::optional<bool> certificateTransparency{}; ///< issuer.cert_transparency

    // attributes
    std::optional<bool> enabled{};                                    ///< Whether the policy is in effect.
    std::optional<std::chrono::system_clock::time_point> createdOn{}; ///< Creation time (service-set).
    std::optional<std::chrono::system_clock::time_point> updatedOn{}; ///< Last change (service-set).

    /**
     * @brief x509_props.basic_constraints.ca: whether the certificate is a CA, as the service
     * reports it. Read-only: the REST specification does not document it, so it is never sent.
     */
    std::optional<bool> certificateAuthority{};

    /**
     * @brief A self-signed RSA 2048 policy for @p subject, exportable, stored as PFX, valid 12
     * months.
     * @param subject  the distinguished name, e.g. "CN=example.com".
     * @return The policy; change any field before use.
     */
    static CertificatePolicy selfSigned(std::string subject) {
        CertificatePolicy p;
        p.issuerName = std::string(kSelfIssuer);
        p.subject = std::move(subject);
        p.keyType = "RSA";
        p.keySize = 2048;
        p.exportable = true;
        p.contentType = std::string(kPkcs12ContentType);
        p.validityInMonths = 12;
        return p;
    }
};

/** @brief A certificate version: its properties, DER bytes, key and secret ids, and policy. */
struct KeyVaultCertificate {
    CertificateProperties properties{}; ///< Id, thumbprint, attributes and tags.
    std::string keyId{};             ///< kid: the certificate's key (https://{vault}/keys/{name}/{version})
    std::string secretId{};          ///< sid: the secret holding the PFX/PEM with the private key
    std::vector<std::uint8_t> cer{}; ///< The X.509 certificate, DER.
    std::string contentType{};       ///< Content type of the linked secret, when the service says.
    std::optional<CertificatePolicy> policy{}; ///< Set by getCertificate (the latest version).

    /** @return The certificate's name (properties.name). */
    const std::string& name() const noexcept { return properties.name; }
};

/** @brief A soft-deleted certificate. List items carry no cer, kid, sid or policy. */
struct DeletedCertificate : KeyVaultCertificate {
    /// https://{vault}/deletedcertificates/{name}; none when the vault has no soft delete
    std::optional<std::string> recoveryId{};
    std::optional<std::chrono::system_clock::time_point> deletedOn{}; ///< Deletion time (deletedDate)
    std::optional<std::chrono::system_clock::time_point> scheduledPurgeDate{}; ///< when it is purged
};

/** @brief An error the service reported inside a pending certificate operation. */
struct CertificateOperationError {
    std::string code{};      ///< The service's error code.
    std::string message{};   ///< The service's message.
    std::string innerCode{}; ///< innererror.code, if any
};

/** @brief Status of a pending certificate operation: the service is still working on it. */
inline constexpr std::string_view kOperationInProgress = "inProgress";
/** @brief Status of a pending certificate operation: done, the certificate exists. */
inline constexpr std::string_view kOperationCompleted = "completed";

/** @brief A certificate creation in progress (the /pending resource). */
struct CertificateOperation {
    std::string id{};       ///< https://{vault}/certificates/{name}/pending; the poller's resume token
    std::string vaultUrl{}; ///< https://{vault}[:port], from id.
    std::string name{};     ///< The certificate's name (from id).
    std::optional<std::string> issuerName{};       ///< issuer.name
    std::optional<std::string> certificateType{};  ///< issuer.cty
    std::optional<bool> certificateTransparency{}; ///< issuer.cert_transparency
    std::vector<std::uint8_t> csr{};               ///< PKCS#10 request, DER (sign it for kUnknownIssuer)
    bool cancellationRequested = false;            ///< cancellation_requested: someone asked to cancel it.
    std::string status{};        ///< kOperationInProgress, kOperationCompleted, "failed", "cancelled"...
    std::string statusDetails{}; ///< The service's words on the status (status_details)
    std::optional<CertificateOperationError> error{}; ///< Why it failed, when it did.
    std::string target{};                             ///< The certificate's id, once known.
    std::string requestId{};                          ///< Request id of the operation (request_id)
    std::optional<bool> preserveCertOrder{};          ///< 2026-04-01: keep the chain order as merged.

    /** @return True when the service no longer works on it (any status but inProgress). */
    bool isDone() const noexcept { return !status.empty() && status != kOperationInProgress; }
    /** @return True when it finished and the certificate exists. */
    bool isCompleted() const noexcept { return status == kOperationCompleted; }
};

/** @brief An administrator of an issuer's organization. */
struct AdministratorContact {
    std::string firstName{}; ///< first_name
    std::string lastName{};  ///< last_name
    std::string email{};     ///< e-mail address
    std::string phone{};     ///< phone number
};

/** @brief A certificate issuer (a CA provider account) known to the vault. */
struct CertificateIssuer {
    std::string id{};                       ///< read-only: https://{vault}/certificates/issuers/{name}
    std::string name{};                     ///< Issuer name (from id on responses; required on create/update)
    std::string provider{};                 ///< e.g. "DigiCert", "GlobalSign", "Test"
    std::optional<std::string> accountId{}; ///< Account at the provider (credentials.account_id)
    SecretString password{};                ///< credentials.pwd: sent, never returned by the service
    std::optional<std::string> organizationId{};        ///< Organization at the provider (org_details.id)
    std::vector<AdministratorContact> administrators{}; ///< org_details.admin_details: whom it calls
    std::optional<bool> enabled{};                      ///< Whether certificates may be issued through it.
    std::optional<std::chrono::system_clock::time_point> createdOn{}; ///< Creation time (service-set).
    std::optional<std::chrono::system_clock::time_point> updatedOn{}; ///< Last change (service-set).
};

/** @brief An issuer as listed: id, name and provider. */
struct CertificateIssuerProperties {
    std::string id{};       ///< https://{vault}/certificates/issuers/{name}
    std::string name{};     ///< The issuer's name in the vault (from id).
    std::string provider{}; ///< e.g. "DigiCert"
};

/** @brief Someone Key Vault emails about certificate lifetime events. */
struct CertificateContact {
    std::string name{};  ///< Who it is.
    std::string email{}; ///< Where the e-mails go.
    std::string phone{}; ///< A phone number, for the record.
};

/** @brief A vault's certificate contacts as the service returns them (the REST Contacts object). */
struct CertificateContacts {
    std::string id{};                           ///< the object's id: {vault}/certificates/contacts
    std::vector<CertificateContact> contacts{}; ///< who is told of certificate lifetime events
};

/** @brief Options of startCreateCertificate. */
struct CreateCertificateOptions {
    std::optional<bool> enabled{};             ///< Unset: the service's default (enabled).
    std::map<std::string, std::string> tags{}; ///< Name/value labels of the new version.
    std::optional<bool> preserveCertOrder{};   ///< 2026-04-01 only
};

/** @brief Re-encoding of a PFX before import, for services that reject its algorithms. */
enum class PfxReencode {
    None,           ///< Send the PFX as given.
    Aes256Sha256,   ///< PBES2 AES-256-CBC, SHA-256 MAC (modern).
    Legacy3DesSha1, ///< PBE 3DES, SHA-1 MAC (for consumers that only read the legacy form).
};

/**
 * @brief What to import: a PFX (bytes, with its password) or PEM text (certificate chain and
 * private key). The content type is taken from the value and always sent in the policy; a PEM
 * whose key is PKCS#1 ("BEGIN RSA PRIVATE KEY") or SEC1 is converted to PKCS#8 first.
 */
struct ImportCertificateOptions {
    SecretBytes value{};     ///< PFX bytes, or PEM text as bytes.
    SecretString password{}; ///< PFX password (or the encrypted PEM key's); may be empty.
    std::optional<CertificatePolicy>
        policy{};                  ///< Policy for renewals; its content type is set from the value.
    std::optional<bool> enabled{}; ///< Unset: the service's default (enabled).
    std::map<std::string, std::string> tags{}; ///< Name/value labels of the new version.
    std::optional<bool> preserveCertOrder{};   ///< 2026-04-01 only
    PfxReencode reencode = PfxReencode::None;  ///< PFX only.

    /**
     * @brief Import a PFX with its password.
     * @param pfx       the PFX file's bytes.
     * @param password  its password; empty when it has none.
     * @return Options with value and password set.
     */
    static ImportCertificateOptions fromPfx(SecretBytes pfx, SecretString password = {}) {
        ImportCertificateOptions o;
        o.value = std::move(pfx);
        o.password = std::move(password);
        return o;
    }
    /**
     * @brief Import PEM text (certificates and key).
     * @param pem  the PEM text; copied into a wiped buffer.
     * @return Options with value set.
     */
    static ImportCertificateOptions fromPem(const SecretString& pem) {
        ImportCertificateOptions o;
        const auto text = pem.reveal();
        o.value = SecretBytes(
            std::span<const std::uint8_t>(reinterpret_cast<const std::uint8_t*>(text.data()), text.size()));
        return o;
    }
};

/** @brief Options of mergeCertificate. */
struct MergeCertificateOptions {
    std::vector<std::vector<std::uint8_t>> x509Certificates{}; ///< x5c: signed certificate first, DER
    std::optional<bool> enabled{};                             ///< Unset: the service's default (enabled).
    std::map<std::string, std::string> tags{};                 ///< Name/value labels of the new version.
};

/** @brief Options of updateCertificateProperties; unset fields are left as they are. */
struct UpdateCertificatePropertiesOptions {
    std::optional<bool> enabled{};                                    ///< Enable or disable the version.
    std::optional<std::chrono::system_clock::time_point> notBefore{}; ///< New start of validity.
    std::optional<std::chrono::system_clock::time_point> expiresOn{}; ///< New expiry.
    std::optional<std::map<std::string, std::string>> tags{};         ///< Replaces all tags when set.
};

/** @brief A certificate with its private key, as read from the linked secret. */
struct DownloadedCertificate {
    SecretBytes content{};     ///< PFX (no password) or PEM text with the private key.
    std::string contentType{}; ///< kPkcs12ContentType or kPemContentType
    std::string secretId{};    ///< The secret it was read from.
    std::string x5t{};         ///< Thumbprint of the certificate, checked against the vault's cer.
};

} // namespace kvb::keyvault
