// SPDX-License-Identifier: MIT
#pragma once

/**
 * @file client_certificate_credential.hpp
 * @brief Service principal authentication with a certificate (signed JWT client assertion).
 */

#include <kvbridge/export.hpp>
#include <kvbridge/identity/credential_options.hpp>
#include <kvbridge/identity/token_credential.hpp>
#include <kvbridge/secret_string.hpp>

#include <memory>
#include <string>

namespace kvb::identity {

class ConfidentialClient; // the token flow these credentials share (src/identity)

/** @brief Options of ClientCertificateCredential. */
struct ClientCertificateCredentialOptions {
    CredentialOptions credential; ///< Authority host and transport.
    /** @brief Put the certificate chain in the assertion's `x5c` header (subject name/issuer auth). */
    bool sendCertificateChain = false;
};

/**
 * @brief Gets tokens for an application with a certificate it registered.
 *
 * Each token request carries a fresh RS256 JWT client assertion (headers `x5t#S256` and `x5t`,
 * optionally `x5c`; claims aud = token endpoint, iss = sub = client id, jti, nbf, exp = now + 10
 * minutes) signed with the certificate's private key. Tokens are cached like every credential's.
 */
class KVB_EXPORT ClientCertificateCredential final : public TokenCredential {
public:
    /**
     * @param tenantId         directory (tenant) id.
     * @param clientId         application (client) id.
     * @param certificatePath  a PEM file (certificate, optional chain, and an RSA key in PKCS#1 or
     *                         PKCS#8 form, optionally encrypted) or a PFX/PKCS#12 file.
     * @param password         password of the encrypted key or of the PFX; empty when none.
     * @param options          authority host, transport, and whether to send the chain (x5c).
     * @throws InvalidArgument when the file cannot be read or an id is empty; CryptoError when the
     *         password is wrong or the file holds no usable RSA key and matching certificate.
     */
    ClientCertificateCredential(std::string tenantId, std::string clientId,
                                const std::string& certificatePath, const SecretString& password = {},
                                ClientCertificateCredentialOptions options = {});
    /**
     * @brief Same, from the file's bytes already in memory.
     * @param tenantId     directory (tenant) id.
     * @param clientId     application (client) id.
     * @param certificate  PEM text or PFX bytes, as the file would hold them.
     * @param password     password of the encrypted key or of the PFX; empty when none.
     * @param options      authority host, transport, and whether to send the chain (x5c).
     * @throws InvalidArgument when an id is empty; CryptoError as the file form.
     */
    ClientCertificateCredential(std::string tenantId, std::string clientId, const SecretBytes& certificate,
                                const SecretString& password = {},
                                ClientCertificateCredentialOptions options = {});
    /** @brief Frees the private key and wipes the cached tokens. */
    ~ClientCertificateCredential() override;

    /** @copydoc TokenCredential::getToken */
    AccessToken getToken(const TokenRequestContext& request, const Context& context) const override;
    /** @return "ClientCertificateCredential". */
    std::string name() const override;

private:
    std::unique_ptr<ConfidentialClient> client_;
};

} // namespace kvb::identity
