// SPDX-License-Identifier: MIT
#pragma once

// Temporary folders and files for tests, and key material for migration tests made with OpenSSL
// in-process: self-signed P-256 certificates written as PFX, PEM or CER files.

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace kvb::test {

/** A fresh temporary folder, removed when the object goes away. */
class TempDir {
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::filesystem::path& path() const noexcept { return path_; }
    std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

private:
    std::filesystem::path path_;
};

/** A generated certificate and its key (kept in memory as PEM text). */
struct TestCertificate {
    std::string thumbprint; ///< upper-case hex SHA-1 of the DER
    std::string certPem;
    std::string keyPem;    ///< PKCS#8, unencrypted
    std::string derBase64; ///< the certificate, as Batch's publicData

    /** PFX protected by @p password (may be empty). */
    void writePfx(const std::filesystem::path& path, const std::string& password = {}) const;
    /** Certificate then PKCS#8 key. */
    void writePem(const std::filesystem::path& path) const;
    /** DER certificate only. */
    void writeCer(const std::filesystem::path& path) const;
};

/** Generate a self-signed P-256 certificate with subject CN=@p commonName. */
TestCertificate makeTestCertificate(const std::string& commonName);

/** Write @p text to @p path. */
void writeText(const std::filesystem::path& path, const std::string& text);

/** Write @p bytes to @p path. */
void writeBytes(const std::filesystem::path& path, const std::vector<std::uint8_t>& bytes);

/** The bytes of @p path (throws when it cannot be read). */
std::vector<std::uint8_t> readBytes(const std::filesystem::path& path);

/** The text of @p path (throws when it cannot be read). */
std::string readText(const std::filesystem::path& path);

} // namespace kvb::test
