// SPDX-License-Identifier: MIT
#pragma once

// Percent-encoding and form parsing for the emulator.

#include <map>
#include <string>
#include <string_view>

namespace emu {

// plusIsSpace: form encoding ('+' means ' '), as in query strings and form bodies.
std::string urlDecode(std::string_view text, bool plusIsSpace);
std::string urlEncode(std::string_view text);
std::multimap<std::string, std::string> parseForm(std::string_view text);
// First value of a multimap entry, or "".
std::string firstValue(const std::multimap<std::string, std::string>& m, const std::string& key);
std::string toLower(std::string s);
// Glob with '*' matching any run of characters (case-insensitive).
bool globMatch(std::string_view pattern, std::string_view text);

} // namespace emu
