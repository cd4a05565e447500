// SPDX-License-Identifier: MIT
#pragma once

/**
 * @file arm_client_options.hpp
 * @brief Options shared by the Azure Resource Manager (management plane) clients.
 */

#include <kvbridge/http/pipeline.hpp>

#include <string>

namespace kvb::arm {

/** @brief Resource Manager of the public Azure cloud. */
inline constexpr const char* kPublicCloudEndpoint = "https://management.azure.com";
/** @brief Entra ID scope of Resource Manager in the public cloud. */
inline constexpr const char* kManagementScope = "https://management.azure.com/.default";

/**
 * @brief Options of every Resource Manager client (KeyVaultManagementClient, AuthorizationClient,
 * ManagedIdentityClient, BatchManagementClient). An aggregate; fields are only ever appended.
 *
 * Sovereign clouds take their own endpoint and scope, e.g.
 * `{.endpoint = "https://management.usgovcloudapi.net",
 *   .scope = "https://management.usgovcloudapi.net/.default"}`; a local emulator takes its
 * endpoint (`https://management.localhost:PORT`) and keeps the public scope.
 */
struct ArmClientOptions {
    http::ClientOptions client{}; ///< Transport, retry (429 with Retry-After), logging, policies.
    /** @brief https://host[:port] of Resource Manager, nothing after it but an optional "/". */
    std::string endpoint = kPublicCloudEndpoint;
    /** @brief The scope tokens are asked for. */
    std::string scope = kManagementScope;
    /** @brief The api-version to send; empty: the client's default (its k...ApiVersion constant). */
    std::string apiVersion{};
};

} // namespace kvb::arm
