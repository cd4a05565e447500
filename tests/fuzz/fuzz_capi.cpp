// SPDX-License-Identifier: MIT
// The C ABI's caller-supplied inputs (it takes no JSON from callers today): certificate blobs
// with a password, thumbprint conversions, and the vault URL and ids given to the constructors.
// Every call must end in a status code: an exception crossing the ABI would abort.

#include <kvbridge/kvbridge.h>

#include <cstddef>
#include <cstdint>
#include <string>

namespace {

void check(int status) {
    if (status > KVB_ITEROVER || status < KVB_E_INTERNAL) __builtin_trap(); // not a documented status
    if (status == KVB_E_INTERNAL) __builtin_trap();                         // an escaped exception or a bug
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    // NUL-terminated copy for the string parameters; the first NUL, if any, splits it in two.
    const std::string text(reinterpret_cast<const char*>(data), size);
    const std::string first = text.substr(0, text.find('\0'));
    const std::string second = first.size() < text.size() ? text.substr(first.size() + 1) : std::string();

    kvb_thumbprints prints{};
    check(kvb_pki_thumbprints(&prints, data, size, nullptr));
    check(kvb_pki_thumbprints(&prints, data, size, second.c_str()));

    kvb_string out{};
    check(kvb_pki_hex_to_x5t(&out, first.c_str()));
    kvb_string_dispose(&out);
    check(kvb_pki_x5t_to_hex(&out, first.c_str()));
    kvb_string_dispose(&out);

    kvb_credential* credential = nullptr;
    check(kvb_credential_new_client_secret(&credential, first.c_str(), "client", "secret", nullptr));
    kvb_credential_free(credential);
    credential = nullptr;
    check(kvb_credential_new_client_secret(&credential, "tenant", "client", "secret", nullptr));
    if (credential != nullptr) {
        kvb_secret_client* client = nullptr;
        check(kvb_secret_client_new(&client, first.c_str(), credential, nullptr));
        kvb_secret_client_free(client);
        kvb_credential_free(credential);
    }
    return 0;
}
