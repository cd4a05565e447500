// SPDX-License-Identifier: MIT
// Every Key Vault response model parser (secrets, keys, certificates, policies, issuers,
// contacts, JWK, backups) over one JSON body, then the same body as each kind of list page.

#include "fuzz_pages.hpp"
#include "fuzz_support.hpp"
#include "keyvault/certificate_models.hpp"
#include "keyvault/key_json.hpp"
#include "keyvault/secret_json.hpp"

namespace kv = kvb::keyvault;
namespace kvd = kvb::keyvault;
using kvb::detail::JsonValue;

namespace {

constexpr const char* kListUrl = "https://myvault.vault.azure.net/secrets?api-version=7.5";

void parseSingleObjects(std::string_view text) {
    kvb::fuzz::eachParser(
        text, [](const JsonValue& v) { kvd::parseSecret(v); },
        [](const JsonValue& v) { kvd::parseDeletedSecret(v); },
        [](const JsonValue& v) { kvd::parseSecretProperties(v); },
        [](const JsonValue& v) { kvd::parseKey(v); }, [](const JsonValue& v) { kvd::parseDeletedKey(v); },
        [](const JsonValue& v) { kvd::parseKeyProperties(v); },
        [](const JsonValue& v) { kvd::parseJsonWebKey(v); },
        [](const JsonValue& v) { kvd::parseRotationPolicy(v); },
        [](const JsonValue& v) { kvd::parseCertificate(v); },
        [](const JsonValue& v) { kvd::parseDeletedCertificate(v); },
        [](const JsonValue& v) { kvd::parseCertificateProperties(v); },
        [](const JsonValue& v) { kvd::parsePolicy(v); }, [](const JsonValue& v) { kvd::parseOperation(v); },
        [](const JsonValue& v) { kvd::parseIssuer(v); },
        [](const JsonValue& v) { kvd::parseIssuerProperties(v); },
        [](const JsonValue& v) { kvd::parseContacts(v); }, [](const JsonValue& v) { kvd::parseBackup(v); });
}

template <class T, class Parse>
void walk(std::string_view text, Parse parse) {
    kvb::fuzz::walkPages<T>(text, kListUrl, parse);
}

void parseListPages(std::string_view text) {
    walk<kv::SecretProperties>(text, kvd::parseSecretProperties);
    walk<kv::DeletedSecret>(text, kvd::parseDeletedSecret);
    walk<kv::KeyProperties>(text, kvd::parseKeyProperties);
    walk<kv::DeletedKey>(text, kvd::parseDeletedKey);
    walk<kv::CertificateProperties>(text, kvd::parseCertificateProperties);
    walk<kv::DeletedCertificate>(text, kvd::parseDeletedCertificate);
    walk<kv::CertificateIssuerProperties>(text, kvd::parseIssuerProperties);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto text = kvb::fuzz::asText(data, size);
    parseSingleObjects(text);
    parseListPages(text);
    return 0;
}
