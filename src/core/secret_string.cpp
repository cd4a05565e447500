// SPDX-License-Identifier: MIT
#include <kvbridge/secret_string.hpp>

#include <openssl/crypto.h>

namespace kvb {

void secureWipe(void* data, std::size_t size) noexcept {
    if (data != nullptr && size != 0) OPENSSL_cleanse(data, size);
}

void secureWipe(std::string& text) noexcept {
    // Wipe the whole capacity: a shrunk string may still hold old secret bytes past size().
    text.resize(text.capacity());
    secureWipe(text.data(), text.size());
    text.clear();
}

SecretString::SecretString(std::string_view value) : value_(value) {}
SecretString::SecretString(std::string&& value) noexcept : value_(std::move(value)) {}
SecretString::SecretString(const SecretString& other) : value_(other.value_) {}
SecretString::SecretString(SecretString&& other) noexcept : value_(std::move(other.value_)) {
    other.clear();
}
SecretString& SecretString::operator=(const SecretString& other) {
    if (this != &other) {
        clear();
        value_ = other.value_;
    }
    return *this;
}
SecretString& SecretString::operator=(SecretString&& other) noexcept {
    if (this != &other) {
        clear();
        value_ = std::move(other.value_);
        other.clear();
    }
    return *this;
}
SecretString::~SecretString() {
    clear();
}
void SecretString::clear() noexcept {
    secureWipe(value_);
}
bool SecretString::operator==(const SecretString& other) const noexcept {
    return value_.size() == other.value_.size() &&
           CRYPTO_memcmp(value_.data(), other.value_.data(), value_.size()) == 0;
}

SecretBytes::SecretBytes(std::span<const std::uint8_t> bytes) : bytes_(bytes.begin(), bytes.end()) {}
SecretBytes::SecretBytes(std::vector<std::uint8_t>&& bytes) noexcept : bytes_(std::move(bytes)) {}
SecretBytes::SecretBytes(const SecretBytes& other) : bytes_(other.bytes_) {}
SecretBytes::SecretBytes(SecretBytes&& other) noexcept : bytes_(std::move(other.bytes_)) {
    other.clear();
}
SecretBytes& SecretBytes::operator=(const SecretBytes& other) {
    if (this != &other) {
        clear();
        bytes_ = other.bytes_;
    }
    return *this;
}
SecretBytes& SecretBytes::operator=(SecretBytes&& other) noexcept {
    if (this != &other) {
        clear();
        bytes_ = std::move(other.bytes_);
        other.clear();
    }
    return *this;
}
SecretBytes::~SecretBytes() {
    clear();
}
void SecretBytes::clear() noexcept {
    secureWipe(bytes_.data(), bytes_.capacity());
    bytes_.clear();
}
bool SecretBytes::operator==(const SecretBytes& other) const noexcept {
    return bytes_.size() == other.bytes_.size() &&
           CRYPTO_memcmp(bytes_.data(), other.bytes_.data(), bytes_.size()) == 0;
}

} // namespace kvb
