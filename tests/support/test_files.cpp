// SPDX-License-Identifier: MIT
#include "test_files.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <stdexcept>
#include <vector>

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
