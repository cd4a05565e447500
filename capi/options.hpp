// SPDX-License-Identifier: MIT
#pragma once

// Reading the fields of the C options structs: versions, KVB_UNSET flags, 0-means-unset times,
// string arrays, and the attributes and tags that several Key Vault options share.

#include <chrono>
#include <cstring>
#include <map>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

#include "capi_internal.hpp"

namespace kvb::capi {

/**
 * What the C ABI knows of an options struct: its newest version, its name for errors, and its
 * defaults (the _INIT macro, so that the macro and the _init function cannot disagree). One
 * KVB_CAPI_OPTIONS() line per struct, below.
 */
template <class Options>
struct OptionsTraits;

#define KVB_CAPI_OPTIONS(Type, Newest, Defaults)                                                             \
    template <>                                                                                              \
    struct OptionsTraits<Type> {                                                                             \
        static constexpr unsigned int newest = Newest;                                                       \
        static constexpr const char* name = #Type;                                                           \
        static constexpr Type defaults = Defaults;                                                           \
    }

KVB_CAPI_OPTIONS(kvb_client_options, KVB_CLIENT_OPTIONS_VERSION, KVB_CLIENT_OPTIONS_INIT);
KVB_CAPI_OPTIONS(kvb_operation_wait_options, KVB_OPERATION_WAIT_OPTIONS_VERSION,
                 KVB_OPERATION_WAIT_OPTIONS_INIT);
KVB_CAPI_OPTIONS(kvb_keyvault_list_options, KVB_KEYVAULT_LIST_OPTIONS_VERSION,
                 KVB_KEYVAULT_LIST_OPTIONS_INIT);
KVB_CAPI_OPTIONS(kvb_client_certificate_options, KVB_CLIENT_CERTIFICATE_OPTIONS_VERSION,
                 KVB_CLIENT_CERTIFICATE_OPTIONS_INIT);
KVB_CAPI_OPTIONS(kvb_managed_identity_options, KVB_MANAGED_IDENTITY_OPTIONS_VERSION,
                 KVB_MANAGED_IDENTITY_OPTIONS_INIT);
KVB_CAPI_OPTIONS(kvb_default_credential_options, KVB_DEFAULT_CREDENTIAL_OPTIONS_VERSION,
                 KVB_DEFAULT_CREDENTIAL_OPTIONS_INIT);
KVB_CAPI_OPTIONS(kvb_secret_set_options, KVB_SECRET_SET_OPTIONS_VERSION, KVB_SECRET_SET_OPTIONS_INIT);
KVB_CAPI_OPTIONS(kvb_secret_get_options, KVB_SECRET_GET_OPTIONS_VERSION, KVB_SECRET_GET_OPTIONS_INIT);
KVB_CAPI_OPTIONS(kvb_secret_update_options, KVB_SECRET_UPDATE_OPTIONS_VERSION,
                 KVB_SECRET_UPDATE_OPTIONS_INIT);
KVB_CAPI_OPTIONS(kvb_key_create_options, KVB_KEY_CREATE_OPTIONS_VERSION, KVB_KEY_CREATE_OPTIONS_INIT);
KVB_CAPI_OPTIONS(kvb_key_import_options, KVB_KEY_IMPORT_OPTIONS_VERSION, KVB_KEY_IMPORT_OPTIONS_INIT);
KVB_CAPI_OPTIONS(kvb_key_update_options, KVB_KEY_UPDATE_OPTIONS_VERSION, KVB_KEY_UPDATE_OPTIONS_INIT);
KVB_CAPI_OPTIONS(kvb_key_release_options, KVB_KEY_RELEASE_OPTIONS_VERSION, KVB_KEY_RELEASE_OPTIONS_INIT);
KVB_CAPI_OPTIONS(kvb_cryptography_options, KVB_CRYPTOGRAPHY_OPTIONS_VERSION, KVB_CRYPTOGRAPHY_OPTIONS_INIT);
KVB_CAPI_OPTIONS(kvb_certificate_create_options, KVB_CERTIFICATE_CREATE_OPTIONS_VERSION,
                 KVB_CERTIFICATE_CREATE_OPTIONS_INIT);
KVB_CAPI_OPTIONS(kvb_certificate_merge_options, KVB_CERTIFICATE_MERGE_OPTIONS_VERSION,
                 KVB_CERTIFICATE_MERGE_OPTIONS_INIT);
KVB_CAPI_OPTIONS(kvb_certificate_import_options, KVB_CERTIFICATE_IMPORT_OPTIONS_VERSION,
                 KVB_CERTIFICATE_IMPORT_OPTIONS_INIT);
KVB_CAPI_OPTIONS(kvb_certificate_update_options, KVB_CERTIFICATE_UPDATE_OPTIONS_VERSION,
                 KVB_CERTIFICATE_UPDATE_OPTIONS_INIT);
KVB_CAPI_OPTIONS(kvb_certificate_list_options, KVB_CERTIFICATE_LIST_OPTIONS_VERSION,
                 KVB_CERTIFICATE_LIST_OPTIONS_INIT);
KVB_CAPI_OPTIONS(kvb_batch_list_options, KVB_BATCH_LIST_OPTIONS_VERSION, KVB_BATCH_LIST_OPTIONS_INIT);
KVB_CAPI_OPTIONS(kvb_batch_get_options, KVB_BATCH_GET_OPTIONS_VERSION, KVB_BATCH_GET_OPTIONS_INIT);
KVB_CAPI_OPTIONS(kvb_migration_plan_options, KVB_MIGRATION_PLAN_OPTIONS_VERSION,
                 KVB_MIGRATION_PLAN_OPTIONS_INIT);
KVB_CAPI_OPTIONS(kvb_migration_execute_options, KVB_MIGRATION_EXECUTE_OPTIONS_VERSION,
                 KVB_MIGRATION_EXECUTE_OPTIONS_INIT);

KVB_CAPI_OPTIONS(kvb_arm_client_new_options, KVB_ARM_CLIENT_NEW_OPTIONS_VERSION,
                 KVB_ARM_CLIENT_NEW_OPTIONS_INIT);
KVB_CAPI_OPTIONS(kvb_vault_create_options, KVB_VAULT_CREATE_OPTIONS_VERSION, KVB_VAULT_CREATE_OPTIONS_INIT);
KVB_CAPI_OPTIONS(kvb_role_assignment_create_options, KVB_ROLE_ASSIGNMENT_CREATE_OPTIONS_VERSION,
                 KVB_ROLE_ASSIGNMENT_CREATE_OPTIONS_INIT);
KVB_CAPI_OPTIONS(kvb_identity_create_options, KVB_IDENTITY_CREATE_OPTIONS_VERSION,
                 KVB_IDENTITY_CREATE_OPTIONS_INIT);
KVB_CAPI_OPTIONS(kvb_arm_pool_update_options, KVB_ARM_POOL_UPDATE_OPTIONS_VERSION,
                 KVB_ARM_POOL_UPDATE_OPTIONS_INIT);

#undef KVB_CAPI_OPTIONS

/**
 * kvb_*_options_init(): @p options set to its defaults for @p version (1 .. the newest). Each
 * struct but kvb_client_options has had one version so far, so the whole struct is written.
 */
template <class Options>
int initOptions(Options* options, unsigned int version) {
    using Traits = OptionsTraits<Options>;
    return guard([&] {
        requireOut(options);
        if (version < 1 || version > Traits::newest)
            throw InvalidArgument(std::string("unknown ") + Traits::name + " version");
        // A copy of the bytes, padding included, so that the struct is the same as its _INIT.
        std::memcpy(options, &Traits::defaults, sizeof *options);
        options->version = version;
        return KVB_OK;
    });
}

/**
 * Throw InvalidArgument when @p options (NULL allowed) was set up by neither its _INIT nor its
 * _init, or is of a version newer than this library knows. Returns @p options.
 */
template <class Options>
const Options* checkedOptions(const Options* options) {
    using Traits = OptionsTraits<Options>;
    if (options == nullptr) return nullptr;
    if (options->version < 1)
        throw InvalidArgument(std::string(Traits::name) + ".version is 0: set it up with its _INIT or _init");
    if (options->version > Traits::newest)
        throw InvalidArgument(std::string(Traits::name) + ".version " + std::to_string(options->version) +
                              " is newer than this library's " + std::to_string(Traits::newest));
    return options;
}

/** The caller's options, or the defaults for NULL; checked as checkedOptions() does. */
template <class Options>
const Options& optionsOrDefaults(const Options* options) {
    return options ? *checkedOptions(options) : OptionsTraits<Options>::defaults;
}

/** An optional yes/no field: KVB_UNSET (nullopt), 0 or 1; anything else is InvalidArgument. */
std::optional<bool> optionalFlag(int value, const char* what);

/** Unix seconds, 0 meaning unset. */
std::optional<std::chrono::system_clock::time_point> optionalTime(int64_t seconds);

/** @p count strings at @p items (NULL only when @p count is 0). */
std::vector<std::string> stringList(const char* const* items, size_t count, const char* what);

/** The tags and tag_count fields: NULL tags are unset; a name given twice is InvalidArgument. */
std::optional<std::map<std::string, std::string>> optionalTags(const kvb_tag* tags, size_t count);

/**
 * tags and tag_count of a C options struct into a C++ one: the tags replace every tag when the C++ tags are
 * optional (updates), and default to none when they are a plain map.
 */
template <class Options, class COptions>
void applyTags(Options& out, const COptions& in) {
    auto tags = optionalTags(in.tags, in.tag_count);
    if constexpr (std::is_same_v<decltype(out.tags), std::map<std::string, std::string>>)
        out.tags = tags.value_or(std::map<std::string, std::string>{});
    else
        out.tags = std::move(tags);
}

/** enabled and the tags (options of a certificate's creation, import and merge). */
template <class Options, class COptions>
void applyEnabledAndTags(Options& out, const COptions& in) {
    out.enabled = optionalFlag(in.enabled, "enabled");
    applyTags(out, in);
}

/** enabled, not_before, expires_on and the tags of a C options struct into a C++ one. */
template <class Options, class COptions>
void applyAttributes(Options& out, const COptions& in) {
    applyEnabledAndTags(out, in);
    out.notBefore = optionalTime(in.not_before);
    out.expiresOn = optionalTime(in.expires_on);
}

} // namespace kvb::capi
