// SPDX-License-Identifier: MIT
#pragma once

// Secret models <-> Key Vault JSON (SecretBundle, SecretItem, DeletedSecretBundle, parameters).

#include <kvbridge/keyvault/secret.hpp>

#include <string>

#include "core/json.hpp"

namespace kvb::keyvault {

SecretProperties parseSecretProperties(const kvb::detail::JsonValue& obj);
KeyVaultSecret parseSecret(const kvb::detail::JsonValue& obj);
DeletedSecret parseDeletedSecret(const kvb::detail::JsonValue& obj);

/** SecretSetParameters; the writer must be sensitive (it holds the value). */
void writeSetSecret(kvb::detail::JsonWriter& w, const SecretString& value, const SetSecretOptions& options);
/** SecretUpdateParameters. */
std::string updateSecretBody(const UpdateSecretPropertiesOptions& options);

} // namespace kvb::keyvault
