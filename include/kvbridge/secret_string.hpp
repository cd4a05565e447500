// SPDX-License-Identifier: MIT
#pragma once

/**
 * @file secret_string.hpp
 * @brief Holders for secret text and bytes that wipe their memory when they go away.
 */

#include <kvbridge/export.hpp>

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace kvb {

/**
 * @brief Overwrite @p size bytes at @p data so the compiler cannot elide it (OPENSSL_cleanse).
 * Safe with a null pointer or size 0.
 */
KVB_EXPORT void secureWipe(void* data, std::size_t size) noexcept;

/** @brief Wipe a std::string's whole capacity, then clear it. */
KVB_EXPORT void secureWipe(std::string& text) noexcept;

/**
 * @brief Secret text (a secret value, password, token). Wiped on destruction and on reassignment.
 *
 * Deliberately has no stream operator and no implicit conversion: reading the value is an
 * explicit reveal(). Copies are independent and wiped too. Not thread-safe for writes.
 */
class KVB_EXPORT SecretString {
public:
    SecretString() = default;
    explicit SecretString(std::string_view value);
    /** @brief From a C string (a null pointer gives an empty secret); avoids the ambiguity a
     *  string literal would otherwise have between the string_view and string&& overloads. */
    explicit SecretString(const char* value);
    /** @brief Takes over @p value's buffer (no copy); @p value is left empty. */
    explicit SecretString(std::string&& value) noexcept;
    SecretString(const SecretString& other);
    SecretString(SecretString&& other) noexcept;
    SecretString& operator=(const SecretString& other);
    SecretString& operator=(SecretString&& other) noexcept;
    ~SecretString();

    /** @brief The secret itself; the view lives as long as this object is unchanged. */
    std::string_view reveal() const noexcept { return value_; }
    bool empty() const noexcept { return value_.empty(); }
    std::size_t size() const noexcept { return value_.size(); }
    /** @brief Wipe and empty. */
    void clear() noexcept;

    bool operator==(const SecretString& other) const noexcept;

private:
    std::string value_;
};

/** @brief Secret bytes (private keys, PFX blobs, symmetric keys). Wiped on destruction. */
class KVB_EXPORT SecretBytes {
public:
    SecretBytes() = default;
    explicit SecretBytes(std::span<const std::uint8_t> bytes);
    explicit SecretBytes(std::vector<std::uint8_t>&& bytes) noexcept;
    SecretBytes(const SecretBytes& other);
    SecretBytes(SecretBytes&& other) noexcept;
    SecretBytes& operator=(const SecretBytes& other);
    SecretBytes& operator=(SecretBytes&& other) noexcept;
    ~SecretBytes();

    std::span<const std::uint8_t> reveal() const noexcept { return bytes_; }
    const std::uint8_t* data() const noexcept { return bytes_.data(); }
    std::size_t size() const noexcept { return bytes_.size(); }
    bool empty() const noexcept { return bytes_.empty(); }
    void clear() noexcept;

    bool operator==(const SecretBytes& other) const noexcept;

private:
    std::vector<std::uint8_t> bytes_;
};

} // namespace kvb
