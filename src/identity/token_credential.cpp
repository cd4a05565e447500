// SPDX-License-Identifier: MIT
// The interface's out-of-line destructor, so that its vtable is emitted once, here, by the library.
#include <kvbridge/identity/token_credential.hpp>

namespace kvb::identity {

TokenCredential::~TokenCredential() = default;

} // namespace kvb::identity
