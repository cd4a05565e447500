// SPDX-License-Identifier: MIT
#pragma once

/**
 * @file headers.hpp
 * @brief HTTP header list with case-insensitive lookup.
 */

#include <kvbridge/export.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kvb::http {

/** @brief ASCII case-insensitive equality, as HTTP header names compare. */
KVB_EXPORT bool equalsIgnoreCase(std::string_view a, std::string_view b) noexcept;

/**
 * @brief Ordered header list. Names compare case-insensitively; set() replaces, add() appends.
 *
 * A flat vector: requests carry a handful of headers, where a linear scan beats a map.
 */
class KVB_EXPORT Headers {
public:
    using Entry = std::pair<std::string, std::string>;

    /** @brief Replace every header named @p name with one @p value. */
    void set(std::string_view name, std::string_view value);
    /** @brief Append a header, keeping any existing one of the same name. */
    void add(std::string_view name, std::string_view value);
    /** @brief Remove every header named @p name. */
    void remove(std::string_view name);
    /** @brief The first value of @p name, if present; the view borrows from this object. */
    std::optional<std::string_view> get(std::string_view name) const;
    bool contains(std::string_view name) const { return get(name).has_value(); }

    const std::vector<Entry>& entries() const noexcept { return entries_; }
    std::size_t size() const noexcept { return entries_.size(); }
    void clear() noexcept { entries_.clear(); }
    void reserve(std::size_t n) { entries_.reserve(n); }

private:
    std::vector<Entry> entries_;
};

} // namespace kvb::http
