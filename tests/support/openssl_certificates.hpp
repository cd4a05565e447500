// SPDX-License-Identifier: MIT
#pragma once

// Test key material made on the spot with the openssl command (no binary fixtures): self-signed
// RSA or EC certificates as PEM (PKCS#1/SEC1 and PKCS#8 keys), DER and PFX files in the
// protections exporters use, a test CA that signs CSRs, and a key material folder with every
// kind of file a real one holds. Folders and file reading: test_files.hpp.

#include <cstdint>
#include <filesystem>
#include <map>
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

/** How exportPfx() protects a PKCS#12 file. */
enum class PfxProtection {
    Aes256,                 ///< key and certificate bags AES-256-CBC, SHA-256 MAC (as makeSelfSigned)
    Aes256OpenCertificates, ///< key bag AES-256-CBC, certificate bags unencrypted (-certpbe NONE)
    Legacy,                 ///< RC2-40 certificate bags, 3DES key bag, SHA-1 MAC (openssl -legacy)
};

/** Write @p c's key and certificate to @p out as PKCS#12 protected by @p password. */
void exportPfx(const CertificateFiles& c, const std::filesystem::path& out, const std::string& password,
               PfxProtection protection);

/** Write @p c's key to @p out as encrypted PKCS#8 ("ENCRYPTED PRIVATE KEY", AES-256-CBC). */
void exportEncryptedPkcs8(const CertificateFiles& c, const std::filesystem::path& out,
                          const std::string& password);

/** The certificate of @p c as Batch lists it: upper-case hex SHA-1 thumbprint and base64 DER. */
struct BatchView {
    std::string thumbprint;
    std::string derBase64;
};
BatchView batchViewOf(const CertificateFiles& c);

/**
 * A key material folder as users have it (files named for what they serve, not by thumbprint),
 * one certificate per case, and a JSON passwords file. Cases (the file in keys/ in brackets):
 * - "open-bags": PKCS#12 with unencrypted certificate bags, wrong password (web-frontend.pfx)
 * - "sealed-bags": PKCS#12 with encrypted certificate bags, wrong password (api.pfx)
 * - "truncated": the first half of a PKCS#12 (truncated.pfx)
 * - "unreadable": a dangling symbolic link named by the thumbprint (<THUMBPRINT>.pfx); root
 *   reads any file, so a link to nothing is what stays unreadable in tests run as root
 * - "pkcs1": certificate and PKCS#1 "RSA PRIVATE KEY" (legacy-rsa.pem)
 * - "pkcs8-crlf": certificate and encrypted PKCS#8 with CRLF line ends, right password (crlf.pem)
 * - "duplicate": a PKCS#12 (svc.pfx) and the same certificate and key as PEM (svc.pem)
 * - "ec": EC P-256 PKCS#12 (ec.pfx)
 * - "legacy": RC2/3DES PKCS#12 (legacy.pfx)
 * - "pem-locked": certificate and encrypted PKCS#8, wrong password (locked.pem)
 * Files of no case: a FIFO (pipe.pem), bytes that are no key material (notes.p12).
 */
struct KeyMaterialCorpus {
    std::filesystem::path keys;
    std::filesystem::path passwords;
    std::map<std::string, BatchView> certificates;      ///< by case
    std::map<std::string, std::filesystem::path> files; ///< by case (the PKCS#12 for "duplicate")
};
KeyMaterialCorpus makeKeyMaterialCorpus(const std::filesystem::path& dir);

/** Sign a DER CSR with a fresh test CA in @p dir; returns {leaf DER, CA DER}. */
std::vector<std::vector<std::uint8_t>> signCsr(const std::filesystem::path& dir,
                                               const std::vector<std::uint8_t>& csrDer);

} // namespace kvb::test
