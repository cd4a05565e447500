// SPDX-License-Identifier: MIT
#pragma once

// Key models <-> Key Vault JSON (KeyBundle, KeyItem, JsonWebKey, parameters, rotation policy).

#include <kvbridge/keyvault/key.hpp>

#include <string>
#include <string_view>

#include "core/json.hpp"

namespace kvb::keyvault {

JsonWebKey parseJsonWebKey(const kvb::detail::JsonValue& obj);
/** Every non-empty field; the writer must be sensitive when private parts are set. */
void writeJsonWebKey(kvb::detail::JsonWriter& w, const JsonWebKey& key);

/** From a KeyBundle (id = key.kid) or a KeyItem (id = kid). */
KeyProperties parseKeyProperties(const kvb::detail::JsonValue& obj);
KeyVaultKey parseKey(const kvb::detail::JsonValue& obj);
DeletedKey parseDeletedKey(const kvb::detail::JsonValue& obj);
KeyRotationPolicy parseRotationPolicy(const kvb::detail::JsonValue& obj);

/** @throws InvalidArgument when size, exponent and curve do not fit @p keyType. */
void validateCreateKey(std::string_view keyType, const CreateKeyOptions& options);

std::string createKeyBody(std::string_view keyType, const CreateKeyOptions& options);
/** Sensitive writer: the key material. */
void writeImportKey(kvb::detail::JsonWriter& w, const JsonWebKey& key, const ImportKeyOptions& options);
std::string updateKeyBody(const UpdateKeyPropertiesOptions& options);
std::string rotationPolicyBody(const KeyRotationPolicy& policy);

} // namespace kvb::keyvault
