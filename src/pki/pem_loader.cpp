// SPDX-License-Identifier: MIT
// PEM reading for CertificateBundle: certificates plus one private key in any common form.
#include <kvbridge/pki/certificate_bundle.hpp>

#include <cstring>
#include <optional>

#include <openssl/err.h>
#include <openssl/pem.h>

#include "pki/certificate_bundle_access.hpp"
#include "pki/legacy_provider.hpp"
#include "pki/x509_util.hpp"

namespace kvb::pki {
namespace {

struct PemKeyBlock {
    std::string_view text; // from "-----BEGIN" to the end of the matching END line
    bool encrypted = false;
};

// The first "... PRIVATE KEY" block, isolated so OpenSSL's decoders never wander into others.
std::optional<PemKeyBlock> findKeyBlock(std::string_view pem) {
    constexpr std::string_view kBegin = "-----BEGIN ";
    for (std::size_t at = pem.find(kBegin); at != std::string_view::npos; at = pem.find(kBegin, at + 1)) {
        const std::size_t labelStart = at + kBegin.size();
        const std::size_t labelEnd = pem.find("-----", labelStart);
        if (labelEnd == std::string_view::npos) {
            break;
        }
        const std::string_view label = pem.substr(labelStart, labelEnd - labelStart);
        if (!label.ends_with("PRIVATE KEY")) {
            continue;
        }
        const std::string endLine = "-----END " + std::string(label) + "-----";
        const std::size_t endAt = pem.find(endLine, labelEnd);
        if (endAt == std::string_view::npos) {
            detail::throwCrypto("truncated private key block in PEM input");
        }
        PemKeyBlock block;
        block.text = pem.substr(at, endAt + endLine.size() - at);
        block.encrypted = label == "ENCRYPTED PRIVATE KEY" ||
                          block.text.find("Proc-Type: 4,ENCRYPTED") != std::string_view::npos;
        return block;
    }
    return std::nullopt;
}

int passwordCallback(char* buffer, int size, int /*rwflag*/, void* user) {
    const auto* password = static_cast<const detail::PasswordCString*>(user);
    if (password->size() > size) {
        return -1;
    }
    std::memcpy(buffer, password->c_str(), static_cast<std::size_t>(password->size()));
    return password->size();
}

detail::EvpPkeyPtr readPrivateKey(std::string_view pem, const SecretString& password) {
    const auto block = findKeyBlock(pem);
    if (!block) {
        return nullptr;
    }
    if (block->encrypted && password.empty()) {
        detail::throwCrypto("password required for the encrypted private key");
    }
    detail::ensureLegacyProvider();
    const detail::PasswordCString pass(password);
    auto bio = detail::readBio(block->text);
    detail::EvpPkeyPtr key(PEM_read_bio_PrivateKey(bio.get(), nullptr, passwordCallback,
                                                   const_cast<detail::PasswordCString*>(&pass)));
    if (key) {
        ERR_clear_error();
        return key;
    }
    const auto failure = detail::drainErrorQueue();
    if (failure.unsupported && !failure.badDecrypt && !block->encrypted) {
        detail::throwCrypto("unsupported algorithm in the private key");
    }
    detail::throwCrypto(block->encrypted ? "wrong password for the encrypted private key"
                                         : "malformed private key in PEM input");
}

} // namespace

CertificateBundle CertificateBundle::loadPem(std::string_view pem, const SecretString& password) {
    auto certs = detail::readPemCertificates(pem);
    if (certs.empty()) {
        detail::throwCrypto("no certificate in PEM input");
    }
    auto key = readPrivateKey(pem, password);
    return detail::CertificateBundleAccess::make(std::move(certs), std::move(key));
}

} // namespace kvb::pki
