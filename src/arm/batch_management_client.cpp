// SPDX-License-Identifier: MIT
#include <kvbridge/arm/batch_management_client.hpp>

#include "arm/arm_json.hpp"
#include "arm/arm_operation.hpp"

namespace kvb::arm {

using http::Method;

struct BatchManagementClient::Impl : SubscriptionConnection {
    using SubscriptionConnection::SubscriptionConnection;

    ResourceId accountId(std::string_view resourceGroupName, std::string_view accountName) const {
        auto group = resourceGroup(resourceGroupName);
        validateName(accountName, "Batch account", 3, 24, "");
        return group.withProvider("Microsoft.Batch", "batchAccounts", accountName);
    }

    ResourceId poolId(std::string_view resourceGroupName, std::string_view accountName,
                      std::string_view poolName) const {
        auto account = accountId(resourceGroupName, accountName);
        validateName(poolName, "pool", 1, 64, "-_");
        return account.child("pools", poolName);
    }
};

BatchManagementClient::BatchManagementClient(std::string subscriptionId,
                                             std::shared_ptr<const identity::TokenCredential> credential,
                                             ArmClientOptions options)
    : impl_(std::make_shared<const Impl>(std::move(subscriptionId), std::move(credential), options,
                                         kBatchManagementApiVersion)) {}

const std::string& BatchManagementClient::subscriptionId() const noexcept {
    return impl_->subscriptionId;
}

Response<BatchAccount> BatchManagementClient::getBatchAccount(std::string_view resourceGroupName,
                                                              std::string_view accountName,
                                                              const Context& context) const {
    const auto id = impl_->accountId(resourceGroupName, accountName);
    return armGet<BatchAccount>(impl_->conn, impl_->conn.url(id).str(), parseBatchAccount, "Batch account",
                                context);
}

Response<PoolResource> BatchManagementClient::createOrUpdatePool(std::string_view resourceGroupName,
                                                                 std::string_view accountName,
                                                                 std::string_view poolName,
                                                                 const PoolResource& pool,
                                                                 const Context& context) const {
    const auto id = impl_->poolId(resourceGroupName, accountName, poolName);
    auto request = jsonRequest(Method::Put, impl_->conn.url(id).str(), poolBody(pool), true);
    return armSend<PoolResource>(impl_->conn, request, {200, 201}, parsePoolResource, "pool", context);
}

Response<PoolResource> BatchManagementClient::getPool(std::string_view resourceGroupName,
                                                      std::string_view accountName, std::string_view poolName,
                                                      const Context& context) const {
    const auto id = impl_->poolId(resourceGroupName, accountName, poolName);
    auto out =
        armGet<PoolResource>(impl_->conn, impl_->conn.url(id).str(), parsePoolResource, "pool", context);
    if (out.value.etag.empty())
        if (auto etag = out.headers.get("ETag")) out.value.etag = *etag;
    return out;
}

Response<PoolResource> BatchManagementClient::updatePool(std::string_view resourceGroupName,
                                                         std::string_view accountName,
                                                         std::string_view poolName,
                                                         const PoolUpdateParameters& update,
                                                         const Context& context) const {
    const auto id = impl_->poolId(resourceGroupName, accountName, poolName);
    auto request = jsonRequest(Method::Patch, impl_->conn.url(id).str(), poolUpdateBody(update));
    return armSend<PoolResource>(impl_->conn, request, {200}, parsePoolResource, "pool", context);
}

Operation<std::monostate> BatchManagementClient::startDeletePool(std::string_view resourceGroupName,
                                                                 std::string_view accountName,
                                                                 std::string_view poolName,
                                                                 const Context& context) const {
    const auto id = impl_->poolId(resourceGroupName, accountName, poolName);
    http::Request request(Method::Delete, impl_->conn.url(id).str());
    return startOperation<std::monostate>(
        impl_->conn, std::move(request), {200, 202, 204},
        [](const detail::JsonValue&) { return std::monostate{}; }, id.str(),
        "deletion of pool '" + std::string(poolName) + "'", context);
}

} // namespace kvb::arm
