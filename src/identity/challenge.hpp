// SPDX-License-Identifier: MIT
#pragma once

// Parsing of Key Vault's WWW-Authenticate bearer challenge.

#include <optional>
#include <string>
#include <string_view>

namespace kvb::identity {

struct Challenge {
    std::string scope;     ///< "https://vault.azure.net/.default"
    std::string tenantId;  ///< first path segment of the authorization URL
    std::string authority; ///< the authorization URL as given
};

/** Parse `Bearer authorization="…", resource|scope="…"`; nullopt when it is not such a challenge. */
std::optional<Challenge> parseChallenge(std::string_view header);

/** True when @p requestHost ends with "." + the host of @p scope (ASCII case-insensitive). */
bool challengeMatchesHost(const Challenge& challenge, std::string_view requestHost);

} // namespace kvb::identity
