// SPDX-License-Identifier: MIT
#pragma once

/**
 * @file credential_options.hpp
 * @brief Options shared by the Entra ID credentials.
 */

#include <kvbridge/http/pipeline.hpp>

#include <string>

namespace kvb::identity {

/** @brief Where a credential asks for tokens and how it reaches it. */
struct CredentialOptions {
    /**
     * @brief Entra ID authority, e.g. "https://login.microsoftonline.us" for a sovereign cloud.
     * Empty: the AZURE_AUTHORITY_HOST environment variable, else https://login.microsoftonline.com.
     */
    std::string authorityHost;
    /** @brief Transport, retry and logging of the token requests (e.g. a CA file for an emulator). */
    http::ClientOptions client;
};

} // namespace kvb::identity
