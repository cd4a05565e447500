// SPDX-License-Identifier: MIT
// The half of the test PKI builder (openssl_certificates.hpp) that runs the openssl program: key
// material as users' tools write it. A failed command fails the running test case.
#include "openssl_certificates.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>

#include <sys/stat.h>

namespace kvb::test {

namespace fs = std::filesystem;

namespace {

// The command as a failed test prints it: the value of every "pass:VALUE" is hidden, since
// passwords stay out of test output like any other.
std::string withoutPasswords(std::string args) {
    for (auto at = args.find("pass:"); at != std::string::npos; at = args.find("pass:", at)) {
        at += 5;
        const auto end = std::min(args.find(' ', at), args.size());
        args.replace(at, end - at, "***");
    }
    return args;
}

// @p redirect: what the shell does with the output openssl does not hand back.
std::string run(const std::string& args, const char* redirect) {
    const char* exe = std::getenv("KVB_OPENSSL");
    const std::string command = "'" + std::string(exe ? exe : "openssl") + "' " + args + redirect;
    INFO("openssl ", withoutPasswords(args));
    FILE* pipe = popen(command.c_str(), "r");
    REQUIRE(pipe != nullptr);
    std::string output;
    std::array<char, 4096> buffer{};
    while (const std::size_t n = std::fread(buffer.data(), 1, buffer.size(), pipe))
        output.append(buffer.data(), n);
    REQUIRE(pclose(pipe) == 0);
    return output;
}

} // namespace

void openssl(const std::string& args) {
    run(args, " >/dev/null 2>&1");
}

std::string opensslOutput(const std::string& args, bool withStderr) {
    return run(args, withStderr ? " 2>&1" : " 2>/dev/null");
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

void exportPfx(const CertificateFiles& c, const fs::path& out, const std::string& password,
               PfxProtection protection) {
    const std::string protect = protection == PfxProtection::Legacy ? " -legacy"
                                : protection == PfxProtection::Aes256OpenCertificates
                                    ? " -keypbe AES-256-CBC -certpbe NONE -macalg sha256"
                                    : " -keypbe AES-256-CBC -certpbe AES-256-CBC -macalg sha256";
    openssl("pkcs12 -export -inkey " + c.keyPkcs8.string() + " -in " + c.certPem.string() + protect +
            " -passout pass:" + password + " -out " + out.string());
}

void exportEncryptedPkcs8(const CertificateFiles& c, const fs::path& out, const std::string& password) {
    openssl("pkcs8 -topk8 -v2 aes-256-cbc -in " + c.keyPkcs8.string() + " -passout pass:" + password +
            " -out " + out.string());
}

KeyMaterialCorpus makeKeyMaterialCorpus(const fs::path& dir) {
    KeyMaterialCorpus corpus;
    corpus.keys = dir / "keys";
    corpus.passwords = dir / "passwords.json";
    const fs::path made = dir / "made";
    fs::create_directories(corpus.keys);
    fs::create_directories(made);
    const auto cert = [&](const std::string& name, const std::string& alg) {
        auto files = makeSelfSigned(made, name, alg, "unused");
        corpus.certificates[name] = batchViewOf(files);
        return files;
    };
    const auto place = [&](const std::string& name, const std::string& file) {
        return corpus.files[name] = corpus.keys / file;
    };

    exportPfx(cert("open-bags", "ec:P-256"), place("open-bags", "web-frontend.pfx"), "right",
              PfxProtection::Aes256OpenCertificates);
    exportPfx(cert("sealed-bags", "ec:P-256"), place("sealed-bags", "api.pfx"), "right",
              PfxProtection::Aes256);

    const auto whole = made / "whole.pfx";
    exportPfx(cert("truncated", "ec:P-256"), whole, "right", PfxProtection::Aes256);
    auto bytes = readBytes(whole);
    bytes.resize(bytes.size() / 2);
    writeBytes(place("truncated", "truncated.pfx"), bytes);

    cert("unreadable", "ec:P-256");
    fs::create_symlink(made / "gone" / "hsm-export.pfx",
                       place("unreadable", corpus.certificates["unreadable"].thumbprint + ".pfx"));

    const auto rsa = cert("pkcs1", "rsa:2048");
    writeText(place("pkcs1", "legacy-rsa.pem"), readText(rsa.certPem) + readText(rsa.keyPkcs1));

    const auto crlf = cert("pkcs8-crlf", "ec:P-256");
    exportEncryptedPkcs8(crlf, made / "crlf.key", "crlf-pw");
    std::string pem;
    for (char ch : readText(crlf.certPem) + readText(made / "crlf.key")) {
        if (ch == '\n') pem += '\r';
        pem += ch;
    }
    writeText(place("pkcs8-crlf", "crlf.pem"), pem);

    const auto svc = cert("duplicate", "ec:P-256");
    exportPfx(svc, place("duplicate", "svc.pfx"), "svc-pw", PfxProtection::Aes256);
    writeText(corpus.keys / "svc.pem", readText(svc.certPem) + readText(svc.keyPkcs8));

    exportPfx(cert("ec", "ec:P-384"), place("ec", "ec.pfx"), "ec-pw", PfxProtection::Aes256);
    exportPfx(cert("legacy", "rsa:2048"), place("legacy", "legacy.pfx"), "legacy-pw", PfxProtection::Legacy);

    const auto locked = cert("pem-locked", "ec:P-256");
    exportEncryptedPkcs8(locked, made / "locked.key", "right");
    writeText(place("pem-locked", "locked.pem"), readText(locked.certPem) + readText(made / "locked.key"));

    REQUIRE(::mkfifo((corpus.keys / "pipe.pem").c_str(), 0600) == 0);
    writeText(corpus.keys / "notes.p12", "exported from the old build server, see wiki");
    writeText(corpus.passwords,
              R"({"web-frontend.pfx": "not-it", "api.pfx": "not-it", "truncated.pfx": "right",
 "crlf.pem": "crlf-pw", "svc.pfx": "svc-pw", "ec.pfx": "ec-pw", "legacy.pfx": "legacy-pw", "locked.pem": "not-it"})");
    return corpus;
}

} // namespace kvb::test
