// SPDX-License-Identifier: MIT
#pragma once

// JSON documents of the C ABI: reading the caller's option documents and writing models, with
// the schemas documented in kvbridge.h. Shared by the Key Vault parts of the C ABI.

#include <kvbridge/keyvault/secret.hpp>

#include <chrono>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>

#include "capi_internal.hpp"
#include "core/json.hpp"

namespace kvb::capi {

using kvb::detail::JsonValue;
using kvb::detail::JsonWriter;
using TimePoint = std::chrono::system_clock::time_point;

/**
 * Parse the caller's document @p json (NULL: "{}") and run @p read on its root object; any
 * malformed text or wrongly typed member becomes InvalidArgument naming @p what.
 */
template <class Read>
auto readInput(const char* json, const char* what, Read read) {
    try {
        const auto doc = kvb::detail::parseJson(json ? std::string_view(json) : std::string_view("{}"), what);
        return read(kvb::detail::requireObject(doc, what));
    } catch (const ParseError& e) {
        throw InvalidArgument(std::string(what) + ": " + e.what());
    }
}

/**
 * Like readInput(), for documents that carry key material or passwords: the document is parsed
 * into one arena that is wiped afterwards, so no copy of the secret is left in freed memory.
 * @p read must copy secrets into SecretString/SecretBytes.
 */
template <class Read>
auto readSecretInput(const char* json, const char* what, Read read);

/** The settable attributes every Key Vault object shares ("attributes" schema). */
struct InputAttributes {
    std::optional<bool> enabled;
    std::optional<TimePoint> notBefore;
    std::optional<TimePoint> expiresOn;
    std::optional<std::map<std::string, std::string>> tags; ///< set only when given
};
InputAttributes readAttributes(const JsonValue& obj);
/** "tags" when given, else an empty map. */
inline std::map<std::string, std::string> tagsOrEmpty(const InputAttributes& a) {
    return a.tags.value_or(std::map<std::string, std::string>{});
}

/**
 * Copy enabled, notBefore, expiresOn and tags into any options struct: tags replace all tags when
 * the struct's tags are optional (updates), and default to none when they are a plain map.
 */
template <class Options>
void applyAttributes(Options& out, const InputAttributes& a) {
    out.enabled = a.enabled;
    out.notBefore = a.notBefore;
    out.expiresOn = a.expiresOn;
    if constexpr (std::is_same_v<decltype(out.tags), std::map<std::string, std::string>>)
        out.tags = tagsOrEmpty(a);
    else
        out.tags = a.tags;
}

/** id, name, version, the times, recovery fields and tags of any Key Vault object's properties. */
template <class Props>
void writeCommonProperties(JsonWriter& w, const Props& p) {
    w.member("id", p.id).member("name", p.name).member("version", p.version);
    w.member("enabled", p.enabled);
    w.memberUnixTime("notBefore", p.notBefore);
    w.memberUnixTime("expiresOn", p.expiresOn);
    w.memberUnixTime("createdOn", p.createdOn);
    w.memberUnixTime("updatedOn", p.updatedOn);
    w.member("recoverableDays", p.recoverableDays);
    w.member("recoveryLevel", p.recoveryLevel);
    w.member("tags", p.tags);
}

/** recoveryId, deletedOn and scheduledPurgeDate of any deleted object. */
template <class Deleted>
void writeDeletion(JsonWriter& w, const Deleted& d) {
    w.member("recoveryId", d.recoveryId);
    w.memberUnixTime("deletedOn", d.deletedOn);
    w.memberUnixTime("scheduledPurgeDate", d.scheduledPurgeDate);
}

/** One JSON object, `{` @p body(w) `}`, as text. Not for secrets: the text is not wiped. */
template <class Body>
std::string jsonObject(Body body) {
    JsonWriter w;
    w.startObject();
    body(w);
    w.endObject();
    return w.str();
}

/**
 * One JSON object, `{` @p body(w) `}`, written straight into @p out: for documents that may hold
 * secrets, since the writer's buffer is wiped and no other copy is made.
 */
template <class Body>
void fillJsonObject(kvb_string* out, Body body) {
    JsonWriter w(/*sensitive=*/true);
    w.startObject();
    body(w);
    w.endObject();
    fillString(out, w.view());
}

/** The members of "secret properties" (no braces), for documents that extend it. */
void writeSecretProperties(JsonWriter& w, const keyvault::SecretProperties& p);
/** "secret properties". */
std::string secretPropertiesJson(const keyvault::SecretProperties& p);

/** Fill @p out with @p text when the caller wants it (@p out not NULL). */
void fillIfWanted(kvb_string* out, std::string_view text);

/** Runs @p body with a parsed document whose every allocation comes from a wiped arena. */
void withWipedDocument(std::string_view text, const char* what,
                       const std::function<void(const JsonValue&)>& body);

template <class Read>
auto readSecretInput(const char* json, const char* what, Read read) {
    std::optional<decltype(read(std::declval<const JsonValue&>()))> out;
    try {
        withWipedDocument(required(json, what), what, [&](const JsonValue& root) {
            out.emplace(read(kvb::detail::requireObject(root, what)));
        });
    } catch (const ParseError& e) {
        throw InvalidArgument(std::string(what) + ": " + e.what());
    }
    return std::move(*out);
}

} // namespace kvb::capi
