// SPDX-License-Identifier: MIT
#pragma once

// What every Key Vault client shares: URL and name checks, the pipeline with challenge auth,
// and request building with the api-version.

#include <kvbridge/identity/token_credential.hpp>
#include <kvbridge/keyvault/keyvault_client_options.hpp>

#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>

#include "core/json.hpp"
#include "core/url.hpp"

namespace kvb::keyvault::detail {

/** @throws InvalidArgument unless @p name matches ^[0-9a-zA-Z-]{1,127}$. */
void validateName(std::string_view name, std::string_view what);

/** @throws InvalidArgument unless @p version is empty or alphanumeric (Key Vault versions are hex). */
void validateVersion(std::string_view version);

/** The state every Key Vault client shares; copies share the pipeline. */
struct VaultConnection {
    std::string vaultUrl; ///< https://host[:port], no trailing slash
    std::string apiVersion;
    std::shared_ptr<const http::Pipeline> pipeline;

    /** @throws InvalidArgument for a non-https URL, a missing credential or an unknown api-version. */
    VaultConnection(std::string_view url, std::shared_ptr<const identity::TokenCredential> credential,
                    const KeyVaultClientOptions& options);

    /** vaultUrl + escaped @p segments + ?api-version=... (add more query with the builder). */
    kvb::detail::UrlBuilder url(std::initializer_list<std::string_view> segments) const;
};

/** A request carrying a JSON body; @p sensitive wipes the body once sent (values, keys). */
http::Request jsonRequest(http::Method method, std::string url, std::string_view body,
                          bool sensitive = false);

} // namespace kvb::keyvault::detail
