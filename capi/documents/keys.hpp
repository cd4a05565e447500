// SPDX-License-Identifier: MIT
#pragma once

// The documents of keys.h: key properties, key (with its JWK), deleted key, release and rotation
// policies.

#include <kvbridge/keyvault/key.hpp>

#include "documents/document.hpp"

namespace kvb::capi {

/** "key properties". */
void writeKeyProperties(JsonWriter& w, const keyvault::KeyProperties& p);
/** "key". A released or imported JWK holds private parts: write it with fillSensitiveDocument(). */
void writeKey(JsonWriter& w, const keyvault::KeyVaultKey& k);
/** "deleted key". */
void writeDeletedKey(JsonWriter& w, const keyvault::DeletedKey& d);
/** "rotation policy". */
void writeRotationPolicy(JsonWriter& w, const keyvault::KeyRotationPolicy& p);
/** A "rotation policy" document (its read-only members ignored). */
keyvault::KeyRotationPolicy readRotationPolicy(std::string_view json);
/** A "release policy" document. */
keyvault::KeyReleasePolicy readReleasePolicy(std::string_view json);
/** A "jwk" document (RFC 7517), parsed in a wiped arena since it may hold private parts. */
keyvault::JsonWebKey readJwk(std::string_view json);

} // namespace kvb::capi
