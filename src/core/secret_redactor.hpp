// SPDX-License-Identifier: MIT
#pragma once

// Cutting known secrets out of text that a service (or anything else) wrote: an error message
// that quotes a request body, a journal or report line built from one.
//
// A service quotes what it was sent in whatever form its text takes: raw, JSON-escaped (PEM
// line breaks as "\n", "/" as "\/"), URL- or form-encoded, with CRLF line breaks or none,
// base64url instead of base64, or cut short. Both the secret and the text are reduced to one
// canonical form (escapes decoded, line breaks dropped, the base64/base64url/space-plus
// alphabet differences folded), so one comparison covers all of them. Matching is per 16-byte
// canonical window, through a hash set of the secret's windows (positions in the secret, compared
// byte by byte, so no false match); a hit is followed along the secret instead of looking up
// each window of a long quote. Linear in the text whatever the secret's size, and any 16 or more
// characters of a secret are found, not just the whole.

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace kvb::detail {

/**
 * A set of secrets and the replacement of every form of them in text by "[redacted]".
 *
 * Rules (in canonical characters): a value shorter than kMinLength is not looked for (it cannot
 * be told apart from ordinary words); a value shorter than kWindow is cut out where it appears
 * whole; a longer one wherever kWindow or more consecutive characters of it appear (a prefix of
 * a truncated quote, a line of a PEM). The base64 encoding of a value up to kMaxEncodedSource
 * bytes is looked for too (a password quoted base64-encoded). Not thread-safe; wipes what it
 * holds when destroyed.
 */
class SecretRedactor {
public:
    static constexpr std::size_t kMinLength = 4;
    static constexpr std::size_t kWindow = 16;
    static constexpr std::size_t kMaxEncodedSource = 4096;
    static constexpr std::string_view kMark = "[redacted]";

    SecretRedactor() = default;
    SecretRedactor(const SecretRedactor&) = delete;
    SecretRedactor& operator=(const SecretRedactor&) = delete;
    ~SecretRedactor();

    /** Look for @p secret, text as it was sent (a secret value, a password, base64 PFX data). */
    void add(std::string_view secret);
    /** Look for binary material (a PFX) in its base64 and base64url forms. */
    void addBinary(std::span<const std::uint8_t> bytes);
    /** True when nothing long enough was added. */
    bool empty() const noexcept { return count_ == 0 && shortValues_.empty(); }

    /** Replace every occurrence in @p text; true when something was cut. */
    bool redact(std::string& text) const;
    /** The redacted copy of @p text. */
    std::string redacted(std::string_view text) const;

private:
    static constexpr std::uint32_t kFree = 0xFFFFFFFF;

    void addCanonical(const std::string& canonical);
    void insert(std::uint32_t position);
    // Position in windows_ of the kWindow bytes at @p window, or npos.
    std::size_t find(const char* window) const noexcept;
    void grow(std::size_t expected);

    std::vector<std::string> shortValues_; // canonical values shorter than kWindow
    std::string windows_;                  // canonical longer values, each followed by '\0'
    std::vector<std::uint32_t> table_;     // positions of distinct windows (open addressing)
    std::size_t count_ = 0;
};

} // namespace kvb::detail
