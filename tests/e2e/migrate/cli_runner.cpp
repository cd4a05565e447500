// SPDX-License-Identifier: MIT
#include "cli_runner.hpp"

#include "emulator.hpp"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <thread>

#include <pty.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

namespace kvb::test {

namespace {

std::size_t lineCount(const std::filesystem::path& path) {
    std::ifstream in(path);
    std::size_t n = 0;
    std::string line;
    while (std::getline(in, line)) ++n;
    return n;
}

std::string slurp(const std::string& path) {
    std::ifstream in(path);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

} // namespace

CliResult runCli(const std::vector<std::string>& args, const std::filesystem::path& journal,
                 std::size_t killAtJournalLines, const EnvOverrides& env, const KillCondition& killWhen,
                 bool stderrOnTerminal) {
    const char* cli = std::getenv("KVB_CLI");
    if (cli == nullptr) throw std::runtime_error("KVB_CLI is not set (run the tests through meson test)");
    auto& emu = Emulator::shared();
    char tmpl[] = "/tmp/kvb-cli-XXXXXX";
    if (mkdtemp(tmpl) == nullptr) throw std::runtime_error("mkdtemp failed");
    const std::string outPath = std::string(tmpl) + "/out";
    const std::string errPath = std::string(tmpl) + "/err";
    // The child must not inherit (and later flush) this process's buffered output.
    std::fflush(stdout);
    std::fflush(stderr);
    int terminal = -1, terminalSide = -1;
    if (stderrOnTerminal && openpty(&terminal, &terminalSide, nullptr, nullptr, nullptr) != 0)
        throw std::runtime_error("openpty failed");
    const pid_t pid = fork();
    if (pid < 0) throw std::runtime_error("fork failed");
    if (pid == 0) {
        std::freopen(outPath.c_str(), "w", stdout);
        if (stderrOnTerminal) {
            dup2(terminalSide, STDERR_FILENO);
            close(terminal);
            close(terminalSide);
        } else {
            std::freopen(errPath.c_str(), "w", stderr);
        }
        setenv("AZURE_TENANT_ID", Emulator::kTenant, 1);
        setenv("AZURE_CLIENT_ID", Emulator::kClientId, 1);
        setenv("AZURE_CLIENT_SECRET", Emulator::kClientSecret, 1);
        setenv("AZURE_AUTHORITY_HOST", emu.authorityHost().c_str(), 1);
        setenv("KVB_TEST_BATCH_KEY", Emulator::kBatchKey, 1);
        setenv("KVB_IMDS_ENDPOINT", (emu.baseUrl() + "/metadata/identity/oauth2/token").c_str(), 1);
        unsetenv("IDENTITY_ENDPOINT");
        for (const auto& [name, value] : env) {
            if (value.empty())
                unsetenv(name.c_str());
            else
                setenv(name.c_str(), value.c_str(), 1);
        }
        std::vector<std::string> full = {cli};
        full.insert(full.end(), args.begin(), args.end());
        const auto given = [&](const char* option) {
            return std::find(args.begin(), args.end(), option) != args.end();
        };
        if (!given("--ca-file")) full.insert(full.end(), {"--ca-file", emu.caFile()});
        // The Batch commands sign with the account key; the Resource Manager ones take tokens only.
        const bool batchCommand =
            !args.empty() && (args[0] == "migrate" || args[0] == "inventory" || args[0] == "pools");
        if (batchCommand && !given("--batch-shared-key-env"))
            full.insert(full.end(), {"--batch-shared-key-env", "KVB_TEST_BATCH_KEY"});
        std::vector<char*> argv;
        for (auto& a : full) argv.push_back(a.data());
        argv.push_back(nullptr);
        execv(cli, argv.data());
        _exit(127);
    }
    int status = 0;
    std::string shown;
    if (stderrOnTerminal) {
        // Read as it comes, or a full terminal buffer would block the child; EIO once it is gone.
        close(terminalSide);
        char buffer[4096];
        for (ssize_t n; (n = read(terminal, buffer, sizeof buffer)) != 0;) {
            if (n < 0 && errno == EINTR) continue;
            if (n < 0) break;
            shown.append(buffer, static_cast<std::size_t>(n));
        }
        close(terminal);
        waitpid(pid, &status, 0);
    } else if (killAtJournalLines > 0 || killWhen) {
        for (;;) {
            if (waitpid(pid, &status, WNOHANG) == pid) break;
            if ((killAtJournalLines > 0 && lineCount(journal) >= killAtJournalLines) ||
                (killWhen && killWhen())) {
                kill(pid, SIGKILL);
                waitpid(pid, &status, 0);
                break;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(2));
        }
    } else {
        waitpid(pid, &status, 0);
    }
    CliResult r;
    r.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r.out = slurp(outPath);
    r.err = stderrOnTerminal ? shown : slurp(errPath);
    std::filesystem::remove_all(tmpl);
    return r;
}

} // namespace kvb::test
