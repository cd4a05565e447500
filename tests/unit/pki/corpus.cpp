// SPDX-License-Identifier: MIT
#include "corpus.hpp"

#include <array>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <stdexcept>

#include <unistd.h>

#include <kvbridge/error.hpp>

namespace corpus {
namespace {
std::string env(const char* name) {
    const char* value = std::getenv(name);
    if (value == nullptr) {
        throw std::runtime_error(std::string(name) + " is not set (run through meson test)");
    }
    return value;
}

std::string trimmed(std::string text) {
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' ')) {
        text.pop_back();
    }
    return text;
}
} // namespace

std::filesystem::path dir() {
    return env("KVB_PKI_CORPUS");
}

std::filesystem::path path(const std::string& name) {
    return dir() / name;
}

std::vector<std::uint8_t> bytes(const std::string& name) {
    std::ifstream in(path(name), std::ios::binary);
    if (!in) {
        throw std::runtime_error("missing corpus file " + name);
    }
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::string text(const std::string& name) {
    const auto raw = bytes(name);
    return {raw.begin(), raw.end()};
}

std::string sha1Of(const std::string& certName) {
    return trimmed(text(certName + ".sha1"));
}

std::string sha256Of(const std::string& certName) {
    return trimmed(text(certName + ".sha256"));
}

kvb::SecretString password() {
    return kvb::SecretString(kPassword);
}

std::string openssl(const std::string& args, bool withStderr) {
    const std::string command =
        "'" + env("KVB_OPENSSL") + "' " + args + (withStderr ? " 2>&1" : " 2>/dev/null");
    FILE* pipe = popen(command.c_str(), "r");
    if (pipe == nullptr) {
        throw std::runtime_error("cannot run openssl");
    }
    std::string output;
    std::array<char, 4096> buffer{};
    std::size_t n = 0;
    while ((n = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0) {
        output.append(buffer.data(), n);
    }
    if (pclose(pipe) != 0) {
        throw std::runtime_error("openssl failed: " + args);
    }
    return output;
}

std::string cryptoErrorOf(const std::function<void()>& action) {
    try {
        action();
    } catch (const kvb::CryptoError& e) {
        return e.what();
    }
    return "(no error)";
}

namespace {
// One directory per run, removed when the program exits.
struct TempDir {
    std::filesystem::path path =
        std::filesystem::temp_directory_path() / ("kvb-unit-pki-" + std::to_string(::getpid()));
    TempDir() { std::filesystem::create_directories(path); }
    ~TempDir() {
        std::error_code ignored;
        std::filesystem::remove_all(path, ignored);
    }
};
} // namespace

std::filesystem::path writeTemp(const std::string& name, const std::vector<std::uint8_t>& data) {
    static const TempDir tempDir;
    const auto file = tempDir.path / name;
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data.data()), static_cast<std::streamsize>(data.size()));
    return file;
}

} // namespace corpus
