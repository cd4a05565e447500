// SPDX-License-Identifier: MIT
#include <kvbridge/migrate/key_material.hpp>

#include "core/encoding.hpp"
#include "migrate/text_util.hpp"

#include <kvbridge/error.hpp>
#include <kvbridge/pki/certificate_bundle.hpp>

#include <algorithm>
#include <fstream>
#include <iterator>

namespace kvb::migrate {

namespace {

namespace fs = std::filesystem;

SecretBytes readFileBytes(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InvalidArgument("cannot read the file");
    std::vector<std::uint8_t> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (in.bad()) throw InvalidArgument("cannot read the file");
    return SecretBytes(std::move(bytes));
}

SecretBytes bytesOf(std::string_view text) {
    return SecretBytes(kvb::detail::asBytes(text));
}

bool looksLikePasswordProblem(const std::string& message) {
    return message.find("password") != std::string::npos;
}

pki::CertificateBundle loadBundle(const LocalKeyMaterial& file, const SecretBytes& bytes,
                                  const SecretString& password) {
    switch (file.format) {
    case KeyFileFormat::Pfx:
        return pki::CertificateBundle::loadPfx(bytes.reveal(), password, {.requirePrivateKey = false});
    case KeyFileFormat::Pem:
        return pki::CertificateBundle::loadPem(kvb::detail::asChars(bytes.reveal()), password);
    case KeyFileFormat::Cer: return pki::CertificateBundle::loadDer(bytes.reveal());
    }
    throw InvalidArgument("unknown key file format");
}

LocalKeyMaterial inspect(const fs::path& path, KeyFileFormat format, const PasswordBook& passwords) {
    LocalKeyMaterial m;
    m.path = path.string();
    m.format = format;
    m.claimedThumbprint = claimedThumbprintOf(path);
    SecretBytes bytes;
    try {
        bytes = readFileBytes(path);
    } catch (const Error& e) {
        m.problem = KeyFileProblem::Unreadable;
        m.problemText = e.what();
        return m;
    }
    const SecretString password = passwords.lookup(path, m.claimedThumbprint).value_or(SecretString());
    try {
        const auto bundle = loadBundle(m, bytes, password);
        m.thumbprint = bundle.certificate().thumbprintHex();
        m.hasKey = bundle.hasPrivateKey();
        if (m.hasKey && !bundle.privateKeyMatchesCertificate()) {
            m.hasKey = false;
            m.problem = KeyFileProblem::Corrupt;
            m.problemText = "the private key does not belong to the certificate";
        }
    } catch (const Error& e) {
        const std::string message = e.what();
        m.problem =
            looksLikePasswordProblem(message) ? KeyFileProblem::WrongPassword : KeyFileProblem::Corrupt;
        m.problemText = m.problem == KeyFileProblem::WrongPassword && password.empty()
                            ? "the file is encrypted and no password was given for it"
                            : message;
    }
    return m;
}

void collect(const fs::path& root, std::vector<fs::path>& out, KeyMaterialScan& scan) {
    std::error_code ec;
    const auto status = fs::status(root, ec);
    if (ec || !fs::exists(status)) {
        scan.problems.push_back("key material path " + root.string() + " does not exist");
        return;
    }
    if (fs::is_regular_file(status)) {
        out.push_back(root);
        return;
    }
    fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec);
    if (ec) {
        scan.problems.push_back("cannot list key material folder " + root.string() + ": " + ec.message());
        return;
    }
    for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (ec) {
            scan.problems.push_back("cannot list part of " + root.string() + ": " + ec.message());
            break;
        }
        if (it->is_regular_file(ec) && keyFileFormatOf(it->path())) out.push_back(it->path());
    }
}

} // namespace

std::optional<KeyFileFormat> keyFileFormatOf(const fs::path& path) {
    const std::string ext = detail::toLower(path.extension().string());
    if (ext == ".pfx" || ext == ".p12") return KeyFileFormat::Pfx;
    if (ext == ".pem") return KeyFileFormat::Pem;
    if (ext == ".cer" || ext == ".crt" || ext == ".der") return KeyFileFormat::Cer;
    return std::nullopt;
}

std::string claimedThumbprintOf(const fs::path& path) {
    const std::string stem = path.stem().string();
    if (detail::isThumbprintHex(stem)) return detail::toUpper(stem);
    std::size_t start = 0;
    while (start <= stem.size()) {
        std::size_t end = stem.find_first_of("-_.", start);
        if (end == std::string::npos) end = stem.size();
        const std::string_view part(stem.data() + start, end - start);
        if (detail::isThumbprintHex(part)) return detail::toUpper(part);
        start = end + 1;
    }
    return {};
}

KeyMaterialScan scanKeyMaterial(const std::vector<fs::path>& roots, const PasswordBook& passwords) {
    KeyMaterialScan scan;
    std::vector<fs::path> paths;
    for (const auto& root : roots) collect(root, paths, scan);
    std::sort(paths.begin(), paths.end());
    paths.erase(std::unique(paths.begin(), paths.end()), paths.end());
    for (const auto& path : paths) {
        const auto format = keyFileFormatOf(path);
        if (!format) {
            scan.problems.push_back(path.string() + ": not a .pfx, .p12, .pem, .cer, .crt or .der file");
            continue;
        }
        scan.files.push_back(inspect(path, *format, passwords));
    }
    return scan;
}

PreparedImport prepareImport(const LocalKeyMaterial& file, const PasswordBook& passwords) {
    const SecretBytes bytes = readFileBytes(file.path);
    const SecretString password =
        passwords.lookup(file.path, file.claimedThumbprint).value_or(SecretString());
    const auto bundle = loadBundle(file, bytes, password);
    PreparedImport p;
    p.thumbprint = bundle.certificate().thumbprintHex();
    if (!bundle.hasPrivateKey()) {
        p.pem = true;
        p.value = bytesOf(bundle.certificatesPem());
        return p;
    }
    p.privateKeyPkcs8 = bundle.privateKeyPkcs8Pem();
    if (file.format == KeyFileFormat::Pfx) {
        p.value = bytes;
        p.password = password;
    } else {
        p.pem = true;
        p.value = bytesOf(bundle.toPem().reveal());
    }
    return p;
}

SecretString privateKeyOfDownload(const SecretBytes& value, bool pem) {
    if (pem)
        return pki::CertificateBundle::loadPem(kvb::detail::asChars(value.reveal())).privateKeyPkcs8Pem();
    return pki::CertificateBundle::loadPfx(value.reveal()).privateKeyPkcs8Pem();
}

} // namespace kvb::migrate
