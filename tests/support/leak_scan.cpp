// SPDX-License-Identifier: MIT
#include "leak_scan.hpp"

#include <cctype>
#include <cstdio>
#include <unordered_set>

namespace kvb::test {

std::size_t findLeak(std::string_view text, std::string_view secret) {
    if (secret.empty()) return std::string::npos;
    if (secret.size() < kLeakWindow) return text.find(secret);
    std::unordered_set<std::string_view> windows;
    windows.reserve(secret.size());
    for (std::size_t i = 0; i + kLeakWindow <= secret.size(); ++i)
        windows.insert(secret.substr(i, kLeakWindow));
    for (std::size_t i = 0; i + kLeakWindow <= text.size(); ++i)
        if (windows.count(text.substr(i, kLeakWindow)) != 0) return i;
    return std::string::npos;
}

std::string jsonEscaped(std::string_view text) {
    std::string out;
    for (char c : text) {
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
            if (static_cast<unsigned char>(c) < 0x20) {
                char buf[8];
                std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned char>(c));
                out += buf;
            } else {
                out += c;
            }
        }
    }
    return out;
}

std::string urlEncoded(std::string_view text) {
    std::string out;
    for (char c : text) {
        if (std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-' || c == '_' || c == '.' ||
            c == '~') {
            out += c;
        } else {
            char buf[4];
            std::snprintf(buf, sizeof buf, "%%%02X", static_cast<unsigned char>(c));
            out += buf;
        }
    }
    return out;
}

} // namespace kvb::test
