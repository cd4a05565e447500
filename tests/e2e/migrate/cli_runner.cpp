// SPDX-License-Identifier: MIT
#include "cli_runner.hpp"

#include "emulator.hpp"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <thread>

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
                 std::size_t killAtJournalLines, const EnvOverrides& env, const KillCondition& killWhen) {
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
    const pid_t pid = fork();
    if (pid < 0) throw std::runtime_error("fork failed");
    if (pid == 0) {
        std::freopen(outPath.c_str(), "w", stdout);
        std::freopen(errPath.c_str(), "w", stderr);
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
        full.insert(full.end(), {"--ca-file", emu.caFile(), "--batch-shared-key-env", "KVB_TEST_BATCH_KEY"});
        std::vector<char*> argv;
        for (auto& a : full) argv.push_back(a.data());
        argv.push_back(nullptr);
        execv(cli, argv.data());
        _exit(127);
    }
    int status = 0;
    if (killAtJournalLines > 0 || killWhen) {
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
    r.err = slurp(errPath);
    std::filesystem::remove_all(tmpl);
    return r;
}

} // namespace kvb::test
