// SPDX-License-Identifier: MIT
#include <kvbridge/migrate/key_material.hpp>

#include "core/encoding.hpp"
#include "core/input_file.hpp"
#include "migrate/text_util.hpp"
#include "pki/pfx_certificates.hpp"

#include <kvbridge/error.hpp>
#include <kvbridge/pki/certificate_bundle.hpp>

#include <algorithm>
#include <optional>
#include <span>

namespace kvb::migrate {

namespace {

namespace fs = std::filesystem;

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

// The size a DER PFX or certificate announces in its outer SEQUENCE header. Only the long
// length forms real ones use, followed by what such a file starts with (the PFX version
// INTEGER, or the tbsCertificate SEQUENCE), so a text file starting with '0' is not taken for one.
std::optional<std::size_t> derAnnouncedSize(std::span<const std::uint8_t> b) {
    if (b.size() < 2 || b[0] != 0x30 || b[1] < 0x81 || b[1] > 0x84) return std::nullopt;
    const std::size_t lengthBytes = b[1] & 0x7fu;
    const std::size_t header = 2 + lengthBytes;
    if (b.size() <= header) return header + 1; // cut inside the header itself
    if (b[header] != 0x02 && b[header] != 0x30) return std::nullopt;
    std::size_t length = 0;
    for (std::size_t i = 2; i < header; ++i) length = (length << 8) | b[i];
    return header + length;
}

// Why the file looks cut short, or "" when it does not: a DER header announcing more bytes than
// there are, or a PEM block without its END line.
std::string truncation(std::span<const std::uint8_t> bytes) {
    const std::string_view text = kvb::detail::asChars(bytes);
    constexpr std::string_view kBegin = "-----BEGIN ";
    for (std::size_t at = text.find(kBegin); at != std::string_view::npos; at = text.find(kBegin, at + 1)) {
        const std::size_t labelStart = at + kBegin.size();
        const std::size_t labelEnd = text.find("-----", labelStart);
        if (labelEnd == std::string_view::npos) return "the file ends inside a PEM header line";
        const std::string label(text.substr(labelStart, labelEnd - labelStart));
        if (text.find("-----END " + label + "-----", labelEnd) == std::string_view::npos)
            return "the PEM block '" + label + "' has no END line";
    }
    if (const auto announced = derAnnouncedSize(bytes); announced && *announced > bytes.size()) {
        return "the file ends early: its DER header announces " + std::to_string(*announced) +
               " bytes, the file has " + std::to_string(bytes.size());
    }
    return {};
}

// A file that would not open for lack of the password may still show its certificate: the
// unencrypted certificate bags of a PKCS#12, the certificates of a PEM with an encrypted key.
void tieLockedFile(LocalKeyMaterial& m, const SecretBytes& bytes) {
    try {
        if (m.format == KeyFileFormat::Pfx) {
            const auto open = kvb::detail::readPfxCertificatesWithoutPassword(bytes.reveal());
            if (!open.chain.empty())
                m.thumbprint = open.chain.front().thumbprintHex();
            else if (open.encryptedCertificates)
                m.problemText += "; its certificate bags are encrypted with the password too";
        } else if (m.format == KeyFileFormat::Pem) {
            m.thumbprint = pki::CertificateBundle::loadDer(bytes.reveal()).certificate().thumbprintHex();
        }
    } catch (const Error&) {
        // Nothing readable without the password: the file stays untied.
    }
}

LocalKeyMaterial inspect(const fs::path& path, KeyFileFormat format, const PasswordBook& passwords) {
    LocalKeyMaterial m;
    m.path = path.string();
    m.format = format;
    m.claimedThumbprint = claimedThumbprintOf(path);
    const kvb::detail::FileContent content = kvb::detail::readRegularFile(path);
    if (!content.problem.empty()) {
        m.problem = KeyFileProblem::Unreadable;
        m.problemText = content.problem;
        return m;
    }
    const SecretString password = passwords.lookup(path, m.claimedThumbprint).value_or(SecretString());
    try {
        const auto bundle = loadBundle(m, content.bytes, password);
        m.thumbprint = bundle.certificate().thumbprintHex();
        m.hasKey = bundle.hasPrivateKey();
        if (m.hasKey && !bundle.privateKeyMatchesCertificate()) {
            m.hasKey = false;
            m.problem = KeyFileProblem::Corrupt;
            m.problemText = "the private key does not belong to the certificate";
        }
        return m;
    } catch (const Error& e) {
        m.problemText = e.what();
    }
    if (looksLikePasswordProblem(m.problemText)) {
        m.problem = KeyFileProblem::WrongPassword;
        if (password.empty()) m.problemText = "the file is encrypted and no password was given for it";
        tieLockedFile(m, content.bytes);
    } else if (auto cut = truncation(content.bytes.reveal()); !cut.empty()) {
        m.problem = KeyFileProblem::Truncated;
        m.problemText = std::move(cut);
    } else {
        m.problem = KeyFileProblem::Corrupt;
    }
    return m;
}

// Why a --key-material root cannot be scanned, or "".
std::string rootProblem(const fs::path& root) {
    std::error_code ec;
    if (fs::is_directory(fs::status(root, ec))) {
        fs::directory_iterator probe(root, ec);
        return ec ? "cannot be listed: " + ec.message() : "";
    }
    if (auto problem = kvb::detail::unreadableFileReason(root); !problem.empty()) return problem;
    if (!keyFileFormatOf(root)) return "is not a .pfx, .p12, .pem, .cer, .crt or .der file";
    return {};
}

// Every key material file below @p folder. Links to folders are not followed (no cycles);
// entries that are not regular files (dangling links, FIFOs) are kept so that they are
// reported as unreadable rather than silently left out.
void walk(const fs::path& folder, std::vector<fs::path>& out, KeyMaterialScan& scan) {
    std::error_code ec;
    fs::directory_iterator it(folder, ec);
    for (; !ec && it != fs::directory_iterator(); it.increment(ec)) {
        std::error_code typeEc;
        if (it->is_directory(typeEc) && !it->is_symlink(typeEc)) {
            walk(it->path(), out, scan);
        } else if (keyFileFormatOf(it->path())) {
            out.push_back(it->path());
        }
    }
    if (ec)
        scan.problems.push_back("cannot list key material folder " + folder.string() + ": " + ec.message());
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

void validateKeyMaterialRoots(const std::vector<fs::path>& roots) {
    for (const auto& root : roots) {
        if (const auto problem = rootProblem(root); !problem.empty())
            throw InvalidArgument("key material path " + root.string() + " " + problem);
    }
}

KeyMaterialScan scanKeyMaterial(const std::vector<fs::path>& roots, const PasswordBook& passwords) {
    KeyMaterialScan scan;
    std::vector<fs::path> paths;
    for (const auto& root : roots) {
        if (const auto problem = rootProblem(root); !problem.empty()) {
            scan.problems.push_back("key material path " + root.string() + " " + problem);
        } else if (fs::is_directory(root)) {
            walk(root, paths, scan);
        } else {
            paths.push_back(root);
        }
    }
    std::sort(paths.begin(), paths.end());
    paths.erase(std::unique(paths.begin(), paths.end()), paths.end());
    for (const auto& path : paths) scan.files.push_back(inspect(path, *keyFileFormatOf(path), passwords));
    return scan;
}

PreparedImport prepareImport(const LocalKeyMaterial& file, const PasswordBook& passwords) {
    const SecretBytes bytes = kvb::detail::readInputFile(file.path, "key material file");
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
