// SPDX-License-Identifier: MIT
#pragma once

// The attribute and tag accessors that kvb_secret, kvb_key and kvb_certificate share: each reads
// the properties of its model through the same templates, so the three cannot drift apart.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <optional>

#include "capi_internal.hpp"

namespace kvb::capi {

/** Attribute @p which (a KVB_ATTRIBUTE_*) of any Key Vault object's properties; nullopt when unknown. */
template <class Props>
std::optional<std::int64_t> attributeOf(const Props& p, int which) {
    const auto seconds = [](const auto& t) -> std::optional<std::int64_t> {
        if (!t) return std::nullopt;
        return std::chrono::duration_cast<std::chrono::seconds>(t->time_since_epoch()).count();
    };
    switch (which) {
    case KVB_ATTRIBUTE_ENABLED:
        if (!p.enabled) return std::nullopt;
        return *p.enabled ? 1 : 0;
    case KVB_ATTRIBUTE_NOT_BEFORE: return seconds(p.notBefore);
    case KVB_ATTRIBUTE_EXPIRES_ON: return seconds(p.expiresOn);
    case KVB_ATTRIBUTE_CREATED_ON: return seconds(p.createdOn);
    case KVB_ATTRIBUTE_UPDATED_ON: return seconds(p.updatedOn);
    case KVB_ATTRIBUTE_RECOVERABLE_DAYS:
        if (!p.recoverableDays) return std::nullopt;
        return static_cast<std::int64_t>(*p.recoverableDays);
    case KVB_ATTRIBUTE_MANAGED:
        // Certificates have no "managed" member: only their key and secret are managed.
        if constexpr (requires { p.managed; })
            return p.managed ? 1 : 0;
        else
            return std::nullopt;
    default: throw InvalidArgument("which is not a KVB_ATTRIBUTE_* value");
    }
}

/**
 * kvb_*_attribute(): attribute @p which of the properties @p props reads from the @p H behind
 * @p handle, with @p present saying whether the service sent it.
 */
template <class H, class Handle, class Props>
int readAttribute(int64_t* value, int* present, const Handle* handle, int which, Props props) {
    return guard([&] {
        requireOut(value);
        requireOut(present);
        const auto v = attributeOf(props(unwrap<H>(handle)), which);
        *present = v ? 1 : 0;
        *value = v.value_or(0);
        return KVB_OK;
    });
}

/** kvb_*_tag_count(): the number of tags; 0 for a bad handle. */
template <class H, class Handle, class Props>
std::size_t tagCount(const Handle* handle, Props props) noexcept {
    return readNumber<H>(handle, [&](const H& h) { return props(h).tags.size(); });
}

/** kvb_*_tag(): name and value of tag @p index (in name order), borrowed from the handle. */
template <class H, class Handle, class Props>
int readTag(const char** name, const char** value, const Handle* handle, std::size_t index, Props props) {
    return guard([&] {
        requireOut(name);
        requireOut(value);
        *name = *value = "";
        const auto& tags = props(unwrap<H>(handle)).tags;
        if (index >= tags.size()) throw InvalidArgument("tag index out of range");
        const auto& tag = *std::next(tags.begin(), static_cast<std::ptrdiff_t>(index));
        *name = tag.first.c_str();
        *value = tag.second.c_str();
        return KVB_OK;
    });
}

/** kvb_*_recovery_level(): the deletion recovery level, "" when unknown or for a bad handle. */
template <class H, class Handle, class Props>
const char* recoveryLevel(const Handle* handle, Props props) noexcept {
    return borrowText<H>(
        handle, [&](const H& h) -> const auto& { return props(h).recoveryLevel; });
}

} // namespace kvb::capi
