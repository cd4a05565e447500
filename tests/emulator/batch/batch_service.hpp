// SPDX-License-Identifier: MIT
#pragma once

// Batch data plane (2024-07-01.20.0): certificates, pools, job schedules and jobs, with Shared Key
// and bearer authentication, OData $filter/$select and odata.nextLink paging. This class is the
// face the server core sees (the account's lock, api-version, request ids, the error body) and
// the router; the handlers live beside it, one file per concern (batch_handlers.hpp).

#include "../http_types.hpp"
#include "../token_issuer.hpp"
#include "batch_model.hpp"

#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace emu {

class BatchService {
public:
    static constexpr const char* kApiVersion = "2024-07-01.20.0";
    static constexpr const char* kDefaultAccount = "emubatch";
    static constexpr const char* kDefaultRegion = "eastus";
    static constexpr const char* kDefaultKey = "ZW11bGF0b3Itc2hhcmVkLWtleS1mb3Ita3ZicmlkZ2UtdGVzdHMtb25seSE=";

    BatchService(const TokenIssuer& issuer, std::string tenant);

    // A request to <account>.<region>.batch.azure.com or <account>.batch.localhost.
    HttpReply handle(const std::string& account, const HttpRequest& req);
    // Batch-shaped error reply (also used for 404/405/413 outside handle()).
    static HttpReply error(const HttpRequest& req, int status, const std::string& code,
                           const std::string& message,
                           const std::vector<std::pair<std::string, std::string>>& values = {});

    // Control plane; each throws BatchFailure on bad input.
    void seedAccount(const JsonValue& body);
    void seedCertificate(const std::string& account, const JsonValue& body);
    // kind: "pools", "jobschedules" or "jobs"
    void seedEntity(const std::string& account, const std::string& kind, const JsonValue& body);
    void setRetired(const std::string& account, bool retired);
    // Config-file shape: {"batchAccounts":[{name, region, key, retired, certificates, pools, ...}]}
    void loadSeeds(const JsonValue& config);

    // For Resource Manager, which shares these accounts and pools: an account's region (nullopt
    // when there is no such account); a copy of an entity (nullptr when absent); a change to a
    // stored entity (false when absent); a removal.
    std::optional<std::string> accountRegion(const std::string& account) const;
    std::unique_ptr<JsonDoc> entity(const std::string& account, const std::string& kind,
                                    const std::string& id) const;
    bool updateEntity(const std::string& account, const std::string& kind, const std::string& id,
                      const std::function<void(JsonDoc&)>& change);
    bool removeEntity(const std::string& account, const std::string& kind, const std::string& id);

    std::vector<std::string> regions() const;
    void reset();
    std::string saveState() const;
    void loadState(const JsonValue& state);

private:
    HttpReply route(BatchAccount& account, const HttpRequest& req);
    BatchAccount& accountOrThrow(const std::string& name);
    // The table of kind ("pools", "jobschedules", "jobs") in a known account, or nullptr.
    EntityTable* table(const std::string& account, const std::string& kind);

    const TokenIssuer& issuer_;
    std::string tenant_;
    mutable std::mutex mutex_;
    std::map<std::string, BatchAccount> accounts_;
};

} // namespace emu
