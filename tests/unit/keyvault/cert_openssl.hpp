// SPDX-License-Identifier: MIT
#pragma once

// Test key material made on the spot with the openssl command (no binary fixtures): a temporary
// directory, self-signed certificates as PEM/PFX, and a test CA that signs CSRs.

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace kvb::test {

/** A temporary directory removed on destruction. */
class TempDir {
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::filesystem::path& path() const noexcept { return path_; }

private:
    std::filesystem::path path_;
};

/** Run `openssl <args>` (stdout and stderr silenced); fails the test when it fails. */
void openssl(const std::string& args);

std::vector<std::uint8_t> readBytes(const std::filesystem::path& file);
std::string readText(const std::filesystem::path& file);
void writeBytes(const std::filesystem::path& file, const std::vector<std::uint8_t>& bytes);

/** Files of one self-signed certificate made in a TempDir. */
struct TestCertificate {
    std::filesystem::path keyPkcs1; ///< "BEGIN RSA PRIVATE KEY" (or SEC1 for EC)
    std::filesystem::path keyPkcs8; ///< "BEGIN PRIVATE KEY"
    std::filesystem::path certPem;
    std::filesystem::path certDer;
    std::filesystem::path pfx; ///< with @p password, AES-256
};

/** @p keyAlg: "rsa:2048" or "ec:P-256". */
TestCertificate makeSelfSigned(const std::filesystem::path& dir, const std::string& name,
                               const std::string& keyAlg, const std::string& password);

/** Sign a DER CSR with a fresh test CA in @p dir; returns {leaf DER, CA DER}. */
std::vector<std::vector<std::uint8_t>> signCsr(const std::filesystem::path& dir,
                                               const std::vector<std::uint8_t>& csrDer);

} // namespace kvb::test
