// SPDX-License-Identifier: MIT
#include <kvbridge/arm/managed_identity_client.hpp>

#include "arm/arm_json.hpp"

namespace kvb::arm {

struct ManagedIdentityClient::Impl : SubscriptionConnection {
    using SubscriptionConnection::SubscriptionConnection;

    std::string url(std::string_view resourceGroupName, std::string_view identityName) const {
        auto group = resourceGroup(resourceGroupName);
        validateName(identityName, "identity", 3, 128, "-_");
        return conn
            .url(group.withProvider("Microsoft.ManagedIdentity", "userAssignedIdentities", identityName))
            .str();
    }
};

ManagedIdentityClient::ManagedIdentityClient(std::string subscriptionId,
                                             std::shared_ptr<const identity::TokenCredential> credential,
                                             ArmClientOptions options)
    : impl_(std::make_shared<const Impl>(std::move(subscriptionId), std::move(credential), options,
                                         kManagedIdentityApiVersion)) {}

const std::string& ManagedIdentityClient::subscriptionId() const noexcept {
    return impl_->subscriptionId;
}

Response<UserAssignedManagedIdentity> ManagedIdentityClient::createOrUpdateUserAssignedIdentity(
    std::string_view resourceGroupName, std::string_view identityName,
    const CreateOrUpdateIdentityOptions& options, const Context& context) const {
    auto request =
        jsonRequest(http::Method::Put, impl_->url(resourceGroupName, identityName), identityBody(options));
    return armSend<UserAssignedManagedIdentity>(impl_->conn, request, {200, 201}, parseUserAssignedIdentity,
                                                "identity", context);
}

Response<UserAssignedManagedIdentity>
ManagedIdentityClient::getUserAssignedIdentity(std::string_view resourceGroupName,
                                               std::string_view identityName, const Context& context) const {
    return armGet<UserAssignedManagedIdentity>(impl_->conn, impl_->url(resourceGroupName, identityName),
                                               parseUserAssignedIdentity, "identity", context);
}

} // namespace kvb::arm
