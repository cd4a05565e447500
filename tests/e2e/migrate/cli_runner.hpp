// SPDX-License-Identifier: MIT
#pragma once

// Runs the kvbridge CLI ($KVB_CLI) as a child process against the emulator.

#include <filesystem>
#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace kvb::test {

struct CliResult {
    int exitCode = -1; ///< -1 when killed
    std::string out;   ///< stdout
    std::string err;   ///< stderr
};

/** Environment changes for one run: an empty value removes the variable. */
using EnvOverrides = std::vector<std::pair<std::string, std::string>>;

/** True when the running CLI is to be killed (asked every 2 ms). */
using KillCondition = std::function<bool()>;

/**
 * Run kvbridge with @p args and the emulator's Entra ID settings in the environment (managed
 * identity included: IMDS is always the emulator's, so nothing can reach 169.254.169.254). With
 * @p killAtJournalLines > 0, SIGKILL it as soon as @p journal has that many lines; with
 * @p killWhen, as soon as it says so (e.g. once the emulator has taken a write in).
 */
CliResult runCli(const std::vector<std::string>& args, const std::filesystem::path& journal = {},
                 std::size_t killAtJournalLines = 0, const EnvOverrides& env = {},
                 const KillCondition& killWhen = {});

} // namespace kvb::test
