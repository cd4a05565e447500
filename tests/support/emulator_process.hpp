// SPDX-License-Identifier: MIT
#pragma once

// The one way tests start kvbridge-emulator: a child process on a free loopback port, stopped
// again on destruction. The library's test fixture (emulator.hpp), the emulator's own tests
// (tests/emulator/tests) and kvbridge-bench all start it through this class; scripts use
// with_emulator.sh beside it.

#include <string>
#include <vector>
#include <sys/types.h>

namespace kvb::test {

/** A kvbridge-emulator child on 127.0.0.1 (port 0: the emulator picks one), SIGTERM on destruction. */
class EmulatorProcess {
public:
    /**
     * Start the executable named by $KVB_EMULATOR (meson test sets it).
     * @param extraArgs more command-line arguments (e.g. "--tls-expired", "--state FILE").
     * @throws std::runtime_error when KVB_EMULATOR is unset or the emulator prints no ready line.
     */
    explicit EmulatorProcess(const std::vector<std::string>& extraArgs = {});
    /**
     * Start @p exe. When KVB_TEST_SECRETS_LOG is set, the emulator also gets `--secrets-log` with
     * it, so the secret-hygiene test (tests/hygiene) learns what every emulator saw.
     * @throws std::runtime_error when the executable does not print its ready line.
     */
    EmulatorProcess(const std::string& exe, const std::vector<std::string>& extraArgs);
    ~EmulatorProcess();
    EmulatorProcess(const EmulatorProcess&) = delete;
    EmulatorProcess& operator=(const EmulatorProcess&) = delete;

    /** SIGTERM and wait; the exit status, or -1 when it did not exit normally or was stopped before. */
    int stop();

    int port() const noexcept { return port_; }
    /** The PEM of the CA that signs the emulator's server certificate. */
    const std::string& caFile() const noexcept { return caFile_; }
    /** The first line the emulator printed: "kvbridge-emulator listening on https://127.0.0.1:<port>". */
    const std::string& readyLine() const noexcept { return readyLine_; }

private:
    pid_t pid_ = -1;
    int port_ = 0;
    std::string dir_;
    std::string caFile_;
    std::string readyLine_;
};

} // namespace kvb::test
