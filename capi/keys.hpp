// SPDX-License-Identifier: MIT
#pragma once

// The kvb_key model, shared by the key and cryptography parts of the C ABI.

#include <kvbridge/keyvault/key.hpp>

#include <string>

#include "capi_internal.hpp"

namespace kvb::capi {

struct KeyHandle : HandleBase {
    static constexpr Tag kTag = Tag::Key;
    keyvault::KeyVaultKey key;
    explicit KeyHandle(keyvault::KeyVaultKey k) : HandleBase(kTag), key(std::move(k)) {}
};

/** Hand @p key out as a kvb_key; with @p out NULL (the caller did not want it) nothing happens. */
inline int returnKey(kvb_key** out, keyvault::KeyVaultKey key) {
    if (out == nullptr) return KVB_OK;
    return returnHandle<KeyHandle>(out, std::move(key));
}

} // namespace kvb::capi
