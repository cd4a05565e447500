// SPDX-License-Identifier: MIT
#pragma once

// Throwaway self-signed certificates made in memory (OpenSSL), so no key material is committed.

#include <kvbridge/secret_string.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace kvb::test {

struct TestCertificate {
    std::vector<std::uint8_t> der; ///< The certificate alone (CER).
    SecretBytes pfx;               ///< Certificate and key, protected by password.
    std::string password;
    std::string thumbprint; ///< SHA-1 of der, 40 lower-case hex digits.
};

/** A fresh EC P-256 self-signed certificate with subject CN=@p commonName. */
TestCertificate makeTestCertificate(const std::string& commonName, const std::string& password = "pfx-pass");

} // namespace kvb::test
