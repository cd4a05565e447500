// SPDX-License-Identifier: MIT
#include "emulator_process.hpp"

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <sys/wait.h>
#include <unistd.h>

namespace kvb::test {

EmulatorProcess::EmulatorProcess(const std::string& exe, const std::vector<std::string>& extraArgs) {
    char tmpl[] = "/tmp/kvb-emu-XXXXXX";
    if (!mkdtemp(tmpl)) throw std::runtime_error("mkdtemp failed");
    dir_ = tmpl;
    caFile_ = dir_ + "/ca.pem";
    int out[2];
    if (pipe(out) != 0) {
        rmdir(dir_.c_str());
        throw std::runtime_error("pipe failed");
    }
    pid_ = fork();
    if (pid_ < 0) {
        close(out[0]);
        close(out[1]);
        rmdir(dir_.c_str());
        throw std::runtime_error("fork failed");
    }
    if (pid_ == 0) {
        dup2(out[1], STDOUT_FILENO);
        close(out[0]);
        close(out[1]);
        std::vector<std::string> args = {exe, "--port", "0", "--ca-out", caFile_};
        if (const char* log = std::getenv("KVB_TEST_SECRETS_LOG"); log != nullptr && *log != '\0')
            args.insert(args.end(), {"--secrets-log", log});
        args.insert(args.end(), extraArgs.begin(), extraArgs.end());
        std::vector<char*> argv;
        for (auto& a : args) argv.push_back(a.data());
        argv.push_back(nullptr);
        execv(exe.c_str(), argv.data());
        _exit(127);
    }
    close(out[1]);
    // The ready line: "kvbridge-emulator listening on https://127.0.0.1:<port>"
    std::string line;
    char c;
    while (read(out[0], &c, 1) == 1 && c != '\n') line += c;
    close(out[0]);
    const std::string marker = "listening on https://127.0.0.1:";
    const auto at = line.find(marker);
    if (at != std::string::npos) port_ = std::atoi(line.c_str() + at + marker.size());
    if (port_ <= 0) {
        kill(pid_, SIGKILL);
        waitpid(pid_, nullptr, 0);
        std::remove(caFile_.c_str());
        rmdir(dir_.c_str());
        throw std::runtime_error(
            std::string(at == std::string::npos ? "emulator did not start" : "emulator printed no port") +
            ": '" + line + "'");
    }
}

EmulatorProcess::~EmulatorProcess() {
    kill(pid_, SIGTERM);
    waitpid(pid_, nullptr, 0);
    std::remove(caFile_.c_str());
    rmdir(dir_.c_str());
}

} // namespace kvb::test
