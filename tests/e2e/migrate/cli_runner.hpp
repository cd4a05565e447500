// SPDX-License-Identifier: MIT
#pragma once

// Runs the kvbridge CLI ($KVB_CLI) as a child process against the emulator.

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace kvb::test {

struct CliResult {
    int exitCode = -1; ///< -1 when killed
    std::string out;   ///< stdout
    std::string err;   ///< stderr
};

/**
 * Run kvbridge with @p args and the emulator's Entra ID settings in the environment. With
 * @p killAtJournalLines > 0, SIGKILL it as soon as @p journal has that many lines. @p env adds
 * variables to the child's environment.
 */
CliResult runCli(const std::vector<std::string>& args, const std::filesystem::path& journal = {},
                 std::size_t killAtJournalLines = 0,
                 const std::vector<std::pair<std::string, std::string>>& env = {});

} // namespace kvb::test
