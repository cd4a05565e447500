// SPDX-License-Identifier: MIT
#pragma once

// The transport-free core: routes a parsed request by Host and path to Entra ID, Key Vault or
// Batch, applies authentication, faults, throttling and counters, and serves /_emulator/.

#include "arm/arm_service.hpp"
#include "batch/batch_service.hpp"
#include "counters.hpp"
#include "entra_service.hpp"
#include "faults.hpp"
#include "http_types.hpp"
#include "keyvault/keyvault_service.hpp"
#include "token_issuer.hpp"

#include <atomic>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace emu {

struct Outcome {
    HttpReply reply;
    // Set for faults the transport must carry out (reset, truncate); status, delay and malformed
    // faults are already folded into reply.
    std::optional<FaultKind> transportFault;
};

class Emulator {
public:
    // configJson: the --config file text ("" for none). Throws std::runtime_error when invalid.
    explicit Emulator(const std::string& configJson);

    Outcome dispatch(const HttpRequest& req);
    // Error body in the shape of the service the request was for (used for transport errors
    // such as 413).
    HttpReply serviceError(const HttpRequest& req, int status, const std::string& code,
                           const std::string& message);

    // Every DNS name the server certificate must carry.
    std::vector<std::string> serverNames() const;
    std::string saveState() const;
    // Throws std::runtime_error when the text is not a saved state.
    void loadState(const std::string& json);

private:
    enum class Target { Control, Imds, AppService, Vault, Batch, Arm, Entra };
    struct Route {
        Target target = Target::Entra;
        std::string name; // vault or account name
        bool azureHost = true;
    };
    Route classify(const HttpRequest& req) const;
    // A service request (not the control plane): counted, maybe faulted, then answered.
    Outcome serve(const Route& route, const HttpRequest& req);
    // The service's own answer, after counting and faults.
    Outcome answer(const Route& route, const HttpRequest& req);
    HttpReply faultReply(const Route& route, const HttpRequest& req, const Fault& fault);
    HttpReply vault(const Route& route, const HttpRequest& req);
    HttpReply entra(const HttpRequest& req);
    HttpReply arm(const HttpRequest& req);
    HttpReply control(const HttpRequest& req);
    void applyConfig(const JsonValue& config, bool atStart);
    void resetAll();

    TokenIssuer issuer_;
    EntraService entra_;
    std::unique_ptr<BatchService> batch_;
    KeyVaultService keyVault_;
    std::unique_ptr<ArmService> arm_;
    FaultInjector faults_;
    Throttle throttle_;
    Counters counters_;
    std::string configJson_;
    std::atomic<bool> scopeChallenge_{false};
    // Test overrides of what the 401 challenge names ("" = the real authority / resource).
    mutable std::mutex challengeMutex_;
    std::string challengeAuthority_, challengeResource_;
    // Last: its thread runs late writes against the members above, so it stops first.
    DelayedWork later_;
};

} // namespace emu
