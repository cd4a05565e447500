// SPDX-License-Identifier: MIT
#pragma once

/**
 * @file shared_key_credential.hpp
 * @brief Batch Shared Key: account name and account key, signing each request (HMAC-SHA256).
 */

#include <kvbridge/export.hpp>
#include <kvbridge/secret_string.hpp>

#include <string>

namespace kvb::identity {

/** @brief Batch account name and base64 account key. The decoded key is kept in a wiped buffer. */
class KVB_EXPORT SharedKeyCredential {
public:
    /** @throws InvalidArgument when @p accountName is empty or @p base64Key is not base64. */
    SharedKeyCredential(std::string accountName, const SecretString& base64Key);
    const std::string& accountName() const noexcept { return accountName_; }
    /** @brief base64(HMAC-SHA256(key, @p stringToSign)). */
    std::string sign(std::string_view stringToSign) const;

private:
    std::string accountName_;
    SecretBytes key_;
};

} // namespace kvb::identity
