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

/**
 * @brief ASCII case-insensitive equality, as HTTP header names compare.
 * @param[in] a  one name.
 * @param[in] b  the other.
 * @return True when they differ at most in the case of ASCII letters.
 */
KVB_EXPORT bool equalsIgnoreCase(std::string_view a, std::string_view b) noexcept;

/**
 * @brief Ordered header list. Names compare case-insensitively; set() replaces, add() appends.
 *
 * A flat vector: requests carry a handful of headers, where a linear scan beats a map.
 */
class KVB_EXPORT Headers {
public:
    /** @brief One header: its name as written, and its value. */
    using Entry = std::pair<std::string, std::string>;

    /**
     * @brief Replace every header named @p name with one @p value.
     * @param[in] name   the header name, any case.
     * @param[in] value  its value.
     */
    void set(std::string_view name, std::string_view value);
    /**
     * @brief Append a header, keeping any existing one of the same name.
     * @param[in] name   the header name.
     * @param[in] value  its value.
     */
    void add(std::string_view name, std::string_view value);
    /**
     * @brief Remove every header named @p name.
     * @param[in] name  the header name, any case.
     */
    void remove(std::string_view name);
    /**
     * @brief The first value of @p name.
     * @param[in] name  the header name, any case.
     * @return The value, borrowed from this object (valid until it changes), or nullopt.
     */
    std::optional<std::string_view> get(std::string_view name) const;
    /**
     * @param[in] name  the header name, any case.
     * @return True when at least one header has that name.
     */
    bool contains(std::string_view name) const { return get(name).has_value(); }

    /** @return Every header in order, as set or received. */
    const std::vector<Entry>& entries() const noexcept { return entries_; }
    /** @return How many headers there are (repeated names count once each). */
    std::size_t size() const noexcept { return entries_.size(); }
    /** @brief Remove every header. */
    void clear() noexcept { entries_.clear(); }
    /**
     * @brief Make room for @p n headers without reallocating.
     * @param[in] n  the expected number of headers.
     */
    void reserve(std::size_t n) { entries_.reserve(n); }

private:
    std::vector<Entry> entries_;
};

} // namespace kvb::http
