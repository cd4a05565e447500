// SPDX-License-Identifier: MIT
#pragma once

// The tests' one PKI builder. Key material is made on the spot, never committed, in two ways:
// - in memory with OpenSSL's API (makeTestCertificate, signCsr): quick enough for the hundreds
//   of certificates a migration test seeds;
// - as files written by the openssl program (makeSelfSigned, exportPfx, ...): key material in
//   the encodings and protections users' own tools write.
// The in-memory half (openssl_certificates.cpp) throws std::runtime_error and needs no doctest,
// so kvbridge-bench links it too; the openssl program half (openssl_program.cpp) fails the running
// test case. Neither uses the library under test: a thumbprint here checks the library's.

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "test_files.hpp"

namespace kvb::test {

/** The key pair of a certificate made in memory. */
enum class KeyType {
    EcP256,  ///< quick to make: the default
    Rsa2048, ///< for RS256 signatures (client assertions) and RSA-only paths
};

/** How makeTestCertificate() makes a certificate. */
struct TestCertificateOptions {
    KeyType key = KeyType::EcP256;
    /** Key usage (critical digitalSignature, keyEncipherment) and extended key usage (serverAuth,
     * clientAuth) as a TLS client certificate carries them; none when false. */
    bool tlsUsages = false;
};

/** A self-signed certificate and its key, made in memory. */
struct TestCertificate {
    std::string thumbprint; ///< upper-case hex SHA-1 of the DER, as Batch shows it
    std::vector<std::uint8_t> der;
    std::string derBase64; ///< the certificate, as Batch's publicData
    std::string certPem;
    std::string keyPem; ///< PKCS#8, unencrypted ("BEGIN PRIVATE KEY")

    /** The thumbprint in lower case, as Batch's REST examples and URLs write it. */
    std::string lowerThumbprint() const;

    /** The key as PKCS#1 "BEGIN RSA PRIVATE KEY" (SEC1 "BEGIN EC PRIVATE KEY" for EC keys). */
    std::string traditionalKeyPem() const;
    /** The key as PKCS#8 "BEGIN ENCRYPTED PRIVATE KEY", AES-256-CBC under @p password. */
    std::string encryptedKeyPem(const std::string& password) const;
    /** Certificate and key as PKCS#12 (OpenSSL's defaults: AES-256, SHA-256 MAC) under @p password. */
    std::vector<std::uint8_t> pfx(const std::string& password = {}) const;
    /** SHA-256 signature of @p data with the key (RS256 for RSA keys, DER ECDSA for EC keys). */
    std::vector<std::uint8_t> sign(std::string_view data) const;

    /** PFX protected by @p password (may be empty). */
    void writePfx(const std::filesystem::path& path, const std::string& password = {}) const;
    /** Certificate then PKCS#8 key. */
    void writePem(const std::filesystem::path& path) const;
    /** DER certificate only. */
    void writeCer(const std::filesystem::path& path) const;
};

/**
 * A fresh self-signed certificate with subject CN=@p commonName, valid from an hour ago for a year.
 * @throws std::runtime_error when OpenSSL fails.
 */
TestCertificate makeTestCertificate(const std::string& commonName,
                                    const TestCertificateOptions& options = {});

/**
 * Sign a DER CSR with a fresh test CA (CN=kvb-test-ca, RSA); returns {leaf DER, CA DER}.
 * @throws std::runtime_error when the CSR does not parse.
 */
std::vector<std::vector<std::uint8_t>> signCsr(const std::vector<std::uint8_t>& csrDer);

/** Run `openssl <args>` (stdout and stderr silenced; $KVB_OPENSSL or PATH); fails the test when it fails. */
void openssl(const std::string& args);
/**
 * Run `openssl <args>` as openssl() does and return its stdout, plus its stderr when
 * @p withStderr (where "pkcs12 -info" reports).
 */
std::string opensslOutput(const std::string& args, bool withStderr = false);

/** Files of one self-signed certificate the openssl program made in a TempDir. */
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
 * - "ec": EC P-384 PKCS#12 (ec.pfx)
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

} // namespace kvb::test
