// SPDX-License-Identifier: MIT
#pragma once

// Test key material made on the spot with the openssl command (no binary fixtures): self-signed
// RSA or EC certificates as PEM (PKCS#1/SEC1 and PKCS#8 keys), DER and PFX files, and a test CA
// that signs CSRs. Folders and file reading: test_files.hpp.

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "test_files.hpp"

namespace kvb::test {

/** Run `openssl <args>` (stdout and stderr silenced; $KVB_OPENSSL or PATH); fails the test when it fails. */
void openssl(const std::string& args);

/** Files of one self-signed certificate made in a TempDir. */
struct CertificateFiles {
    std::filesystem::path keyPkcs1; ///< "BEGIN RSA PRIVATE KEY" (or SEC1 for EC)
    std::filesystem::path keyPkcs8; ///< "BEGIN PRIVATE KEY"
    std::filesystem::path certPem;
    std::filesystem::path certDer;
    std::filesystem::path pfx; ///< with @p password, AES-256
};

/** @p keyAlg: "rsa:2048" or "ec:P-256". */
CertificateFiles makeSelfSigned(const std::filesystem::path& dir, const std::string& name,
                                const std::string& keyAlg, const std::string& password);

/**
 * Write to @p pfx a PFX of @p certPem and @p keyPem (with @p password) that is at least
 * @p minBytes long: copies of the certificate ride along as chain entries, as in a PFX that
 * carries a long chain. For tests of very large key material.
 */
void writePaddedPfx(const std::filesystem::path& pfx, const std::string& certPem, const std::string& keyPem,
                    const std::string& password, std::size_t minBytes);

/** Sign a DER CSR with a fresh test CA in @p dir; returns {leaf DER, CA DER}. */
std::vector<std::vector<std::uint8_t>> signCsr(const std::filesystem::path& dir,
                                               const std::vector<std::uint8_t>& csrDer);

} // namespace kvb::test
