// SPDX-License-Identifier: MIT
#pragma once

// Reading the files a user names (password books, name mappings, key material, CA bundles) with
// one wording for every way a path can fail to be a readable file, checked before the file is
// opened: a FIFO or a directory must never block a run or throw a stream library's exception.

#include <kvbridge/secret_string.hpp>

#include <filesystem>
#include <string>
#include <string_view>

namespace kvb::detail {

/**
 * @brief Why @p path cannot be read as a regular file: "does not exist", "is a dangling symbolic
 * link", "is a directory, not a file", "is not a regular file", "cannot be read: <reason>";
 * empty when it can be opened for reading (it is opened and closed, not read).
 */
std::string unreadableFileReason(const std::filesystem::path& path);

/** @brief A whole file, or why it could not be read (see unreadableFileReason()). */
struct FileContent {
    SecretBytes bytes;   ///< wiped when dropped: the file may hold a key or passwords
    std::string problem; ///< empty on success
};

/** @brief Read all of @p path; never throws for a bad path (the problem says why). */
FileContent readRegularFile(const std::filesystem::path& path);

/**
 * @brief Read all of @p path or throw.
 * @throws kvb::InvalidArgument "<what> <path> <problem>", e.g. "password file /x is a directory,
 * not a file".
 */
SecretBytes readInputFile(const std::filesystem::path& path, std::string_view what);

/**
 * @brief Why @p path cannot be written: as a folder (@p folder) or as a file that is read back
 * later (a journal). A path that does not exist yet is fine when its nearest existing ancestor
 * is a folder that can be written. Empty when it can be written.
 */
std::string unwritablePathReason(const std::filesystem::path& path, bool folder);

/** @brief @p text without a leading UTF-8 byte order mark (editors on Windows write one). */
std::string_view withoutUtf8Bom(std::string_view text) noexcept;

} // namespace kvb::detail
