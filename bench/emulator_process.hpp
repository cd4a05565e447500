// SPDX-License-Identifier: MIT
#pragma once

#include <string>
#include <sys/types.h>

namespace kvb::bench {

/** @brief A kvbridge-emulator child on 127.0.0.1, stopped (SIGTERM) on destruction. */
class EmulatorProcess {
public:
    /** @throws std::runtime_error when the executable does not print its ready line. */
    explicit EmulatorProcess(const std::string& exe);
    ~EmulatorProcess();
    EmulatorProcess(const EmulatorProcess&) = delete;
    EmulatorProcess& operator=(const EmulatorProcess&) = delete;

    int port() const noexcept { return port_; }
    const std::string& caFile() const noexcept { return caFile_; }

private:
    pid_t pid_ = -1;
    int port_ = 0;
    std::string dir_;
    std::string caFile_;
};

} // namespace kvb::bench
