// SPDX-License-Identifier: MIT
#pragma once

// Reads the swagger examples of specs/batch/2024-07-01.20.0 at test time.

#include <rapidjson/document.h>

#include <string>
#include <vector>

namespace kvb::test {

/** Parse examples/@p file (throws when missing or malformed). */
rapidjson::Document readBatchExample(const std::string& file);
/** Example files whose name starts with @p prefix, sorted. */
std::vector<std::string> batchExamples(const std::string& prefix);

} // namespace kvb::test
