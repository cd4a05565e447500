// SPDX-License-Identifier: MIT
#include <kvbridge/http/transport.hpp>

namespace kvb::http {

Transport::~Transport() = default;

} // namespace kvb::http
