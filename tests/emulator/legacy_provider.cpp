// SPDX-License-Identifier: MIT
#include "legacy_provider.hpp"

#include <cstdlib>
#include <mutex>

#include <openssl/provider.h>

namespace emu {

namespace {

// Loading one provider explicitly stops OpenSSL from loading the default one on its own, so the
// default is loaded too. Both are unloaded at exit (before OpenSSL's own clean-up, which atexit
// runs later): a handle still held then keeps the legacy provider's child context alive, which
// LeakSanitizer reports.
OSSL_PROVIDER* defaultProvider = nullptr;
OSSL_PROVIDER* legacyProvider = nullptr;

} // namespace

void loadLegacyProvider() {
    static std::once_flag once;
    std::call_once(once, [] {
        defaultProvider = OSSL_PROVIDER_load(nullptr, "default");
        legacyProvider = OSSL_PROVIDER_load(nullptr, "legacy");
        std::atexit([] {
            if (legacyProvider) OSSL_PROVIDER_unload(legacyProvider);
            if (defaultProvider) OSSL_PROVIDER_unload(defaultProvider);
        });
    });
}

} // namespace emu
