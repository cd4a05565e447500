// SPDX-License-Identifier: MIT
#pragma once

// Temporary folders and files for tests, and where the test data is. Key material:
// openssl_certificates.hpp.

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace kvb::test {

/** A fresh temporary folder, removed when the object goes away. */
class TempDir {
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::filesystem::path& path() const noexcept { return path_; }
    std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

private:
    std::filesystem::path path_;
};

/** A file under /tmp holding given content (a token file, key material), removed on destruction. */
class TempFile {
public:
    explicit TempFile(std::string_view content);
    explicit TempFile(const std::vector<std::uint8_t>& bytes);
    ~TempFile();
    TempFile(const TempFile&) = delete;
    TempFile& operator=(const TempFile&) = delete;
    const std::string& path() const noexcept { return path_; }
    /** Replace the content (the modification time changes). */
    void rewrite(std::string_view content) const;

private:
    std::string path_;
};

/** Write @p text to @p path. */
void writeText(const std::filesystem::path& path, const std::string& text);

/** Write @p bytes to @p path. */
void writeBytes(const std::filesystem::path& path, const std::vector<std::uint8_t>& bytes);

/** The bytes of @p path (throws when it cannot be read). */
std::vector<std::uint8_t> readBytes(const std::filesystem::path& path);

/** The text of @p path (throws when it cannot be read). */
std::string readText(const std::filesystem::path& path);

/** The REST specifications and their examples that tests read: tests/data/specs, vendored. */
std::filesystem::path specsDir();

} // namespace kvb::test
