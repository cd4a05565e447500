// SPDX-License-Identifier: MIT
#include <kvbridge/identity/shared_key_credential.hpp>

#include <kvbridge/error.hpp>

#include "identity/encoding.hpp"

namespace kvb::identity {

namespace {
SecretBytes decodeKey(const SecretString& base64Key) {
    auto bytes = detail::base64Decode(base64Key.reveal());
    if (!bytes || bytes->empty()) throw InvalidArgument("the Batch account key is not valid base64");
    return SecretBytes(std::move(*bytes));
}
} // namespace

SharedKeyCredential::SharedKeyCredential(std::string accountName, const SecretString& base64Key)
    : accountName_(std::move(accountName)), key_(decodeKey(base64Key)) {
    if (accountName_.empty()) throw InvalidArgument("the Batch account name is empty");
}

std::string SharedKeyCredential::sign(std::string_view stringToSign) const {
    auto mac = detail::hmacSha256(key_.reveal(), stringToSign);
    std::string out = detail::base64Encode(mac);
    secureWipe(mac.data(), mac.size());
    return out;
}

} // namespace kvb::identity
