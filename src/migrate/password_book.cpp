// SPDX-License-Identifier: MIT
#include <kvbridge/migrate/password_book.hpp>

#include "core/input_file.hpp"
#include "core/json.hpp"
#include "migrate/text_util.hpp"

#include <kvbridge/error.hpp>

#include <algorithm>

namespace kvb::migrate {

namespace {

std::string normaliseKey(std::string key) {
    key = detail::trim(key);
    return detail::isThumbprintHex(key) ? detail::toUpper(key) : key;
}

void parseIni(PasswordBook& book, std::string_view text, const std::string& what) {
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
            throw InvalidArgument(what + " line " + std::to_string(lineNo) +
                                  ": expected 'file-or-thumbprint = password'");
        }
        std::string value = detail::trim(line.substr(eq + 1));
        book.add(line.substr(0, eq), SecretString(std::move(value)));
    }
}

void parseJsonBook(PasswordBook& book, std::string_view text, const std::string& what) {
    rapidjson::Document doc;
    try {
        doc = kvb::detail::parseJson(text, what);
    } catch (const ParseError& e) {
        // Offset and RapidJSON's wording only: the text itself holds passwords.
        throw InvalidArgument(e.what());
    }
    if (!doc.IsObject())
        throw InvalidArgument(what + ": expected a JSON object {\"file-or-thumbprint\": \"password\"}");
    // Const iterators: clang reads != between RapidJSON's mutable member iterators as ambiguous in C++20.
    const rapidjson::Value& members = doc;
    for (auto it = members.MemberBegin(); it != members.MemberEnd(); ++it) {
        if (!it->value.IsString()) {
            throw InvalidArgument(what + ": the value for '" + std::string(it->name.GetString()) +
                                  "' is not a string");
        }
        book.add(it->name.GetString(),
                 SecretString(std::string_view(it->value.GetString(), it->value.GetStringLength())));
    }
}

PasswordBook parseBook(std::string_view text, const std::string& what) {
    PasswordBook book;
    // Windows editors start UTF-8 files with a byte order mark; it is neither JSON nor a key.
    text = kvb::detail::withoutUtf8Bom(text);
    const std::string first = detail::trim(text.substr(0, std::min<std::size_t>(text.size(), 64)));
    if (!first.empty() && first[0] == '{')
        parseJsonBook(book, text, what);
    else
        parseIni(book, text, what);
    return book;
}

} // namespace

PasswordBook PasswordBook::parse(std::string_view text) {
    return parseBook(text, "password file");
}

PasswordBook PasswordBook::fromFile(const std::filesystem::path& path) {
    const SecretBytes bytes = kvb::detail::readInputFile(path, "password file");
    return parseBook(detail::asText(bytes), "password file " + path.string());
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
