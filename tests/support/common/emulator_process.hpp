// SPDX-License-Identifier: MIT
#pragma once

// Starts kvbridge-emulator as a child process on a free loopback port and stops it again. Shared
// by the test fixture (tests/support/emulator.hpp) and kvbridge-bench.

#include <string>
#include <vector>
#include <sys/types.h>

namespace kvb::test {

/** A kvbridge-emulator child on 127.0.0.1 (port 0: the emulator picks one), SIGTERM on destruction. */
class EmulatorProcess {
public:
    /**
     * @param extraArgs more command-line arguments (e.g. "--tls-expired"). When
     * KVB_TEST_SECRETS_LOG is set, the emulator also gets `--secrets-log` with it, so the
     * secret-hygiene test (tests/hygiene) learns what every emulator saw.
     * @throws std::runtime_error when the executable does not print its ready line.
     */
    explicit EmulatorProcess(const std::string& exe, const std::vector<std::string>& extraArgs = {});
    ~EmulatorProcess();
    EmulatorProcess(const EmulatorProcess&) = delete;
    EmulatorProcess& operator=(const EmulatorProcess&) = delete;

    int port() const noexcept { return port_; }
    /** The PEM of the CA that signs the emulator's server certificate. */
    const std::string& caFile() const noexcept { return caFile_; }

private:
    pid_t pid_ = -1;
    int port_ = 0;
    std::string dir_;
    std::string caFile_;
};

} // namespace kvb::test
