// SPDX-License-Identifier: MIT
#pragma once

// Shared Key signed Batch requests for the tests (the signer is checked against a known-answer
// vector in test_shared_key.cpp).

#include "emulator_client.hpp"

#include <string>
#include <vector>

namespace emutest {

inline constexpr const char* kBatchHost = "https://emubatch.eastus.batch.azure.com";
inline constexpr const char* kBatchKey = "ZW11bGF0b3Itc2hhcmVkLWtleS1mb3Ita3ZicmlkZ2UtdGVzdHMtb25seSE=";
inline constexpr const char* kApi = "api-version=2024-07-01.20.0";

// pathAndQuery e.g. "/pools?api-version=...". ocpDate "" means now.
Reply batchRequest(const EmulatorProcess& emu, const std::string& method, const std::string& pathAndQuery,
                   const std::string& body = "", const std::vector<std::string>& extraHeaders = {},
                   const std::string& account = "emubatch", const std::string& key = kBatchKey,
                   const std::string& host = kBatchHost, const std::string& ocpDate = "");

} // namespace emutest
