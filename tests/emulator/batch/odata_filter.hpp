// SPDX-License-Identifier: MIT
#pragma once

// The subset of OData $filter Batch clients use: comparisons (eq ne gt ge lt le) of a property
// path with a string, number or boolean literal, startswith(prop,'x'), and/or/not, parentheses.

#include "../json_util.hpp"

#include <memory>
#include <string>

namespace emu {

class ODataFilter {
public:
    // Throws std::invalid_argument with a message naming the problem.
    explicit ODataFilter(const std::string& text);
    ~ODataFilter();
    ODataFilter(ODataFilter&&) noexcept;
    ODataFilter& operator=(ODataFilter&&) noexcept;

    bool matches(const JsonValue& entity) const;

    struct Node;

private:
    std::unique_ptr<Node> root_;
};

// Copy of entity keeping only the comma-separated top-level properties in select.
std::unique_ptr<JsonDoc> applySelect(const JsonValue& entity, const std::string& select);

} // namespace emu
