/* SPDX-License-Identifier: MIT */
/**
 * @file pki.h
 * @brief Thumbprints of certificates, as Batch (hex) and Key Vault (x5t) write them. Part of
 * <kvbridge/kvbridge.h>; conventions in core.h.
 */
#ifndef KVBRIDGE_PKI_H
#define KVBRIDGE_PKI_H

#include <kvbridge/core.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Thumbprints of the leaf certificate in a PFX, PEM or DER/CER blob. */
typedef struct kvb_thumbprints {
    char sha1_hex[41];   /**< upper-case hex, the Batch form */
    char x5t[29];        /**< base64url SHA-1, the Key Vault form */
    char sha256_hex[65]; /**< upper-case hex */
    int has_private_key; /**< 1 when the blob carried a matching private key */
} kvb_thumbprints;

/**
 * Read the leaf certificate of @p data (PFX with @p password, PEM, or DER) and compute its thumbprints.
 * @param password  NULL or "" for none. A wrong password gives KVB_E_CRYPTO.
 */
KVB_API int kvb_pki_thumbprints(kvb_thumbprints* out, const uint8_t* data, size_t size, const char* password);

/** Convert a hex SHA-1 thumbprint (Batch) to x5t (Key Vault). @param[out] out  release with
 * kvb_string_dispose(). */
KVB_API int kvb_pki_hex_to_x5t(kvb_string* out, const char* thumbprint_hex);
/** Convert an x5t (Key Vault) to upper-case hex (Batch). @param[out] out  release with kvb_string_dispose().
 */
KVB_API int kvb_pki_x5t_to_hex(kvb_string* out, const char* x5t);

#ifdef __cplusplus
}
#endif

#endif /* KVBRIDGE_PKI_H */
