// SPDX-License-Identifier: MIT
#pragma once

/**
 * @file version.hpp
 * @brief The version of the headers (macros) and of the library actually loaded (functions).
 */

#include <kvbridge/export.hpp>

/** @brief Version of the headers as 0xMMmmpp (major, minor, patch). */
#define KVB_VERSION_NUM 0x000100
/** @brief Version of the headers as text. */
#define KVB_VERSION_STRING "0.1.0"

namespace kvb {

/** @return The version of the library actually loaded, as 0xMMmmpp; compare with KVB_VERSION_NUM. */
KVB_EXPORT unsigned int versionNum() noexcept;
/** @return The version of the library actually loaded, as text ("0.1.0"), in static storage. */
KVB_EXPORT const char* versionString() noexcept;

} // namespace kvb
