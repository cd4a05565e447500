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
 * @brief Overwrite @p size bytes at @p data with zeros in a way the compiler cannot drop as a
 * dead store (explicit_bzero).
 * @param[in,out] data  the memory to wipe; a null pointer is allowed.
 * @param[in]     size  how many bytes; 0 does nothing.
 */
KVB_EXPORT void secureWipe(void* data, std::size_t size) noexcept;

/**
 * @brief Wipe a std::string's whole capacity (a shorter value may sit over a longer one), then
 * clear it.
 * @param[in,out] text  the string to wipe; empty afterwards.
 */
KVB_EXPORT void secureWipe(std::string& text) noexcept;

/**
 * @brief Secret text (a secret value, password, token). Wiped on destruction and on reassignment.
 *
 * Deliberately has no stream operator and no implicit conversion: reading the value is an
 * explicit reveal(). Copies are independent and wiped too. Not thread-safe for writes.
 */
class KVB_EXPORT SecretString {
public:
    /** @brief An empty secret. */
    SecretString() = default;
    /**
     * @brief Copies @p value into a buffer this object owns (the caller's copy stays the caller's
     * to wipe).
     * @param[in] value  the secret text.
     */
    explicit SecretString(std::string_view value);
    /**
     * @brief Copies a C string; a null pointer gives an empty secret. Exists so that a string
     * literal does not hesitate between the string_view and string&& overloads.
     * @param[in] value  NUL-terminated secret text, or null.
     */
    explicit SecretString(const char* value);
    /**
     * @brief Takes over @p value's buffer (no copy) and wipes what the move leaves in it.
     * @param[in,out] value  the secret text; left empty.
     */
    explicit SecretString(std::string&& value) noexcept;
    /**
     * @brief An independent copy, wiped on its own destruction.
     * @param[in] other  the secret to copy.
     */
    SecretString(const SecretString& other);
    /**
     * @brief Takes over @p other's buffer; @p other is left empty and wiped.
     * @param[in,out] other  the secret to move from.
     */
    SecretString(SecretString&& other) noexcept;
    /**
     * @brief Wipes the current value, then copies @p other's.
     * @param[in] other  the secret to copy.
     * @return This object.
     */
    SecretString& operator=(const SecretString& other);
    /**
     * @brief Wipes the current value, then takes over @p other's; @p other is left empty and wiped.
     * @param[in,out] other  the secret to move from.
     * @return This object.
     */
    SecretString& operator=(SecretString&& other) noexcept;
    /** @brief Wipes the value's whole buffer. */
    ~SecretString();

    /**
     * @brief The secret itself, for the one place that must use it.
     * @return A view that stays valid while this object is alive and unchanged.
     */
    std::string_view reveal() const noexcept { return value_; }
    /** @return True when the secret has no characters. */
    bool empty() const noexcept { return value_.empty(); }
    /** @return The length of the secret in bytes. */
    std::size_t size() const noexcept { return value_.size(); }
    /** @brief Wipe and empty. */
    void clear() noexcept;

    /**
     * @brief Compares in constant time for equal lengths, so a timing cannot tell how much of a
     * guess matched.
     * @param[in] other  the secret to compare with.
     * @return True when both hold the same bytes.
     */
    bool operator==(const SecretString& other) const noexcept;

private:
    std::string value_;
};

/** @brief Secret bytes (private keys, PFX blobs, symmetric keys). Wiped on destruction. */
class KVB_EXPORT SecretBytes {
public:
    /** @brief No bytes. */
    SecretBytes() = default;
    /**
     * @brief Copies @p bytes into a buffer this object owns.
     * @param[in] bytes  the secret bytes.
     */
    explicit SecretBytes(std::span<const std::uint8_t> bytes);
    /**
     * @brief Takes over @p bytes' buffer (no copy).
     * @param[in,out] bytes  the secret bytes; left empty.
     */
    explicit SecretBytes(std::vector<std::uint8_t>&& bytes) noexcept;
    /**
     * @brief An independent copy, wiped on its own destruction.
     * @param[in] other  the bytes to copy.
     */
    SecretBytes(const SecretBytes& other);
    /**
     * @brief Takes over @p other's buffer; @p other is left empty.
     * @param[in,out] other  the bytes to move from.
     */
    SecretBytes(SecretBytes&& other) noexcept;
    /**
     * @brief Wipes the current bytes, then copies @p other's.
     * @param[in] other  the bytes to copy.
     * @return This object.
     */
    SecretBytes& operator=(const SecretBytes& other);
    /**
     * @brief Wipes the current bytes, then takes over @p other's; @p other is left empty and wiped.
     * @param[in,out] other  the bytes to move from.
     * @return This object.
     */
    SecretBytes& operator=(SecretBytes&& other) noexcept;
    /** @brief Wipes the buffer's whole capacity. */
    ~SecretBytes();

    /** @return The bytes, valid while this object is alive and unchanged. */
    std::span<const std::uint8_t> reveal() const noexcept { return bytes_; }
    /** @return The first byte (null or dangling when empty); reveal() is safer. */
    const std::uint8_t* data() const noexcept { return bytes_.data(); }
    /** @return How many bytes there are. */
    std::size_t size() const noexcept { return bytes_.size(); }
    /** @return True when there are no bytes. */
    bool empty() const noexcept { return bytes_.empty(); }
    /** @brief Wipe and empty. */
    void clear() noexcept;

    /**
     * @brief Compares in constant time for equal sizes.
     * @param[in] other  the bytes to compare with.
     * @return True when both hold the same bytes.
     */
    bool operator==(const SecretBytes& other) const noexcept;

private:
    std::vector<std::uint8_t> bytes_;
};

} // namespace kvb
