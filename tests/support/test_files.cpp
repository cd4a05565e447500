// SPDX-License-Identifier: MIT
#include "test_files.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <stdexcept>
#include <string_view>
#include <vector>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace kvb::test {

TempDir::TempDir() {
    std::random_device rd;
    path_ = std::filesystem::temp_directory_path() /
            ("kvb-migrate-" + std::to_string(rd()) + std::to_string(rd()));
    std::filesystem::create_directories(path_);
}

namespace {

// The secret-hygiene test (tests/hygiene) scans what migrations wrote: with KVB_TEST_ARTIFACTS
// set, reports, journals and pool files (never the key material or password files the test made)
// are copied there before the folder goes.
void keepMigrationOutputs(const std::filesystem::path& dir) {
    const char* target = std::getenv("KVB_TEST_ARTIFACTS");
    if (target == nullptr || *target == '\0') return;
    std::error_code ec;
    for (auto it = std::filesystem::recursive_directory_iterator(dir, ec);
         !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
        if (!it->is_regular_file()) continue;
        const auto& p = it->path();
        const std::string name = p.filename().string();
        const bool output = name.rfind("report.", 0) == 0 || p.extension() == ".jsonl" ||
                            p.parent_path().filename() == "pools";
        if (!output) continue;
        auto relative = std::filesystem::relative(p, dir, ec).string();
        for (auto& c : relative)
            if (c == '/') c = '_';
        std::filesystem::copy_file(p,
                                   std::filesystem::path(target) / (dir.filename().string() + "_" + relative),
                                   std::filesystem::copy_options::overwrite_existing, ec);
    }
}

} // namespace

TempDir::~TempDir() {
    keepMigrationOutputs(path_);
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
}

namespace {

void writeBytes(const std::filesystem::path& path, const void* data, std::size_t size) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(static_cast<const char*>(data), static_cast<std::streamsize>(size));
    if (!out) throw std::runtime_error("cannot write " + path.string());
}

} // namespace

void writeText(const std::filesystem::path& path, const std::string& text) {
    writeBytes(path, text.data(), text.size());
}

void writeBytes(const std::filesystem::path& path, const std::vector<std::uint8_t>& bytes) {
    writeBytes(path, bytes.data(), bytes.size());
}

TempFile::TempFile(std::string_view content) {
    char path[] = "/tmp/kvb-file-XXXXXX";
    const int fd = mkstemp(path);
    if (fd < 0) throw std::runtime_error("temporary file: mkstemp");
    close(fd);
    path_ = path;
    rewrite(content);
}

TempFile::TempFile(const std::vector<std::uint8_t>& bytes)
    : TempFile(std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size())) {}

TempFile::~TempFile() {
    std::error_code ec;
    std::filesystem::remove(path_, ec);
}

void TempFile::rewrite(std::string_view content) const {
    writeBytes(path_, content.data(), content.size());
    // Move the modification time on by a second, so the change shows even within a clock tick.
    struct stat st {};
    if (stat(path_.c_str(), &st) != 0) throw std::runtime_error("temporary file: stat " + path_);
    const timespec times[2] = {{0, UTIME_OMIT}, {st.st_mtim.tv_sec + 1, st.st_mtim.tv_nsec}};
    utimensat(AT_FDCWD, path_.c_str(), times, 0);
}

std::vector<std::uint8_t> readBytes(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path.string());
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::string readText(const std::filesystem::path& path) {
    const auto bytes = readBytes(path);
    return {bytes.begin(), bytes.end()};
}

std::filesystem::path specsDir() {
    return KVB_SPECS_DIR; // set by common/meson.build from the one meson variable, kvb_specs_dir
}

} // namespace kvb::test
