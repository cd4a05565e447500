// SPDX-License-Identifier: MIT
#pragma once

// Shared by every libFuzzer target. The contract under test: hostile input ends in a value or a
// typed kvb::Error. Any other exception escapes the target, and libFuzzer reports it as a crash.

#include <kvbridge/error.hpp>

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

#include "core/json.hpp"

namespace kvb::fuzz {

inline std::string_view asText(const std::uint8_t* data, std::size_t size) {
    return {reinterpret_cast<const char*>(data), size};
}

/** Run @p step; a typed library error is the expected answer to bad input. */
template <class Step>
void tolerateTypedErrors(Step&& step) {
    try {
        step();
    } catch (const kvb::Error&) {
    }
}

/**
 * Parse @p text and hand the root to each of @p parsers (each a callable taking the root),
 * separately, so that one parser's rejection does not hide the others.
 */
template <class... Parsers>
void eachParser(std::string_view text, Parsers&&... parsers) {
    rapidjson::Document doc;
    try {
        doc = kvb::detail::parseJson(text, "fuzz input");
    } catch (const kvb::ParseError&) {
        return;
    }
    const kvb::detail::JsonValue& root = doc;
    (tolerateTypedErrors([&] { parsers(root); }), ...);
}

} // namespace kvb::fuzz
