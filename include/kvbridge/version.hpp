// SPDX-License-Identifier: MIT
#pragma once

#include <kvbridge/export.hpp>

/** @brief Version of the headers as 0xMMmmpp (major, minor, patch). */
#define KVB_VERSION_NUM 0x000100
/** @brief Version of the headers as text. */
#define KVB_VERSION_STRING "0.1.0"

namespace kvb {

/** @brief Version of the library actually loaded, as 0xMMmmpp; compare with KVB_VERSION_NUM. */
KVB_EXPORT unsigned int versionNum() noexcept;
/** @brief Version of the library actually loaded, as text ("0.1.0"). Static storage. */
KVB_EXPORT const char* versionString() noexcept;

} // namespace kvb
