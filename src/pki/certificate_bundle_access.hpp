// SPDX-License-Identifier: MIT
#pragma once

// Internal access to a CertificateBundle's OpenSSL objects, for the loaders in this folder and
// for the signers (JWT client assertions) elsewhere in the library.

#include <vector>

#include <kvbridge/pki/certificate_bundle.hpp>

#include "pki/openssl_util.hpp"

namespace kvb::pki {
struct CertificateBundle::Impl {
    std::vector<Certificate> chain; // leaf first; never empty
    detail::EvpPkeyPtr key;         // null when there is no private key
};
} // namespace kvb::pki

namespace kvb::detail {

struct CertificateBundleAccess {
    /**
     * Build a bundle from parsed certificates (any order) and an optional private key.
     * @throws kvb::CryptoError when @p certs is empty.
     */
    static pki::CertificateBundle make(std::vector<X509Ptr> certs, EvpPkeyPtr key);

    /** The private key (borrowed), or null. */
    static EVP_PKEY* privateKey(const pki::CertificateBundle& bundle) noexcept {
        return bundle.impl_->key.get();
    }
};

} // namespace kvb::detail
