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
     * @param[in] path  the password file; its bytes are wiped once parsed.
     * @return A book holding the file's entries, with no default and no callback.
     */
    static PasswordBook fromFile(const std::filesystem::path& path);
    /**
     * @brief Same as fromFile() over text already read.
     * @param[in] text  the file's content; not kept (the entries hold their own copies).
     * @return A book holding the entries, with no default and no callback.
     * @throws kvb::InvalidArgument as fromFile(), naming the line or offset only.
     */
    static PasswordBook parse(std::string_view text);

    /**
     * @brief Add or replace one entry.
     * @param[in] key       a file name, a path relative to a scanned folder ("sub/x.pfx"), or a
     *                      thumbprint (normalised to upper case); surrounding blanks are dropped.
     * @param[in] password  the password; may be empty (a PFX exported without one).
     */
    void add(std::string key, SecretString password);
    /**
     * @brief Set the password used when no entry and no callback has one.
     * @param[in] password  e.g. from $KVB_PFX_PASSWORD; replaces an earlier default.
     */
    void setDefault(SecretString password) { default_ = std::move(password); }
    /**
     * @brief Set the source asked when no entry matches, before the default (e.g. a prompt or
     * a secret store). It replaces an earlier callback.
     * @param[in] callback  called from the migration's worker threads, possibly at once, so it
     *                      must be thread-safe; it must not throw.
     */
    void setCallback(Callback callback) { callback_ = std::move(callback); }

    /**
     * @brief The password for @p path (tried as given, relative to its folder, and as a file name)
     * or for @p thumbprint; nullopt when no source has one.
     * @param[in] path        the key material file.
     * @param[in] thumbprint  the thumbprint the file claims by its name; empty when none.
     * @return A copy of the password (wiped when dropped), or nullopt.
     */
    std::optional<SecretString> lookup(const std::filesystem::path& path, std::string_view thumbprint) const;

    /** @return How many entries there are; the default and the callback are not counted. */
    std::size_t size() const noexcept { return entries_.size(); }

private:
    std::map<std::string, SecretString> entries_;
    std::optional<SecretString> default_;
    Callback callback_;
};

} // namespace kvb::migrate
