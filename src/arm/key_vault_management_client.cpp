// SPDX-License-Identifier: MIT
#include <kvbridge/arm/key_vault_management_client.hpp>

#include <kvbridge/error.hpp>

#include "arm/arm_json.hpp"
#include "arm/arm_operation.hpp"

namespace kvb::arm {

using http::Method;

struct KeyVaultManagementClient::Impl : SubscriptionConnection {
    using SubscriptionConnection::SubscriptionConnection;

    ResourceId vaultId(std::string_view resourceGroupName, std::string_view vaultName) const {
        auto group = resourceGroup(resourceGroupName);
        validateName(vaultName, "vault", 3, 24, "-");
        return group.withProvider("Microsoft.KeyVault", "vaults", vaultName);
    }
};

KeyVaultManagementClient::KeyVaultManagementClient(
    std::string subscriptionId, std::shared_ptr<const identity::TokenCredential> credential,
    ArmClientOptions options)
    : impl_(std::make_shared<const Impl>(std::move(subscriptionId), std::move(credential), options,
                                         kKeyVaultApiVersion)) {}

const std::string& KeyVaultManagementClient::subscriptionId() const noexcept {
    return impl_->subscriptionId;
}

Operation<Vault> KeyVaultManagementClient::startCreateOrUpdateVault(std::string_view resourceGroupName,
                                                                    std::string_view vaultName,
                                                                    const CreateOrUpdateVaultOptions& options,
                                                                    const Context& context) const {
    const auto id = impl_->vaultId(resourceGroupName, vaultName);
    auto request = jsonRequest(Method::Put, impl_->conn.url(id).str(), vaultBody(options));
    return startOperation<Vault>(impl_->conn, std::move(request), {200, 201, 202}, parseVault, id.str(),
                                 "creation of vault '" + std::string(vaultName) + "'", context);
}

Response<Vault> KeyVaultManagementClient::getVault(std::string_view resourceGroupName,
                                                   std::string_view vaultName, const Context& context) const {
    const auto id = impl_->vaultId(resourceGroupName, vaultName);
    return armGet<Vault>(impl_->conn, impl_->conn.url(id).str(), parseVault, "vault", context);
}

Response<std::monostate> KeyVaultManagementClient::deleteVault(std::string_view resourceGroupName,
                                                               std::string_view vaultName,
                                                               const Context& context) const {
    const auto id = impl_->vaultId(resourceGroupName, vaultName);
    http::Request request(Method::Delete, impl_->conn.url(id).str());
    return kvb::detail::sendNoContent(*impl_->conn.pipeline, request, {200, 204}, context);
}

Response<VaultNameAvailability>
KeyVaultManagementClient::checkVaultNameAvailability(std::string_view vaultName,
                                                     const Context& context) const {
    if (vaultName.empty()) throw InvalidArgument("vault name must not be empty");
    detail::JsonWriter body;
    body.startObject().member("name", vaultName).member("type", "Microsoft.KeyVault/vaults").endObject();
    const auto subscription = ResourceId::subscription(impl_->subscriptionId);
    auto request = jsonRequest(
        Method::Post,
        impl_->conn.url(subscription, {"providers", "Microsoft.KeyVault", "checkNameAvailability"}).str(),
        body.str());
    return armSend<VaultNameAvailability>(impl_->conn, request, {200}, parseVaultNameAvailability,
                                          "name availability", context);
}

} // namespace kvb::arm
