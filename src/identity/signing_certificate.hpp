// SPDX-License-Identifier: MIT
#pragma once

// A certificate with its RSA private key, loaded from PEM or PFX (through kvb::pki), and the
// RS256 JWT client assertion made with it.

#include <kvbridge/secret_string.hpp>

#include <chrono>
#include <memory>
#include <string>
#include <vector>

namespace kvb::pki {
class CertificateBundle;
}

namespace kvb::identity {

class SigningCertificate {
public:
    /**
     * Load @p data: PEM (certificate(s) and a PKCS#1 or PKCS#8 key, possibly encrypted) or PFX.
     * @throws CryptoError for a wrong password, no key, no certificate, a key that is not RSA or
     * does not belong to the certificate.
     */
    static std::shared_ptr<const SigningCertificate> load(const SecretBytes& data,
                                                          const SecretString& password);
    /** Read @p path, then load(). @throws InvalidArgument when the file cannot be read. */
    static std::shared_ptr<const SigningCertificate> loadFile(const std::string& path,
                                                              const SecretString& password);

    ~SigningCertificate();
    SigningCertificate(const SigningCertificate&) = delete;
    SigningCertificate& operator=(const SigningCertificate&) = delete;

    /**
     * RS256 JWT for @p clientId and token endpoint @p audience: header alg, typ, x5t, x5t#S256
     * (and x5c with the chain when @p includeChain); claims aud, iss, sub, jti, nbf, iat, exp (+10 min).
     */
    std::string makeAssertion(const std::string& clientId, const std::string& audience, bool includeChain,
                              std::chrono::system_clock::time_point now) const;

    /** SHA-256 of the leaf certificate's DER, base64url (x5t#S256). */
    const std::string& thumbprintSha256() const noexcept { return x5tS256_; }

private:
    struct Impl;
    explicit SigningCertificate(std::unique_ptr<Impl> impl);
    static std::unique_ptr<SigningCertificate> wrap(pki::CertificateBundle bundle);
    std::unique_ptr<Impl> impl_;
    std::string x5t_;
    std::string x5tS256_;
};

/** A random version 4 UUID, lower-case. */
std::string newUuid();

} // namespace kvb::identity
