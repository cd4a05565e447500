// SPDX-License-Identifier: MIT
#pragma once

// The JSON documents of the C ABI (schemas in the "JSON documents" blocks of the C headers): how
// any of them is read from the caller's text and written for the caller, and the members the Key
// Vault documents share. The readers and writers of each area's documents live beside this file;
// the C entry points only call them.

#include <kvbridge/error.hpp>

#include <chrono>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "capi_internal.hpp"
#include "core/json.hpp"

namespace kvb::capi {

using kvb::detail::JsonValue;
using kvb::detail::JsonWriter;
using TimePoint = std::chrono::system_clock::time_point;

/** Writes one document (a whole JSON value) for a @p Model. */
template <class Model>
using DocumentWriter = void (*)(JsonWriter&, const Model&);

/** @p model as the text of the document @p write makes. Not for secrets: the text is not wiped. */
template <class Model>
std::string document(DocumentWriter<Model> write, const Model& model) {
    JsonWriter w;
    write(w, model);
    return w.str();
}

/** document() as a function of the model alone, for a kvb_json_pager's items. */
template <class Model>
auto documentOf(DocumentWriter<Model> write) {
    return [write](const Model& model) { return document(write, model); };
}

/**
 * A kvb_*_to_json() of a ValueHandle @p H: the model behind @p handle as the document @p write
 * makes. Not for secrets (see document()).
 */
template <class H, class Handle, class Model>
int valueToJson(kvb_string* out, const Handle* handle, DocumentWriter<Model> write) {
    return guard([&] {
        requireOut(out);
        fillString(out, document(write, unwrap<H>(handle).value));
        return KVB_OK;
    });
}

/**
 * @p model written straight into @p out by @p write: for documents that may hold secrets, since
 * the writer's buffer is wiped and no other copy is made.
 */
template <class Model>
void fillSensitiveDocument(kvb_string* out, DocumentWriter<Model> write, const Model& model) {
    JsonWriter w(/*sensitive=*/true);
    write(w, model);
    fillString(out, w.view());
}

/**
 * @p read's ParseError (a member missing or of the wrong type) as InvalidArgument naming the
 * document @p what; what @p read returns otherwise.
 */
template <class Read>
auto readMembers(const char* what, Read read) {
    try {
        return read();
    } catch (const ParseError& e) {
        throw InvalidArgument(std::string(what) + ": " + e.what());
    }
}

/**
 * The caller's document @p json parsed; malformed text or a root that is no object is
 * InvalidArgument naming @p what (once: the parser's message names it already).
 */
rapidjson::Document parseDocument(std::string_view json, const char* what);

/** Parse the caller's document @p json and run @p read on its root object; errors as readMembers(). */
template <class Read>
auto readDocument(std::string_view json, const char* what, Read read) {
    const auto doc = parseDocument(json, what);
    return readMembers(what, [&] { return read(doc); });
}

/**
 * Runs @p body with the root object of a document whose every allocation comes from a wiped
 * arena; malformed text or a root that is no object is InvalidArgument naming @p what.
 */
void withWipedDocument(std::string_view text, const char* what,
                       const std::function<void(const JsonValue&)>& body);

/**
 * Like readDocument(), for documents that carry key material or passwords: the document is parsed
 * into one arena that is wiped afterwards, so no copy of the secret is left in freed memory.
 * @p read must copy secrets into SecretString/SecretBytes.
 */
template <class Read>
auto readSecretDocument(std::string_view json, const char* what, Read read) {
    std::optional<decltype(read(std::declval<const JsonValue&>()))> out;
    withWipedDocument(json, what, [&](const JsonValue& root) {
        out.emplace(readMembers(what, [&] { return read(root); }));
    });
    return std::move(*out);
}

/** An optional member that is absent when empty (text the service may leave out). */
inline std::optional<std::string> unlessEmpty(const std::string& text) {
    if (text.empty()) return std::nullopt;
    return text;
}
inline const std::optional<std::string>& unlessEmpty(const std::optional<std::string>& text) {
    return text;
}

/** The members of "properties" (no braces), which every Key Vault object's properties share. */
template <class Props>
void writePropertiesMembers(JsonWriter& w, const Props& p) {
    w.member("id", p.id).member("name", p.name).member("version", p.version);
    w.member("enabled", p.enabled);
    w.memberUnixTime("notBefore", p.notBefore);
    w.memberUnixTime("expiresOn", p.expiresOn);
    w.memberUnixTime("createdOn", p.createdOn);
    w.memberUnixTime("updatedOn", p.updatedOn);
    w.member("recoverableDays", p.recoverableDays);
    w.member("recoveryLevel", unlessEmpty(p.recoveryLevel));
    w.member("tags", p.tags);
}

/** The members of "deletion" (no braces), which every deleted object adds. */
template <class Deleted>
void writeDeletionMembers(JsonWriter& w, const Deleted& d) {
    w.member("recoveryId", unlessEmpty(d.recoveryId));
    w.memberUnixTime("deletedOn", d.deletedOn);
    w.memberUnixTime("scheduledPurgeDate", d.scheduledPurgeDate);
}

/** `{` @p members(w) `}`. */
template <class Members>
void writeObject(JsonWriter& w, Members members) {
    w.startObject();
    members();
    w.endObject();
}

/** Member @p name: an array of one object per item of @p list, whose members @p members(item) writes. */
template <class List, class Members>
void writeObjects(JsonWriter& w, std::string_view name, const List& list, Members members) {
    w.key(name).startArray();
    for (const auto& item : list) writeObject(w, [&] { members(item); });
    w.endArray();
}

/** Each object of array member @p name of @p o, through @p read; an absent member has none. */
template <class Read>
void forEachObject(const JsonValue& o, std::string_view name, Read read) {
    const auto* list = kvb::detail::findMember(o, name);
    if (list == nullptr) return;
    if (!list->IsArray()) throw ParseError("'" + std::string(name) + "' is not an array");
    for (const auto& item : list->GetArray()) read(kvb::detail::requireObject(item, name));
}

} // namespace kvb::capi
