// SPDX-License-Identifier: MIT
#include <kvbridge/version.hpp>

namespace kvb {

unsigned int versionNum() noexcept {
    return KVB_VERSION_NUM;
}
const char* versionString() noexcept {
    return KVB_VERSION_STRING;
}

} // namespace kvb
