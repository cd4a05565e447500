// SPDX-License-Identifier: MIT
// URL and id parsing: Key Vault object ids (caller input and response ids), absolute URLs, next
// links checked against the first request's origin, percent-unescaping, base64, base64url, hex.

#include <kvbridge/keyvault/keyvault_client_options.hpp>

#include "core/call.hpp"
#include "core/encoding.hpp"
#include "core/url.hpp"
#include "fuzz_support.hpp"
#include "keyvault/base64url.hpp"
#include "keyvault/object_attributes.hpp"

namespace {

void roundTripId(const kvb::keyvault::KeyVaultId& id) {
    // Whatever parse() accepts must name something: a collection and a name.
    if (id.collection.empty() || id.name.empty()) __builtin_trap();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto text = kvb::fuzz::asText(data, size);
    using kvb::fuzz::tolerateTypedErrors;
    tolerateTypedErrors([&] { roundTripId(kvb::keyvault::KeyVaultId::parse(text)); });
    tolerateTypedErrors([&] { kvb::keyvault::parseResponseId(text, "fuzz id"); });
    tolerateTypedErrors([&] {
        const auto url = kvb::detail::Url::parse(text);
        url.origin();
        url.isLoopback();
    });
    tolerateTypedErrors([&] {
        kvb::detail::checkNextLink("https://myvault.vault.azure.net/secrets?api-version=7.5",
                                   std::string(text));
    });
    tolerateTypedErrors([&] { kvb::detail::urlUnescape(text); });
    tolerateTypedErrors([&] { kvb::detail::UrlBuilder("https://h").segment(text).query("q", text).str(); });
    tolerateTypedErrors([&] { kvb::keyvault::base64UrlDecode(text, "fuzz bytes"); });
    tolerateTypedErrors([&] { kvb::detail::base64Decode(text); });
    tolerateTypedErrors([&] { kvb::detail::hexDecode(text); });
    return 0;
}
