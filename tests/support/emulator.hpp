// SPDX-License-Identifier: MIT
#pragma once

// Test fixture: one kvbridge-emulator process per test program, started on first use on a free
// loopback port (path from the KVB_EMULATOR environment variable), stopped at exit.

#include <kvbridge/http/transport.hpp>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "emulator_process.hpp"

namespace kvb::test {

class Emulator {
public:
    // The emulator's documented defaults (tests/emulator/README.md).
    static constexpr const char* kTenant = "11111111-2222-3333-4444-555555555555";
    static constexpr const char* kClientId = "aaaaaaaa-bbbb-cccc-dddd-000000000001";
    static constexpr const char* kClientSecret = "emulator-client-secret";
    static constexpr const char* kBatchAccount = "emubatch";
    static constexpr const char* kBatchRegion = "eastus";
    static constexpr const char* kBatchKey = "ZW11bGF0b3Itc2hhcmVkLWtleS1mb3Ita3ZicmlkZ2UtdGVzdHMtb25seSE=";
    static constexpr const char* kIdentityHeader = "emulator-identity-header";

    /** The process-wide emulator; starts it on first call. Throws if it cannot start. */
    static Emulator& shared();
    /**
     * A further emulator process with extra command-line arguments (e.g. "--tls-expired"),
     * stopped when the object goes away. Its control calls skip TLS verification when it serves
     * an expired certificate, so a test can still read its counters.
     */
    explicit Emulator(const std::vector<std::string>& extraArgs);
    Emulator(const Emulator&) = delete;
    Emulator& operator=(const Emulator&) = delete;

    int port() const noexcept { return process_.port(); }
    const std::string& caFile() const noexcept { return process_.caFile(); }
    /** "https://127.0.0.1:<port>" */
    std::string baseUrl() const;
    /** "https://<name>.vault.localhost:<port>" */
    std::string vaultUrl(std::string_view name) const;
    /** "https://emubatch.batch.localhost:<port>" */
    std::string batchUrl() const;
    /** "https://login.localhost:<port>" */
    std::string authorityHost() const;
    /** Transport options trusting the emulator's CA (TLS verification on). */
    http::TransportOptions transportOptions() const;
    /** connect_to entry sending every host:port to the emulator (for real Azure host names). */
    std::string connectToAll() const;

    /** Call the control plane: @p path below /_emulator/ (e.g. "reset"); returns the body. */
    std::string control(std::string_view method, std::string_view path, std::string_view body = {}) const;
    /** GET /_emulator/counters and read one integer field (0 when absent). */
    long counter(std::string_view name) const;
    /** Requests counted under every "byOperation" template containing @p part ("GET /secrets/{}"). */
    long operationCount(std::string_view part) const;

    ~Emulator();

private:
    Emulator();
    EmulatorProcess process_;
    bool controlVerifiesTls_ = true;
    mutable std::shared_ptr<http::Transport> controlTransport_;
};

} // namespace kvb::test
