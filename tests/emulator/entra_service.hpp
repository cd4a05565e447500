// SPDX-License-Identifier: MIT
#pragma once

// Entra ID token endpoint (client credentials with a secret or a certificate assertion) and the
// two managed identity endpoints (IMDS and App Service).

#include "http_types.hpp"
#include "json_util.hpp"
#include "token_issuer.hpp"

#include <functional>
#include <map>
#include <optional>
#include <mutex>
#include <string>
#include <vector>

namespace emu {

struct EntraClient {
    std::string clientId;
    std::string secret;                // empty: no secret registered
    std::vector<std::string> certPems; // certificates accepted for client assertions
};

// A user-assigned identity as the managed identity endpoints need it.
struct ManagedIdentityRef {
    std::string clientId;
    std::string principalId;
};

struct EntraReply {
    HttpReply reply;
    std::string clientId; // the client a token was asked for ("" when unknown)
};

class EntraService {
public:
    static constexpr const char* kDefaultTenant = "11111111-2222-3333-4444-555555555555";
    static constexpr const char* kDefaultClientId = "aaaaaaaa-bbbb-cccc-dddd-000000000001";
    static constexpr const char* kDefaultClientSecret = "emulator-client-secret";
    static constexpr const char* kIdentityHeader = "emulator-identity-header";
    static constexpr const char* kSystemAssignedId = "bbbbbbbb-0000-0000-0000-00000000a001";

    explicit EntraService(const TokenIssuer& issuer);

    // POST /{tenant}/oauth2/v2.0/token
    EntraReply token(const std::string& tenant, const HttpRequest& req);
    EntraReply imds(const HttpRequest& req);
    EntraReply appService(const HttpRequest& req);
    // Entra-shaped error for any other path on the login hosts.
    HttpReply error(int status, const std::string& error, int code, const std::string& text) const;

    // Throws std::invalid_argument (message without secrets) on a bad certificate.
    void registerClient(const EntraClient& client);
    void setTokenLifetime(std::int64_t seconds);
    std::int64_t tokenLifetime() const;
    const std::string& tenant() const { return tenant_; }
    void setTenant(const std::string& tenant) { tenant_ = tenant; }
    // Other tenants the token endpoint serves (a multi-tenant app); their tokens carry their own
    // tid, which Key Vault and Batch refuse.
    void addTenant(const std::string& tenant) { otherTenants_.push_back(tenant); }
    // Looks up a user-assigned identity by "client_id", "object_id" or "msi_res_id" for the
    // managed identity endpoints; unknown ids keep answering as their own principal.
    using IdentityLookup =
        std::function<std::optional<ManagedIdentityRef>(const std::string&, const std::string&)>;
    void setIdentityLookup(IdentityLookup lookup) { identities_ = std::move(lookup); }
    // Drop every registered client and put back the default one.
    void reset();
    std::string saveState() const;
    void loadState(const JsonValue& state);

private:
    EntraReply managedIdentity(const HttpRequest& req);
    HttpReply tokenReply(const std::string& aud, const std::string& tid, const std::string& appid) const;
    bool verifyAssertion(const EntraClient& client, const std::string& tenant, const std::string& assertion,
                         std::string& why) const;

    const TokenIssuer& issuer_;
    std::string tenant_ = kDefaultTenant;
    std::vector<std::string> otherTenants_;
    mutable std::mutex mutex_;
    std::map<std::string, EntraClient> clients_;
    std::int64_t lifetime_ = 3600;
    IdentityLookup identities_;
};

} // namespace emu
