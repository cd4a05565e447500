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
    // The handles are kept (never unloaded) so leak checkers see them as reachable.
    struct Providers {
        OSSL_PROVIDER* defaults;
        OSSL_PROVIDER* legacy;
    };
    static const Providers providers = [] {
        const Providers loaded{OSSL_PROVIDER_load(nullptr, "default"), OSSL_PROVIDER_load(nullptr, "legacy")};
        ERR_clear_error();
        return loaded;
    }();
    return providers.legacy != nullptr;
#else
    return true; // OpenSSL 1.1 has every legacy algorithm built in.
#endif
}

} // namespace kvb::detail
