// SPDX-License-Identifier: MIT
#include <kvbridge/http/headers.hpp>

#include <algorithm>

namespace kvb::http {

namespace {
char lower(char c) noexcept {
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
}
} // namespace

bool equalsIgnoreCase(std::string_view a, std::string_view b) noexcept {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (lower(a[i]) != lower(b[i])) return false;
    return true;
}

void Headers::set(std::string_view name, std::string_view value) {
    for (auto it = entries_.begin(); it != entries_.end(); ++it) {
        if (equalsIgnoreCase(it->first, name)) {
            it->second.assign(value);
            entries_.erase(std::remove_if(std::next(it), entries_.end(),
                                          [&](const Entry& e) { return equalsIgnoreCase(e.first, name); }),
                           entries_.end());
            return;
        }
    }
    entries_.emplace_back(std::string(name), std::string(value));
}

void Headers::add(std::string_view name, std::string_view value) {
    entries_.emplace_back(std::string(name), std::string(value));
}

void Headers::remove(std::string_view name) {
    entries_.erase(std::remove_if(entries_.begin(), entries_.end(),
                                  [&](const Entry& e) { return equalsIgnoreCase(e.first, name); }),
                   entries_.end());
}

std::optional<std::string_view> Headers::get(std::string_view name) const {
    for (const auto& e : entries_)
        if (equalsIgnoreCase(e.first, name)) return std::string_view(e.second);
    return std::nullopt;
}

} // namespace kvb::http
