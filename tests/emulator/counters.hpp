// SPDX-License-Identifier: MIT
#pragma once

// Request counters tests read through GET /_emulator/counters.

#include <cstdint>
#include <map>
#include <mutex>
#include <string>

namespace emu {

class Counters {
public:
    enum class Service { Entra, Vault, Batch, Arm, Control };

    void request(Service service, const std::string& operation, bool withAuthorization);
    void tokenRequest(const std::string& clientId);
    void throttled();
    void faultInjected(const std::string& label);
    void delayedWriteDone();
    std::string toJson() const;
    void reset();

private:
    mutable std::mutex mutex_;
    std::uint64_t requests_ = 0, tokenRequests_ = 0, vaultRequests_ = 0, vaultWithToken_ = 0;
    std::uint64_t batchRequests_ = 0, armRequests_ = 0, throttled_ = 0, faults_ = 0, delayedWritesDone_ = 0;
    std::map<std::string, std::uint64_t> byClient_, byOperation_, faultsByKind_;
};

// "GET /secrets/{}/{}" style key: path segments that name things become "{}".
std::string operationTemplate(const std::string& method, const std::string& path);

} // namespace emu
