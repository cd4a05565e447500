// SPDX-License-Identifier: MIT
#include <kvbridge/secret_string.hpp>

#include <utility>

#include <openssl/crypto.h>
#include <string.h> // explicit_bzero (glibc)

namespace kvb {

void secureWipe(void* data, std::size_t size) noexcept {
    if (data != nullptr && size != 0) {
        // Like OPENSSL_cleanse, never optimised away, but a vectorised memset: every request
        // wipes a token or two and a response body, OPENSSL_cleanse does it 8 bytes at a time.
        explicit_bzero(data, size);
    }
}

void secureWipe(std::string& text) noexcept {
    // The whole capacity: a shorter value may have been written over a longer one.
    secureWipe(text.data(), text.capacity());
    text.clear();
}

namespace {

void wipeVector(std::vector<std::uint8_t>& bytes) noexcept {
    secureWipe(bytes.data(), bytes.capacity());
    bytes.clear();
}

// Constant-time on equal sizes, so comparing secrets does not leak a matching prefix length.
bool secretEqual(const void* a, std::size_t aSize, const void* b, std::size_t bSize) noexcept {
    if (aSize != bSize) {
        return false;
    }
    return aSize == 0 || CRYPTO_memcmp(a, b, aSize) == 0;
}

} // namespace

SecretString::SecretString(std::string_view value) : value_(value) {}

SecretString::SecretString(const char* value)
    : value_(value != nullptr ? std::string_view(value) : std::string_view()) {}

SecretString::SecretString(std::string&& value) noexcept : value_(std::move(value)) {
    // A short string lives in the source object's inline buffer, which the move only copies.
    secureWipe(value);
}

SecretString::SecretString(const SecretString& other) : value_(other.value_) {}

SecretString::SecretString(SecretString&& other) noexcept : value_(std::move(other.value_)) {
    secureWipe(other.value_);
}

SecretString& SecretString::operator=(const SecretString& other) {
    if (this != &other) {
        // Wipe first: assignment may reallocate and free the old buffer unwiped.
        secureWipe(value_);
        value_ = other.value_;
    }
    return *this;
}

SecretString& SecretString::operator=(SecretString&& other) noexcept {
    if (this != &other) {
        secureWipe(value_);
        // libstdc++ may hand our old buffer to other; it was wiped above, and other is wiped below.
        value_ = std::move(other.value_);
        secureWipe(other.value_);
    }
    return *this;
}

SecretString::~SecretString() {
    secureWipe(value_);
}

void SecretString::clear() noexcept {
    secureWipe(value_);
}

bool SecretString::operator==(const SecretString& other) const noexcept {
    return secretEqual(value_.data(), value_.size(), other.value_.data(), other.value_.size());
}

SecretBytes::SecretBytes(std::span<const std::uint8_t> bytes) : bytes_(bytes.begin(), bytes.end()) {}

SecretBytes::SecretBytes(std::vector<std::uint8_t>&& bytes) noexcept : bytes_(std::move(bytes)) {
    bytes.clear();
}

SecretBytes::SecretBytes(const SecretBytes& other) : bytes_(other.bytes_) {}

SecretBytes::SecretBytes(SecretBytes&& other) noexcept : bytes_(std::move(other.bytes_)) {
    other.bytes_.clear();
}

SecretBytes& SecretBytes::operator=(const SecretBytes& other) {
    if (this != &other) {
        wipeVector(bytes_);
        bytes_ = other.bytes_;
    }
    return *this;
}

SecretBytes& SecretBytes::operator=(SecretBytes&& other) noexcept {
    if (this != &other) {
        wipeVector(bytes_);
        bytes_ = std::move(other.bytes_);
        wipeVector(other.bytes_);
    }
    return *this;
}

SecretBytes::~SecretBytes() {
    wipeVector(bytes_);
}

void SecretBytes::clear() noexcept {
    wipeVector(bytes_);
}

bool SecretBytes::operator==(const SecretBytes& other) const noexcept {
    return secretEqual(bytes_.data(), bytes_.size(), other.bytes_.data(), other.bytes_.size());
}

} // namespace kvb
