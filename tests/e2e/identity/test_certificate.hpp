// SPDX-License-Identifier: MIT
#pragma once

// A throw-away self-signed RSA certificate in the encodings ClientCertificateCredential reads.

#include <string>

namespace kvb::test {

struct TestCertificate {
    std::string certificatePem;
    std::string pkcs8KeyPem;          ///< "BEGIN PRIVATE KEY"
    std::string pkcs1KeyPem;          ///< "BEGIN RSA PRIVATE KEY"
    std::string encryptedPkcs8KeyPem; ///< "BEGIN ENCRYPTED PRIVATE KEY", AES-256, with the password
    std::string pfx;                  ///< PKCS#12 bytes, with the password
};

/** Make one (2048-bit RSA, CN=@p commonName); @p password protects the encrypted forms. */
TestCertificate makeTestCertificate(const std::string& commonName, const std::string& password);

/** A file under /tmp holding @p content, removed on destruction. */
class TempFile {
public:
    explicit TempFile(const std::string& content);
    ~TempFile();
    TempFile(const TempFile&) = delete;
    TempFile& operator=(const TempFile&) = delete;
    const std::string& path() const noexcept { return path_; }
    /** Replace the content (the modification time changes). */
    void rewrite(const std::string& content) const;

private:
    std::string path_;
};

} // namespace kvb::test
