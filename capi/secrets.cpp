// SPDX-License-Identifier: MIT
// SecretClient of the C ABI (issue #9).

#include <kvbridge/keyvault/secret_client.hpp>

#include <chrono>
#include <memory>
#include <optional>

#include "capi_internal.hpp"
#include "core/json.hpp"

namespace kvb::capi {

namespace {

// Delete is a long-running operation; the C call blocks, so poll often enough to stay quick
// against an emulator while the service's Retry-After still wins when it sends one.
constexpr auto kDeletePollInterval = std::chrono::milliseconds(100);

struct SecretClientHandle : HandleBase {
    static constexpr Tag kTag = Tag::SecretClient;
    keyvault::SecretClient client;
    explicit SecretClientHandle(keyvault::SecretClient c) : HandleBase(kTag), client(std::move(c)) {}
};

struct SecretHandle : HandleBase {
    static constexpr Tag kTag = Tag::Secret;
    keyvault::KeyVaultSecret secret;
    std::string value; // NUL-terminated copy for kvb_secret_value(); wiped in the destructor
    std::string contentType;
    explicit SecretHandle(keyvault::KeyVaultSecret s)
        : HandleBase(kTag), secret(std::move(s)), value(secret.value.reveal()),
          contentType(secret.properties.contentType.value_or("")) {}
    ~SecretHandle() { secureWipe(value); }
    SecretHandle(const SecretHandle&) = delete;
    SecretHandle& operator=(const SecretHandle&) = delete;
};

struct SecretPagerHandle : HandleBase {
    static constexpr Tag kTag = Tag::SecretPager;
    Pager<keyvault::SecretProperties> pager;
    std::optional<Pager<keyvault::SecretProperties>::Iterator> at;
    explicit SecretPagerHandle(Pager<keyvault::SecretProperties> p) : HandleBase(kTag), pager(std::move(p)) {}
};

keyvault::SecretClientOptions secretClientOptions(const kvb_client_options* options) {
    keyvault::SecretClientOptions out;
    out.client = clientOptions(options);
    if (options) {
        if (options->api_version) out.apiVersion = options->api_version;
        out.verifyChallengeResource = options->disable_challenge_resource_verification == 0;
    }
    return out;
}

const keyvault::SecretClient& clientOf(const kvb_secret_client* handle) {
    return unwrap<SecretClientHandle>(handle).client;
}

int returnSecret(kvb_secret** out, keyvault::KeyVaultSecret secret) {
    *out = reinterpret_cast<kvb_secret*>(new SecretHandle(std::move(secret)));
    return KVB_OK;
}

// Accessors return "" for a bad handle: they cannot report a status, and must never crash.
template <class Field>
const char* borrow(const kvb_secret* secret, Field field) noexcept {
    const char* text = "";
    guard([&] {
        text = field(unwrap<SecretHandle>(secret)).c_str();
        return KVB_OK;
    });
    return text;
}

} // namespace

} // namespace kvb::capi

using namespace kvb;
using namespace kvb::capi;

extern "C" {

int kvb_secret_client_new(kvb_secret_client** out, const char* vault_url, const kvb_credential* credential,
                          const kvb_client_options* options) {
    return guard([&] {
        requireOut(out);
        *out = nullptr;
        keyvault::SecretClient client(std::string(required(vault_url, "vault_url")), credentialOf(credential),
                                      secretClientOptions(options));
        *out = reinterpret_cast<kvb_secret_client*>(new SecretClientHandle(std::move(client)));
        return KVB_OK;
    });
}

void kvb_secret_client_free(kvb_secret_client* client) {
    freeHandle<SecretClientHandle>(client);
}

int kvb_secret_client_set_secret(kvb_secret** out, const kvb_secret_client* client, const char* name,
                                 const char* value, const char* content_type) {
    return guard([&] {
        requireOut(out);
        *out = nullptr;
        keyvault::SetSecretOptions options;
        if (content_type) options.contentType = content_type;
        auto response = clientOf(client).setSecret(required(name, "name"),
                                                   SecretString(required(value, "value")), options);
        return returnSecret(out, std::move(response.value));
    });
}

int kvb_secret_client_get_secret(kvb_secret** out, const kvb_secret_client* client, const char* name,
                                 const char* version) {
    return guard([&] {
        requireOut(out);
        *out = nullptr;
        auto response = clientOf(client).getSecret(required(name, "name"), optional(version));
        return returnSecret(out, std::move(response.value));
    });
}

const char* kvb_secret_value(const kvb_secret* secret) {
    return borrow(secret, [](const SecretHandle& h) -> const std::string& { return h.value; });
}
const char* kvb_secret_id(const kvb_secret* secret) {
    return borrow(secret, [](const SecretHandle& h) -> const std::string& { return h.secret.properties.id; });
}
const char* kvb_secret_name(const kvb_secret* secret) {
    return borrow(secret,
                  [](const SecretHandle& h) -> const std::string& { return h.secret.properties.name; });
}
const char* kvb_secret_version(const kvb_secret* secret) {
    return borrow(secret,
                  [](const SecretHandle& h) -> const std::string& { return h.secret.properties.version; });
}
const char* kvb_secret_content_type(const kvb_secret* secret) {
    return borrow(secret, [](const SecretHandle& h) -> const std::string& { return h.contentType; });
}

int kvb_secret_to_json(kvb_string* out, const kvb_secret* secret) {
    return guard([&] {
        requireOut(out);
        const auto& h = unwrap<SecretHandle>(secret);
        const auto& p = h.secret.properties;
        kvb::detail::JsonWriter w(/*sensitive=*/true);
        w.startObject();
        w.member("id", p.id).member("name", p.name).member("version", p.version);
        w.member("contentType", p.contentType);
        w.member("enabled", p.enabled);
        w.member("tags", p.tags);
        w.member("value", std::string_view(h.value));
        w.endObject();
        fillString(out, w.view());
        return KVB_OK;
    });
}

void kvb_secret_free(kvb_secret* secret) {
    freeHandle<SecretHandle>(secret);
}

int kvb_secret_client_delete_secret(const kvb_secret_client* client, const char* name) {
    return guard([&] {
        clientOf(client).startDeleteSecret(required(name, "name")).pollUntilDone(kDeletePollInterval);
        return KVB_OK;
    });
}

int kvb_secret_client_purge_deleted_secret(const kvb_secret_client* client, const char* name) {
    return guard([&] {
        clientOf(client).purgeDeletedSecret(required(name, "name"));
        return KVB_OK;
    });
}

int kvb_secret_client_list_secrets(kvb_secret_pager** out, const kvb_secret_client* client) {
    return guard([&] {
        requireOut(out);
        *out = nullptr;
        *out = reinterpret_cast<kvb_secret_pager*>(
            new SecretPagerHandle(clientOf(client).listPropertiesOfSecrets()));
        return KVB_OK;
    });
}

int kvb_secret_pager_next(kvb_string* name_out, kvb_secret_pager* pager) {
    return guard([&] {
        requireOut(name_out);
        auto& h = unwrap<SecretPagerHandle>(pager);
        // The first page is fetched here, not at list time, so its errors surface from this call.
        if (!h.at)
            h.at = h.pager.begin();
        else
            ++*h.at;
        if (*h.at == h.pager.end()) return KVB_ITEROVER;
        fillString(name_out, (**h.at).name);
        return KVB_OK;
    });
}

void kvb_secret_pager_free(kvb_secret_pager* pager) {
    freeHandle<SecretPagerHandle>(pager);
}

} // extern "C"
