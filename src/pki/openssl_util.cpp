// SPDX-License-Identifier: MIT
#include "pki/openssl_util.hpp"

#include <climits>

#include <openssl/err.h>
#include <openssl/pem.h>

#include <kvbridge/error.hpp>

namespace kvb::detail {

void throwCrypto(const std::string& message) {
    // OpenSSL's own texts are dropped: they add nothing for users and would leak into the
    // next unrelated error report if left on the queue.
    ERR_clear_error();
    throw CryptoError(message);
}

BioPtr readBio(std::span<const std::uint8_t> bytes) {
    if (bytes.size() > static_cast<std::size_t>(INT_MAX)) {
        throwCrypto("input too large");
    }
    BioPtr bio(BIO_new_mem_buf(bytes.data(), static_cast<int>(bytes.size())));
    if (!bio) {
        throw std::bad_alloc();
    }
    return bio;
}

BioPtr readBio(std::string_view text) {
    return readBio(std::span(reinterpret_cast<const std::uint8_t*>(text.data()), text.size()));
}

BioPtr secretWriteBio() {
    // BIO_s_secmem buffers are cleansed on free and on growth (OPENSSL_secure_clear_free).
    BioPtr bio(BIO_new(BIO_s_secmem()));
    if (!bio) {
        throw std::bad_alloc();
    }
    return bio;
}

BioPtr writeBio() {
    BioPtr bio(BIO_new(BIO_s_mem()));
    if (!bio) {
        throw std::bad_alloc();
    }
    return bio;
}

std::string_view bioContents(BIO* bio) {
    char* data = nullptr;
    const long size = BIO_get_mem_data(bio, &data);
    if (size <= 0 || data == nullptr) {
        return {};
    }
    return {data, static_cast<std::size_t>(size)};
}

EvpPkeyPtr shareKey(EVP_PKEY* key) {
    if (key != nullptr) {
        EVP_PKEY_up_ref(key);
    }
    return EvpPkeyPtr(key);
}

OpensslFailure drainErrorQueue() noexcept {
    OpensslFailure failure;
    for (unsigned long code = 0; (code = ERR_get_error()) != 0;) {
        const int lib = ERR_GET_LIB(code);
        const int reason = ERR_GET_REASON(code);
        failure.unsupported =
            failure.unsupported || reason == ERR_R_UNSUPPORTED ||
            (lib == ERR_LIB_EVP &&
             (reason == EVP_R_UNSUPPORTED_ALGORITHM || reason == EVP_R_UNSUPPORTED_CIPHER ||
              reason == EVP_R_UNKNOWN_CIPHER || reason == EVP_R_UNSUPPORTED_KEY_DERIVATION_FUNCTION ||
              reason == EVP_R_UNKNOWN_PBE_ALGORITHM || reason == EVP_R_UNSUPPORTED_PRF));
        failure.badDecrypt = failure.badDecrypt || (lib == ERR_LIB_EVP && reason == EVP_R_BAD_DECRYPT) ||
                             (lib == ERR_LIB_PEM && reason == PEM_R_BAD_DECRYPT) ||
                             (lib == ERR_LIB_PKCS12 && reason == PKCS12_R_PKCS12_CIPHERFINAL_ERROR);
    }
    return failure;
}

PasswordCString::PasswordCString(const SecretString& password) : value_(password.reveal()) {
    if (value_.find('\0') != std::string::npos) {
        secureWipe(value_);
        throwCrypto("a password must not contain a NUL character");
    }
}

PasswordCString::~PasswordCString() {
    secureWipe(value_);
}

} // namespace kvb::detail
