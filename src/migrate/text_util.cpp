// SPDX-License-Identifier: MIT
#include "migrate/text_util.hpp"

#include "core/time_format.hpp"

#include <algorithm>
#include <cctype>
#include <chrono>

namespace kvb::detail {

std::string toLower(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

std::string toUpper(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    return out;
}

std::string trim(std::string_view text) {
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) return {};
    const auto last = text.find_last_not_of(" \t\r\n");
    return std::string(text.substr(first, last - first + 1));
}

bool isThumbprintHex(std::string_view text) {
    return text.size() == 40 &&
           std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isxdigit(c) != 0; });
}

std::string nowIso8601() {
    return kvb::detail::formatIso8601(std::chrono::system_clock::now());
}

} // namespace kvb::detail
