// SPDX-License-Identifier: MIT
#pragma once

namespace kvb::detail {

/**
 * Load OpenSSL 3's "legacy" provider (RC2, DES, RC4...) once per process, next to "default",
 * so that old PFX files (RC2-40 certificates, 3DES keys) can be read. Returns whether legacy
 * algorithms are available; false when the provider module is missing, in which case such
 * PFX files fail with "unsupported algorithm". Thread-safe; cheap after the first call.
 */
bool ensureLegacyProvider() noexcept;

} // namespace kvb::detail
