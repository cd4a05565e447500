// SPDX-License-Identifier: MIT
#pragma once

// Wall-clock helpers in the formats the services use on the wire.

#include <cstdint>
#include <optional>
#include <string>

namespace emu {

std::int64_t nowSeconds();
std::int64_t nowMillis();
// "Fri, 17 Feb 2017 00:00:00 GMT"
std::string httpDate(std::int64_t unixSeconds);
std::optional<std::int64_t> parseHttpDate(const std::string& text);
// "2017-02-17T00:00:00.123Z"
std::string isoTime(std::int64_t unixMillis);

} // namespace emu
