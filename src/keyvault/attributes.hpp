// SPDX-License-Identifier: MIT
#pragma once

// The "attributes" object every Key Vault resource shares (enabled, nbf, exp, created, updated,
// recoverableDays, recoveryLevel), read into and written from any model with those fields.

#include <kvbridge/keyvault/keyvault_client_options.hpp>

#include <chrono>
#include <optional>

#include "core/json.hpp"

namespace kvb::keyvault::detail {

using TimePoint = std::chrono::system_clock::time_point;

/** Fill @p p's common attribute fields from the "attributes" member of @p obj, if any. */
template <class Props>
void readAttributes(const kvb::detail::JsonValue& obj, Props& p) {
    using namespace kvb::detail;
    const auto* attrs = findMember(obj, "attributes");
    if (attrs == nullptr) return;
    const auto& a = requireObject(*attrs, "attributes");
    p.enabled = optBool(a, "enabled");
    p.notBefore = optUnixTime(a, "nbf");
    p.expiresOn = optUnixTime(a, "exp");
    p.createdOn = optUnixTime(a, "created");
    p.updatedOn = optUnixTime(a, "updated");
    p.recoverableDays = optInt(a, "recoverableDays");
    p.recoveryLevel = optString(a, "recoveryLevel");
}

/** Fill vaultUrl/name/version from @p id (left empty when @p id is not a Key Vault id). */
template <class Props>
void readId(const std::string& id, Props& p) {
    KeyVaultId parsed;
    try {
        parsed = KeyVaultId::parse(id);
    } catch (const InvalidArgument&) {
        throw ParseError("not a Key Vault object id: '" + id + "'");
    }
    p.vaultUrl = std::move(parsed.vaultUrl);
    p.name = std::move(parsed.name);
    p.version = std::move(parsed.version);
}

/** Write "attributes" with the settable fields when any is set (exportable: keys only). */
template <class Writer>
void writeAttributes(Writer& w, const std::optional<bool>& enabled, const std::optional<TimePoint>& notBefore,
                     const std::optional<TimePoint>& expiresOn,
                     const std::optional<bool>& exportable = std::nullopt) {
    if (!enabled && !notBefore && !expiresOn && !exportable) return;
    w.key("attributes").startObject();
    w.member("enabled", enabled);
    w.memberUnixTime("nbf", notBefore);
    w.memberUnixTime("exp", expiresOn);
    w.member("exportable", exportable);
    w.endObject();
}

} // namespace kvb::keyvault::detail
