// SPDX-License-Identifier: MIT
#pragma once

// RAII for the OpenSSL objects the pki code uses, and the one way it reports OpenSSL failures.

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pkcs12.h>
#include <openssl/x509.h>

#include <kvbridge/secret_string.hpp>

namespace kvb::detail {

template <auto FreeFn>
struct OpensslDeleter {
    template <typename T>
    void operator()(T* p) const noexcept {
        FreeFn(p);
    }
};

using BioPtr = std::unique_ptr<BIO, OpensslDeleter<BIO_free_all>>;
using X509Ptr = std::unique_ptr<X509, OpensslDeleter<X509_free>>;
using EvpPkeyPtr = std::unique_ptr<EVP_PKEY, OpensslDeleter<EVP_PKEY_free>>;
using Pkcs12Ptr = std::unique_ptr<PKCS12, OpensslDeleter<PKCS12_free>>;
using EvpMdCtxPtr = std::unique_ptr<EVP_MD_CTX, OpensslDeleter<EVP_MD_CTX_free>>;
using EvpPkeyCtxPtr = std::unique_ptr<EVP_PKEY_CTX, OpensslDeleter<EVP_PKEY_CTX_free>>;

struct X509StackDeleter {
    void operator()(STACK_OF(X509) * stack) const noexcept { sk_X509_pop_free(stack, X509_free); }
};
using X509StackPtr = std::unique_ptr<STACK_OF(X509), X509StackDeleter>;

/** @brief Throw kvb::CryptoError with @p message; OpenSSL's error queue is cleared first. */
[[noreturn]] void throwCrypto(const std::string& message);

/** @brief A read-only memory BIO over @p bytes (no copy; @p bytes must outlive it). */
BioPtr readBio(std::span<const std::uint8_t> bytes);
BioPtr readBio(std::string_view text);

/** @brief A writable memory BIO whose buffer is wiped when freed (for private key output). */
BioPtr secretWriteBio();
/** @brief A writable memory BIO for public output. */
BioPtr writeBio();

/** @brief Everything written to a memory BIO. */
std::string_view bioContents(BIO* bio);

/** @brief Take a reference on @p key (EVP_PKEY_up_ref) and wrap it. */
EvpPkeyPtr shareKey(EVP_PKEY* key);

/** @brief What OpenSSL's error queue said went wrong. */
struct OpensslFailure {
    bool unsupported = false; ///< An algorithm is unknown or unavailable (RC2 without "legacy").
    bool badDecrypt = false;  ///< Decryption failed: the usual sign of a wrong password.
};

/** @brief Classify and empty OpenSSL's error queue. */
OpensslFailure drainErrorQueue() noexcept;

/** @brief A NUL-terminated copy of a password for OpenSSL's char* APIs, wiped when dropped. */
class PasswordCString {
public:
    /** @throws kvb::CryptoError when the password contains a NUL character. */
    explicit PasswordCString(const SecretString& password);
    ~PasswordCString();
    PasswordCString(const PasswordCString&) = delete;
    PasswordCString& operator=(const PasswordCString&) = delete;

    const char* c_str() const noexcept { return value_.c_str(); }
    int size() const noexcept { return static_cast<int>(value_.size()); }
    bool empty() const noexcept { return value_.empty(); }

private:
    std::string value_;
};

} // namespace kvb::detail
