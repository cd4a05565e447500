// SPDX-License-Identifier: MIT
#pragma once

/**
 * @file thumbprint.hpp
 * @brief Conversions between the two spellings of a SHA-1 certificate thumbprint.
 *
 * Batch names a certificate by 40 hex digits ("thumbprint"); Key Vault reports the same SHA-1
 * as base64url ("x5t"). The migration matches one against the other.
 */

#include <kvbridge/export.hpp>

#include <string>
#include <string_view>

namespace kvb::pki {

/**
 * @brief "A1B2..." (40 hex digits, either case) to the unpadded base64url x5t form.
 * @param[in] thumbprintHex  the Batch form.
 * @return The Key Vault form (27 characters).
 * @throws kvb::InvalidArgument unless @p thumbprintHex is exactly 40 hex digits.
 */
KVB_EXPORT std::string thumbprintHexToX5t(std::string_view thumbprintHex);

/**
 * @brief An x5t (base64url of a SHA-1, padding optional) to 40 upper-case hex digits.
 * @param[in] x5t  the Key Vault form.
 * @return The Batch form.
 * @throws kvb::InvalidArgument unless @p x5t is base64url of exactly 20 bytes.
 */
KVB_EXPORT std::string x5tToThumbprintHex(std::string_view x5t);

/**
 * @brief Normalise a Batch-style thumbprint: strips spaces and colons, upper-cases.
 * @param[in] thumbprintHex  the thumbprint as a person or a tool wrote it.
 * @return 40 upper-case hex digits.
 * @throws kvb::InvalidArgument unless 40 hex digits remain.
 */
KVB_EXPORT std::string normalizeThumbprintHex(std::string_view thumbprintHex);

} // namespace kvb::pki
