// SPDX-License-Identifier: MIT
#pragma once

#include <vector>

#include "pki/openssl_util.hpp"

namespace kvb::detail {

/**
 * Order certificates leaf first, then each one's issuer. The leaf is the certificate whose
 * public key matches @p key (when given), else one that issued none of the others.
 * Certificates outside that path keep their input order at the end. Never loses or adds one.
 */
std::vector<X509Ptr> orderLeafFirst(std::vector<X509Ptr> certs, EVP_PKEY* key);

/** @brief Does @p cert carry the public half of @p key? */
bool publicKeyMatches(X509* cert, EVP_PKEY* key) noexcept;

} // namespace kvb::detail
