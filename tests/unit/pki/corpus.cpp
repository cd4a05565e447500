// SPDX-License-Identifier: MIT
#include "corpus.hpp"

#include <cstdlib>
#include <stdexcept>

#include <kvbridge/error.hpp>

#include "test_files.hpp"

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
    return kvb::test::readBytes(path(name));
}

std::string text(const std::string& name) {
    return kvb::test::readText(path(name));
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

std::string cryptoErrorOf(const std::function<void()>& action) {
    try {
        action();
    } catch (const kvb::CryptoError& e) {
        return e.what();
    }
    return "(no error)";
}

std::filesystem::path writeTemp(const std::string& name, const std::vector<std::uint8_t>& data) {
    static const kvb::test::TempDir tempDir;
    const auto file = tempDir / name;
    kvb::test::writeBytes(file, data);
    return file;
}

} // namespace corpus
