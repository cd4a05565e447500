// SPDX-License-Identifier: MIT
#include "emulator_process.hpp"

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <sys/wait.h>
#include <unistd.h>

namespace kvb::test {

namespace {

std::string emulatorFromEnvironment() {
    const char* exe = std::getenv("KVB_EMULATOR");
    if (exe == nullptr || *exe == '\0')
        throw std::runtime_error("KVB_EMULATOR is not set (run the tests through meson test)");
    return exe;
}

} // namespace

EmulatorProcess::EmulatorProcess(const std::vector<std::string>& extraArgs)
    : EmulatorProcess(emulatorFromEnvironment(), extraArgs) {}

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
    char c;
    while (read(out[0], &c, 1) == 1 && c != '\n') readyLine_ += c;
    close(out[0]);
    const std::string prefix = "kvbridge-emulator listening on https://127.0.0.1:";
    const bool ready = readyLine_.rfind(prefix, 0) == 0;
    if (ready) port_ = std::atoi(readyLine_.c_str() + prefix.size());
    if (port_ <= 0) {
        stop();
        throw std::runtime_error(std::string(ready ? "emulator printed no port" : "emulator did not start") +
                                 ": '" + readyLine_ + "'");
    }
}

EmulatorProcess::~EmulatorProcess() {
    stop();
}

int EmulatorProcess::stop() {
    if (pid_ <= 0) return -1;
    kill(pid_, SIGTERM);
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = -1;
    std::remove(caFile_.c_str());
    rmdir(dir_.c_str());
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

} // namespace kvb::test
