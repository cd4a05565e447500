// SPDX-License-Identifier: MIT
#pragma once

// Certificates and keys made by the tests themselves (OpenSSL API), to register with the
// emulator and to upload to Batch.

#include <memory>
#include <string>

#include <openssl/evp.h>
#include <openssl/x509.h>

namespace emutest {

class TestCert {
public:
    explicit TestCert(const std::string& commonName);
    ~TestCert();
    TestCert(const TestCert&) = delete;
    TestCert& operator=(const TestCert&) = delete;

    std::string der() const;
    std::string pem() const;
    std::string pfx(const std::string& password) const;
    std::string sha1Hex() const;  // Batch thumbprint
    // DER of a certificate for the request's key and subject, issued by this certificate.
    std::string issue(X509_REQ* request) const;
    // base64url of the RS256 signature over input.
    std::string signRs256(const std::string& input) const;

private:
    EVP_PKEY* key_ = nullptr;
    X509* cert_ = nullptr;
};

// A client assertion JWT for clientId signed by cert; header uses x5t#S256 unless useSha1.
std::string makeAssertion(const TestCert& cert, const std::string& clientId, const std::string& aud,
                          long expOffsetSeconds, bool useSha1 = false);

} // namespace emutest
