// SPDX-License-Identifier: MIT
#include "openssl_certificates.hpp"

#include <doctest/doctest.h>

#include <cstdlib>

namespace kvb::test {

namespace fs = std::filesystem;

void openssl(const std::string& args) {
    const char* exe = std::getenv("KVB_OPENSSL");
    const std::string command = std::string(exe ? exe : "openssl") + " " + args + " >/dev/null 2>&1";
    INFO("openssl ", args);
    REQUIRE(std::system(command.c_str()) == 0);
}

CertificateFiles makeSelfSigned(const fs::path& dir, const std::string& name, const std::string& keyAlg,
                                const std::string& password) {
    CertificateFiles c;
    c.keyPkcs8 = dir / (name + ".p8.pem");
    c.keyPkcs1 = dir / (name + ".legacy.pem");
    c.certPem = dir / (name + ".crt.pem");
    c.certDer = dir / (name + ".cer");
    c.pfx = dir / (name + ".pfx");
    const bool ec = keyAlg.rfind("ec:", 0) == 0;
    if (ec)
        openssl("genpkey -algorithm EC -pkeyopt ec_paramgen_curve:" + keyAlg.substr(3) + " -out " +
                c.keyPkcs8.string());
    else
        openssl("genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:" + keyAlg.substr(4) + " -out " +
                c.keyPkcs8.string());
    openssl(std::string(ec ? "ec" : "rsa") + " -in " + c.keyPkcs8.string() + (ec ? "" : " -traditional") +
            " -out " + c.keyPkcs1.string());
    openssl("req -x509 -new -key " + c.keyPkcs8.string() + " -subj /CN=" + name + " -days 30 -out " +
            c.certPem.string());
    openssl("x509 -in " + c.certPem.string() + " -outform DER -out " + c.certDer.string());
    openssl("pkcs12 -export -inkey " + c.keyPkcs8.string() + " -in " + c.certPem.string() +
            " -keypbe AES-256-CBC -certpbe AES-256-CBC -macalg sha256 -passout pass:" + password + " -out " +
            c.pfx.string());
    return c;
}

void writePaddedPfx(const fs::path& pfx, const std::string& certPem, const std::string& keyPem,
                    const std::string& password, std::size_t minBytes) {
    const fs::path dir = pfx.parent_path();
    const std::string stem = pfx.stem().string();
    const auto cert = dir / (stem + ".leaf.pem"), key = dir / (stem + ".key.pem"),
               chain = dir / (stem + ".chain.pem"), pass = dir / (stem + ".pass");
    writeText(cert, certPem);
    writeText(key, keyPem);
    writeText(pass, password + "\n"); // any characters, no shell quoting
    // A certificate takes about 70% of its PEM size in the PFX.
    std::string copies;
    while (copies.size() * 2 / 3 < minBytes) copies += certPem;
    writeText(chain, copies);
    openssl("pkcs12 -export -inkey " + key.string() + " -in " + cert.string() + " -certfile " +
            chain.string() + " -passout file:" + pass.string() + " -out " + pfx.string());
    fs::remove(key);
    fs::remove(pass);
    REQUIRE(fs::file_size(pfx) >= minBytes);
}

std::vector<std::vector<std::uint8_t>> signCsr(const fs::path& dir, const std::vector<std::uint8_t>& csrDer) {
    const auto caKey = dir / "ca.key", caCert = dir / "ca.pem", csr = dir / "req.der",
               leaf = dir / "leaf.der", caDer = dir / "ca.der";
    writeBytes(csr, csrDer);
    openssl("req -x509 -newkey rsa:2048 -nodes -keyout " + caKey.string() +
            " -subj /CN=kvb-test-ca -days 30 -out " + caCert.string());
    openssl("x509 -req -inform DER -in " + csr.string() + " -CA " + caCert.string() + " -CAkey " +
            caKey.string() + " -CAcreateserial -days 30 -outform DER -out " + leaf.string());
    openssl("x509 -in " + caCert.string() + " -outform DER -out " + caDer.string());
    return {readBytes(leaf), readBytes(caDer)};
}

} // namespace kvb::test
