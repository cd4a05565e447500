// SPDX-License-Identifier: MIT
#include <kvbridge/identity/shared_key_credential.hpp>

#include <kvbridge/error.hpp>

#include "core/encoding.hpp"
#include "pki/digest.hpp"

namespace kvb::identity {

namespace {
SecretBytes decodeKey(const SecretString& base64Key) {
    std::vector<std::uint8_t> bytes;
    try {
        bytes = kvb::detail::base64Decode(base64Key.reveal());
    } catch (const ParseError&) {
        throw InvalidArgument("the Batch account key is not valid base64");
    }
    if (bytes.empty()) throw InvalidArgument("the Batch account key is empty");
    return SecretBytes(std::move(bytes));
}
} // namespace

SharedKeyCredential::SharedKeyCredential(std::string accountName, const SecretString& base64Key)
    : accountName_(std::move(accountName)), key_(decodeKey(base64Key)) {
    if (accountName_.empty()) throw InvalidArgument("the Batch account name is empty");
}

std::string SharedKeyCredential::sign(std::string_view stringToSign) const {
    auto mac = kvb::detail::hmacSha256(key_.reveal(), kvb::detail::asBytes(stringToSign));
    std::string out = kvb::detail::base64Encode(mac);
    secureWipe(mac.data(), mac.size());
    return out;
}

} // namespace kvb::identity
