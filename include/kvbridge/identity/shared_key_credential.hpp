// SPDX-License-Identifier: MIT
#pragma once

/**
 * @file shared_key_credential.hpp
 * @brief Batch Shared Key: account name and account key, signing each request (HMAC-SHA256).
 */

#include <kvbridge/export.hpp>
#include <kvbridge/secret_string.hpp>

#include <string>
#include <string_view>

namespace kvb::identity {

/** @brief Batch account name and base64 account key. The decoded key is kept in a wiped buffer. */
class KVB_EXPORT SharedKeyCredential {
public:
    /**
     * @param accountName  the Batch account name (first label of the account URL).
     * @param base64Key    the account key as the portal shows it (base64); decoded and kept wiped.
     * @throws InvalidArgument when @p accountName is empty or @p base64Key is not base64.
     */
    SharedKeyCredential(std::string accountName, const SecretString& base64Key);
    /** @return The account name given at construction. */
    const std::string& accountName() const noexcept { return accountName_; }
    /**
     * @brief Sign a request the Shared Key way.
     * @param[in] stringToSign  the request's canonical form, as Batch defines it.
     * @return base64(HMAC-SHA256(key, @p stringToSign)).
     */
    std::string sign(std::string_view stringToSign) const;

private:
    std::string accountName_;
    SecretBytes key_;
};

} // namespace kvb::identity
