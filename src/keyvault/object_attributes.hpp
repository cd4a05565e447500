// SPDX-License-Identifier: MIT
#pragma once

// The pieces every Key Vault object model shares on the wire: the "attributes" object (enabled,
// nbf, exp, created, updated, recoverableDays, recoveryLevel) and ids of the form
// https://{vault}/{collection}/{name}[/{version}].

#include <kvbridge/keyvault/keyvault_client_options.hpp>

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>

#include "core/json.hpp"

namespace kvb::keyvault {

using TimePoint = std::chrono::system_clock::time_point;

/** The common "attributes" object of keys, secrets, certificates and their policies. */
struct ObjectAttributes {
    std::optional<bool> enabled;
    std::optional<TimePoint> notBefore; ///< nbf
    std::optional<TimePoint> expiresOn; ///< exp
    std::optional<TimePoint> createdOn; ///< created
    std::optional<TimePoint> updatedOn; ///< updated
    std::optional<int> recoverableDays;
    std::optional<std::string> recoveryLevel;
};

/** Read an "attributes" object, in one pass over its members. @throws ParseError. */
ObjectAttributes attributesFrom(const kvb::detail::JsonValue& attributes);

/** Read member "attributes" of @p parent (all fields unset when absent). @throws ParseError. */
ObjectAttributes readAttributes(const kvb::detail::JsonValue& parent);

/** Set the same-named fields of a properties model. */
template <class Props>
void assignAttributes(ObjectAttributes&& a, Props& p) {
    p.enabled = a.enabled;
    p.notBefore = a.notBefore;
    p.expiresOn = a.expiresOn;
    p.createdOn = a.createdOn;
    p.updatedOn = a.updatedOn;
    p.recoverableDays = a.recoverableDays;
    if constexpr (std::is_same_v<decltype(p.recoveryLevel), std::string>)
        p.recoveryLevel = a.recoveryLevel.value_or(""); // certificates: "" when absent
    else
        p.recoveryLevel = std::move(a.recoveryLevel);
}

/** Read member "attributes" of @p obj into the same-named fields of a properties model. */
template <class Props>
void readAttributes(const kvb::detail::JsonValue& obj, Props& p) {
    assignAttributes(readAttributes(obj), p);
}

/**
 * Write "attributes": {enabled, nbf, exp, exportable (keys only)} when any of them is set; the
 * read-only fields are never sent.
 */
void writeAttributes(kvb::detail::JsonWriter& writer, const std::optional<bool>& enabled,
                     const std::optional<TimePoint>& notBefore = std::nullopt,
                     const std::optional<TimePoint>& expiresOn = std::nullopt,
                     const std::optional<bool>& exportable = std::nullopt);

/**
 * Split an object id from a response. Unlike KeyVaultId::parse (for caller input), a malformed
 * id is the service's fault: @throws ParseError naming @p what.
 */
KeyVaultId parseResponseId(std::string_view id, std::string_view what);

/** The parts of a Key Vault object id, as views into it. */
struct IdParts {
    std::string_view vaultUrl;
    std::string_view collection;
    std::string_view name;
    std::string_view version;
};

/**
 * Split an id as the service writes it, "https://host[:port]/collection/name[/version]" with a
 * lower-case host and plain characters, without the general URL parser and without allocating
 * (every model read has an id). nullopt for anything else (escapes, dot segments, upper case, IP
 * literals), which KeyVaultId::parse leaves to that parser.
 */
std::optional<IdParts> splitPlainId(std::string_view id) noexcept;

/** Fill vaultUrl, name and version of a properties model from its response id (of @p what). */
template <class Props>
void readId(const std::string& id, Props& p, std::string_view what = "id") {
    if (const auto plain = splitPlainId(id)) { // straight into the model, no KeyVaultId in between
        p.vaultUrl = plain->vaultUrl;
        p.name = plain->name;
        p.version = plain->version;
        return;
    }
    auto parsed = parseResponseId(id, what);
    p.vaultUrl = std::move(parsed.vaultUrl);
    p.name = std::move(parsed.name);
    p.version = std::move(parsed.version);
}

} // namespace kvb::keyvault
