// SPDX-License-Identifier: MIT
#pragma once

// The documents of secrets.h: secret properties, secret, deleted secret.

#include <kvbridge/keyvault/secret.hpp>

#include "documents/document.hpp"

namespace kvb::capi {

/** "secret properties". */
void writeSecretProperties(JsonWriter& w, const keyvault::SecretProperties& p);
/** "secret": holds the value, so write it with fillSensitiveDocument(). */
void writeSecret(JsonWriter& w, const keyvault::KeyVaultSecret& s);
/** "deleted secret": may hold the value, so write it with fillSensitiveDocument(). */
void writeDeletedSecret(JsonWriter& w, const keyvault::DeletedSecret& d);

} // namespace kvb::capi
