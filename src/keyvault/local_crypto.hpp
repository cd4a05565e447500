// SPDX-License-Identifier: MIT
#pragma once

// Public-key operations done locally with OpenSSL from a JSON Web Key (RSA and EC), and the
// digest sizes/hashes of the signature algorithms.

#include <kvbridge/keyvault/key.hpp>

#include <cstdint>
#include <memory>
#include <span>
#include <string_view>
#include <vector>

namespace kvb::keyvault {

/** A public key usable by OpenSSL (opaque here). */
class LocalPublicKey {
public:
    /** @throws CryptoError when @p jwk has no usable RSA or EC public part. */
    explicit LocalPublicKey(const JsonWebKey& jwk);
    ~LocalPublicKey();
    LocalPublicKey(const LocalPublicKey&) = delete;
    LocalPublicKey& operator=(const LocalPublicKey&) = delete;

    bool isRsa() const noexcept { return rsa_; }
    /** RSA1_5, RSA-OAEP, RSA-OAEP-256 (encrypt and wrap alike). */
    std::vector<std::uint8_t> encrypt(std::string_view algorithm, std::span<const std::uint8_t> data) const;
    /** RS*, PS*, ES*; ES* signatures in r||s form. */
    bool verify(std::string_view algorithm, std::span<const std::uint8_t> digest,
                std::span<const std::uint8_t> signature) const;

private:
    struct Key;
    std::unique_ptr<Key> key_;
    bool rsa_ = false;
};

/** True for algorithms LocalPublicKey can run with a key of this kind. */
bool isLocalEncryption(std::string_view algorithm) noexcept;
bool isLocalSignature(std::string_view algorithm, bool rsaKey) noexcept;

/** Digest size of a signature algorithm. @throws InvalidArgument for an unknown algorithm. */
std::size_t signatureDigestSize(std::string_view algorithm);
/** SHA-256/384/512 of @p data, as the algorithm wants. */
std::vector<std::uint8_t> digestFor(std::string_view algorithm, std::span<const std::uint8_t> data);

} // namespace kvb::keyvault
