// SPDX-License-Identifier: MIT
#pragma once

// Azure Resource Manager of the emulator, on management.localhost / management.azure.com:
// Microsoft.KeyVault vaults (create as a long-running operation), Microsoft.Authorization role
// definitions, role assignments and permissions, Microsoft.ManagedIdentity user-assigned
// identities, and Microsoft.Batch accounts and pools. It shares its world with the data planes:
// a vault's RBAC switch and the assignments decide what Key Vault lets a token's oid do, a pool
// put here is the Batch data plane's pool, an identity made here gets tokens from IMDS.
// Written from tests/data/specs/arm; the core has checked the bearer token before handle().

#include "../batch/batch_service.hpp"
#include "../entra_service.hpp"
#include "../http_types.hpp"
#include "../keyvault/kv_json.hpp"
#include "arm_rbac.hpp"

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>

namespace emu {

struct ArmConfig {
    int vaultCreateDelayMs = 300; // a vault create's operation completes after this
    int retryAfterSeconds = 1;    // Retry-After on a create's reply and on polls in progress
    int poolResizeDelayMs = 300;  // a pool put or scaled through ARM stays "resizing" this long
};

// Who is calling: the claims of the bearer token.
struct ArmCaller {
    std::string appid;
    std::string oid;
    std::string tid;
};

class ArmService {
public:
    static constexpr const char* kDefaultSubscription = "33333333-4444-5555-6666-777777777777";
    using Scheduler = std::function<void(std::chrono::milliseconds, std::function<void()>)>;

    // later runs work after a delay (pools settle from resizing to steady).
    ArmService(BatchService& batch, std::string tenant, Scheduler later);

    // Thread-safe. A request to the management host whose token the core has accepted.
    HttpReply handle(const HttpRequest& req, const ArmCaller& caller);
    // ARM's error body {"error":{"code","message","details":[]}}.
    static HttpReply error(int status, const std::string& code, const std::string& message);

    // The Key Vault data plane's question for a vault made here with enableRbacAuthorization:
    // the 403 ForbiddenByRbac reply when the caller may not, nullopt when it may (or when the
    // vault does not use RBAC, or was not made through ARM).
    std::optional<HttpReply> authorizeVault(const std::string& vaultName, const HttpRequest& req,
                                            const ArmCaller& caller) const;
    // A user-assigned identity by "client_id", "object_id" or "msi_res_id".
    std::optional<ManagedIdentityRef> identity(const std::string& field, const std::string& value) const;
    // Set when a vault was deleted through ARM: its data-plane contents go too.
    void onVaultDeleted(std::function<void(const std::string&)> drop) { dropVault_ = std::move(drop); }

    ArmConfig config() const;
    void setConfig(const ArmConfig& config);
    const std::string& subscription() const { return subscription_; }
    // Config file members: subscriptionId, subscriptionOwners (principal ids made Owner of the
    // subscription), and the ARM side of each batchAccounts entry (poolAllocationMode,
    // keyVaultReference, identity). Throws std::invalid_argument when malformed.
    void configure(const kv::Json& config);
    // The ARM side of one Batch account (the control plane's account body).
    void setBatchAccount(const kv::Json& account);
    void reset();
    kv::Json saveState() const;
    void loadState(const kv::Json& state);

private:
    struct Vault {
        std::string name, resourceGroup, location;
        kv::Json tags = kv::Json::object();
        kv::Json properties = kv::Json::object();
        std::int64_t readyAtMs = 0;
    };
    struct Operation {
        std::string vault;
        std::int64_t startMs = 0, readyAtMs = 0;
    };
    struct Identity {
        std::string name, resourceGroup, location, clientId, principalId;
        kv::Json tags = kv::Json::object();
    };
    struct Pool {
        std::string account, resourceGroup, name;
        kv::Json body; // the ARM resource as last put or patched (identity resolved)
        std::string etag;
        std::int64_t createdMs = 0;
    };
    struct Target; // a parsed management path

    HttpReply route(const HttpRequest& req, const ArmCaller& caller);
    // Throws an ARM failure (AuthorizationFailed) unless the caller may do action at scope.
    void require(const ArmCaller& caller, const std::string& action, const std::string& scope) const;
    // Drops every assignment and makes the configured owners Owner of the subscription.
    void grantOwners();

    HttpReply vaults(const HttpRequest& req, const ArmCaller& caller, const Target& t);
    HttpReply vaultOperation(const HttpRequest& req, const std::string& location, const std::string& id);
    HttpReply checkVaultName(const HttpRequest& req, const ArmCaller& caller);
    kv::Json vaultJson(const Vault& v, const HttpRequest& req) const;

    HttpReply roleDefinitions(const HttpRequest& req, const ArmCaller& caller, const Target& t);
    HttpReply roleAssignments(const HttpRequest& req, const ArmCaller& caller, const Target& t);
    HttpReply permissions(const HttpRequest& req, const ArmCaller& caller, const Target& t);
    kv::Json assignmentJson(const arm::RoleAssignment& a) const;
    kv::Json roleJson(const arm::RoleDefinition& r) const;

    HttpReply identities(const HttpRequest& req, const ArmCaller& caller, const Target& t);
    kv::Json identityJson(const Identity& i) const;
    HttpReply batchAccounts(const HttpRequest& req, const ArmCaller& caller, const Target& t);
    HttpReply pools(const HttpRequest& req, const ArmCaller& caller, const Target& t);
    kv::Json poolJson(const Pool& p) const;
    // Puts the pool's data-plane twin (resizing) and schedules it to settle.
    void publishPool(const Pool& p);

    BatchService& batch_;
    std::string tenant_;
    Scheduler later_;
    std::function<void(const std::string&)> dropVault_;
    std::string subscription_ = kDefaultSubscription;
    std::vector<std::string> owners_;
    arm::AccessControl access_;
    mutable std::mutex mutex_;
    ArmConfig config_;
    std::map<std::string, Vault, CaseInsensitiveLess> vaults_; // by vault name (global)
    std::map<std::string, Operation> operations_;
    std::map<std::string, Identity, CaseInsensitiveLess> identities_;    // by resource id
    std::map<std::string, Pool, CaseInsensitiveLess> pools_;             // by "<account>/<pool>"
    std::map<std::string, kv::Json, CaseInsensitiveLess> accountExtras_; // ARM-only account fields
};

} // namespace emu
