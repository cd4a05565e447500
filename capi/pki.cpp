// SPDX-License-Identifier: MIT
// PKI helpers of the C ABI.

#include <kvbridge/pki/certificate_bundle.hpp>
#include <kvbridge/pki/thumbprint.hpp>

#include <cstring>

#include "capi_internal.hpp"

using namespace kvb;
using namespace kvb::capi;

extern "C" {

int kvb_pki_thumbprints(kvb_thumbprints* out, const uint8_t* data, size_t size, const char* password) {
    return guard([&] {
        requireOut(out);
        std::memset(out, 0, sizeof *out);
        if (data == nullptr || size == 0) throw InvalidArgument("data is empty");
        const auto bundle = pki::CertificateBundle::load(std::span<const std::uint8_t>(data, size),
                                                         SecretString(optional(password)));
        const auto& leaf = bundle.certificate();
        const auto copy = [](char* dst, std::size_t capacity, const std::string& src) {
            std::strncpy(dst, src.c_str(), capacity - 1);
            dst[capacity - 1] = '\0';
        };
        copy(out->sha1_hex, sizeof out->sha1_hex, leaf.thumbprintHex());
        copy(out->x5t, sizeof out->x5t, leaf.x5t());
        copy(out->sha256_hex, sizeof out->sha256_hex, leaf.sha256Thumbprint());
        out->has_private_key = bundle.hasPrivateKey() ? 1 : 0;
        return KVB_OK;
    });
}

int kvb_pki_hex_to_x5t(kvb_string* out, const char* thumbprint_hex) {
    return guard([&] {
        requireOut(out);
        fillString(out, pki::thumbprintHexToX5t(required(thumbprint_hex, "thumbprint_hex")));
        return KVB_OK;
    });
}

int kvb_pki_x5t_to_hex(kvb_string* out, const char* x5t) {
    return guard([&] {
        requireOut(out);
        fillString(out, pki::x5tToThumbprintHex(required(x5t, "x5t")));
        return KVB_OK;
    });
}

} // extern "C"
