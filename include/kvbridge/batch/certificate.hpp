// SPDX-License-Identifier: MIT
#pragma once

/**
 * @file certificate.hpp
 * @brief Batch certificate models (Certificate_* operations, api-version 2024-07-01.20.0).
 */

#include <kvbridge/export.hpp>
#include <kvbridge/secret_string.hpp>

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kvb::batch {

/** @brief Lifecycle state of a Batch certificate ("active", "deleting", "deletefailed"). */
enum class CertificateState {
    Active,       ///< Usable by pools.
    Deleting,     ///< Delete requested; waiting for pools and nodes to drop it.
    DeleteFailed, ///< Delete stopped because pools or nodes still use it; see deleteCertificateError.
    Unknown,      ///< A value this library does not know.
};

/**
 * @brief The wire name of a certificate state.
 * @param state  the state.
 * @return "active", "deleting", "deletefailed" or "unknown", in static storage.
 */
KVB_EXPORT const char* toString(CertificateState state) noexcept;

/** @brief Format of the data given to addCertificate. */
enum class CertificateFormat {
    Pfx, ///< PKCS#12 with the private key (password protected).
    Cer, ///< DER X.509 certificate, public part only (no password).
};

/** @brief A name/value detail of a Batch error ("Pools" = "mypool1"). */
struct NameValuePair {
    std::string name;  ///< What the detail is about, e.g. "Pools".
    std::string value; ///< Its value, e.g. a pool id.
};

/** @brief Why the last delete of a certificate failed (state deletefailed). */
struct DeleteCertificateError {
    std::string code;                  ///< e.g. "PoolsReferencingCertificate"
    std::string message;               ///< Service text.
    std::vector<NameValuePair> values; ///< Details, e.g. the pools that still reference it.
};

/**
 * @brief A certificate of a Batch account, as Get/List return it. Batch never returns the
 * private key: only the public certificate (publicData).
 */
struct BatchCertificate {
    std::string thumbprint;                ///< Hex, as the service returns it.
    std::string thumbprintAlgorithm;       ///< Always "sha1".
    std::string url;                       ///< The certificate's URL in the Batch service.
    std::optional<CertificateState> state; ///< Where it is in its life.
    std::optional<std::chrono::system_clock::time_point> stateTransitionTime; ///< Since when in state.
    std::optional<CertificateState> previousState; ///< The state before (absent while active).
    std::optional<std::chrono::system_clock::time_point> previousStateTransitionTime; ///< When that began.
    std::string publicData; ///< Base64 DER of the public certificate (empty when not selected).
    std::optional<DeleteCertificateError> deleteCertificateError; ///< Set in state DeleteFailed.
};

/** @brief Arguments of BatchClient::addCertificate. */
struct AddCertificateOptions {
    /** @brief Raw certificate bytes (PFX or DER), not base64; base64 of it must fit in 10 KB. */
    SecretBytes data;
    CertificateFormat format = CertificateFormat::Pfx; ///< What @ref data holds.
    /** @brief PFX password; must be empty for Cer. */
    SecretString password;
    /**
     * @brief SHA-1 thumbprint, 40 hex digits (spaces allowed, removed). Empty: computed from
     * @ref data with the PKI toolkit (the PFX's leaf certificate, or the CER).
     */
    std::string thumbprint;
};

/** @brief Largest base64 `data` Certificate_Add accepts ("The maximum size is 10KB"). */
inline constexpr std::size_t kMaxCertificateDataBase64 = 10 * 1024;

} // namespace kvb::batch
