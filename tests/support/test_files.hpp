// SPDX-License-Identifier: MIT
#pragma once

// Temporary folders and files for tests, and where the test data is. Key material:
// openssl_certificates.hpp.

#include <cstdint>
#include <filesystem>
#include <string>
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
