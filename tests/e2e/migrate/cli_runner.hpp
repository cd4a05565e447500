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
 * identity included: IMDS is always the emulator's, so nothing can reach 169.254.169.254), the
 * emulator's CA (`--ca-file`) and Batch key (`--batch-shared-key-env`) unless @p args give their
 * own. With @p killAtJournalLines > 0, SIGKILL it as soon as @p journal has that many lines; with
 * @p killWhen, as soon as it says so (e.g. once the emulator has taken a write in). With
 * @p stderrOnTerminal, stderr is a pseudo-terminal (as for a person at a shell, so the progress
 * bar is drawn) and err holds what it showed.
 */
CliResult runCli(const std::vector<std::string>& args, const std::filesystem::path& journal = {},
                 std::size_t killAtJournalLines = 0, const EnvOverrides& env = {},
                 const KillCondition& killWhen = {}, bool stderrOnTerminal = false);

} // namespace kvb::test
