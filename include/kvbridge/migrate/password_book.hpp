// SPDX-License-Identifier: MIT
#pragma once

/**
 * @file password_book.hpp
 * @brief kvb::migrate::PasswordBook: where the passwords of PFX files and encrypted keys come from.
 */

#include <kvbridge/export.hpp>
#include <kvbridge/secret_string.hpp>

#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace kvb::migrate {

/**
 * @brief Passwords for key material files, looked up by file name, by relative path or by
 * thumbprint (40 hex digits, any case).
 *
 * Sources, first match wins: entries (from a JSON or INI file, or add()), the callback, the
 * default password (e.g. from an environment variable). Values are SecretString: never logged,
 * wiped when dropped. Thread-safe for concurrent lookups once filled.
 */
class KVB_EXPORT PasswordBook {
public:
    /** @brief Asked with (file path, claimed thumbprint or ""); nullopt when it has none. */
    using Callback =
        std::function<std::optional<SecretString>(const std::string& path, const std::string& thumbprint)>;

    /**
     * @brief Read a JSON object {"file-or-thumbprint": "password", ...} or, when the text does not
     * start with '{', INI lines "file-or-thumbprint = password" ('#'/';' comments, [sections]
     * ignored). A leading UTF-8 byte order mark is skipped in both forms.
     * @throws kvb::InvalidArgument when the path is not a readable file (missing, a directory,
     * no permission), the JSON is malformed or an INI line has no '='; the message names the
     * file and the line or offset, never the content.
     */
    static PasswordBook fromFile(const std::filesystem::path& path);
    /** @brief Same as fromFile() over text already read. */
    static PasswordBook parse(std::string_view text);

    /** @brief Add or replace one entry. Thumbprint keys are normalised to upper case. */
    void add(std::string key, SecretString password);
    /** @brief Password used when nothing else matches (e.g. from $KVB_PFX_PASSWORD). */
    void setDefault(SecretString password) { default_ = std::move(password); }
    void setCallback(Callback callback) { callback_ = std::move(callback); }

    /**
     * @brief The password for @p path (tried as given, relative to its folder, and as a file name)
     * or for @p thumbprint; nullopt when no source has one.
     */
    std::optional<SecretString> lookup(const std::filesystem::path& path, std::string_view thumbprint) const;

    std::size_t size() const noexcept { return entries_.size(); }

private:
    std::map<std::string, SecretString> entries_;
    std::optional<SecretString> default_;
    Callback callback_;
};

} // namespace kvb::migrate
