// SPDX-License-Identifier: MIT
#include "pki/legacy_provider.hpp"

#include <openssl/err.h>
#include <openssl/opensslv.h>

#if OPENSSL_VERSION_NUMBER >= 0x30000000L
#include <openssl/provider.h>
#endif

namespace kvb::detail {

bool ensureLegacyProvider() noexcept {
#if OPENSSL_VERSION_NUMBER >= 0x30000000L
    // Static local: initialised exactly once, thread-safe. Explicitly loading any provider
    // stops OpenSSL from loading "default" implicitly, so it is loaded too. The providers stay
    // loaded for the life of the process, as the rest of the application may rely on them.
    static const bool available = [] {
        OSSL_PROVIDER_load(nullptr, "default");
        const bool loaded = OSSL_PROVIDER_load(nullptr, "legacy") != nullptr;
        ERR_clear_error();
        return loaded;
    }();
    return available;
#else
    return true; // OpenSSL 1.1 has every legacy algorithm built in.
#endif
}

} // namespace kvb::detail
