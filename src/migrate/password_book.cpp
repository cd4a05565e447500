// SPDX-License-Identifier: MIT
#include <kvbridge/migrate/password_book.hpp>

#include "core/json.hpp"
#include "migrate/text_util.hpp"

#include <kvbridge/error.hpp>

#include <fstream>
#include <iterator>

namespace kvb::migrate {

namespace {

std::string normaliseKey(std::string key) {
    key = detail::trim(key);
    return detail::isThumbprintHex(key) ? detail::toUpper(key) : key;
}

void parseIni(PasswordBook& book, std::string_view text) {
    std::size_t lineNo = 0;
    std::size_t pos = 0;
    while (pos <= text.size()) {
        const std::size_t end = std::min(text.find('\n', pos), text.size());
        const std::string line = detail::trim(text.substr(pos, end - pos));
        pos = end + 1;
        ++lineNo;
        if (line.empty() || line[0] == '#' || line[0] == ';' || line[0] == '[') continue;
        const std::size_t eq = line.find('=');
        if (eq == std::string::npos || detail::trim(line.substr(0, eq)).empty()) {
            throw InvalidArgument("password file line " + std::to_string(lineNo) +
                                  ": expected 'file-or-thumbprint = password'");
        }
        std::string value = detail::trim(line.substr(eq + 1));
        book.add(line.substr(0, eq), SecretString(std::move(value)));
    }
}

} // namespace

PasswordBook PasswordBook::parse(std::string_view text) {
    PasswordBook book;
    const std::string first = detail::trim(text.substr(0, std::min<std::size_t>(text.size(), 64)));
    if (!first.empty() && first[0] == '{') {
        auto doc = kvb::detail::parseJson(text, "password file");
        const auto& obj = kvb::detail::requireObject(doc, "password file");
        for (auto it = obj.MemberBegin(); it != obj.MemberEnd(); ++it) {
            if (!it->value.IsString()) {
                throw InvalidArgument("password file: the value for '" + std::string(it->name.GetString()) +
                                      "' is not a string");
            }
            book.add(it->name.GetString(),
                     SecretString(std::string_view(it->value.GetString(), it->value.GetStringLength())));
        }
        return book;
    }
    parseIni(book, text);
    return book;
}

PasswordBook PasswordBook::fromFile(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InvalidArgument("cannot read password file " + path.string());
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    try {
        PasswordBook book = parse(text);
        secureWipe(text);
        return book;
    } catch (...) {
        secureWipe(text);
        throw;
    }
}

void PasswordBook::add(std::string key, SecretString password) {
    entries_[normaliseKey(std::move(key))] = std::move(password);
}

std::optional<SecretString> PasswordBook::lookup(const std::filesystem::path& path,
                                                 std::string_view thumbprint) const {
    const std::string candidates[] = {path.string(), path.lexically_normal().string(),
                                      path.filename().string(),
                                      thumbprint.empty() ? std::string() : detail::toUpper(thumbprint)};
    for (const auto& key : candidates) {
        if (key.empty()) continue;
        if (auto it = entries_.find(key); it != entries_.end()) return it->second;
    }
    // Relative keys ("sub/x.pfx") match the tail of the path.
    const std::string full = path.generic_string();
    for (const auto& [key, value] : entries_) {
        if (key.find('/') != std::string::npos && full.size() > key.size() &&
            full.compare(full.size() - key.size(), key.size(), key) == 0 &&
            full[full.size() - key.size() - 1] == '/') {
            return value;
        }
    }
    if (callback_) {
        if (auto fromCallback = callback_(path.string(), std::string(thumbprint))) return fromCallback;
    }
    return default_;
}

} // namespace kvb::migrate
