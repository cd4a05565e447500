// SPDX-License-Identifier: MIT
#pragma once

// JSON reading and writing over RapidJSON, with errors that name the field. Internal: RapidJSON
// never appears in public headers.

#include <kvbridge/error.hpp>

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kvb::detail {

using JsonValue = rapidjson::Value;

/**
 * A ParseError naming @p what when @p result (a document's parse) failed: for documents parsed
 * with an allocator of their own (a wiped arena), which parseJson() cannot take.
 */
void throwIfMalformed(const rapidjson::ParseResult& result, std::string_view what);

/** Parse @p text as one JSON document; @p what names it in errors ("secret bundle"). */
rapidjson::Document parseJson(std::string_view text, std::string_view what);

/**
 * A response body parsed in place (its strings point into @p text, which must outlive this and
 * is modified), with the first nodes allocated inside the object: a typical Key Vault reply
 * parses without touching the heap. @throws ParseError like parseJson.
 */
class InSituJson {
public:
    InSituJson(std::string& text, std::string_view what);
    InSituJson(const InSituJson&) = delete;
    InSituJson& operator=(const InSituJson&) = delete;
    const JsonValue& root() const noexcept { return doc_; }

private:
    static constexpr std::size_t kInline = 3072;
    static constexpr std::size_t kChunk = 16384; ///< further nodes (list pages) in chunks of this
    alignas(std::max_align_t) char buffer_[kInline];
    rapidjson::MemoryPoolAllocator<> pool_;
    rapidjson::Document doc_;
};

/** The value must be an object. */
const JsonValue& requireObject(const JsonValue& value, std::string_view what);

/** Member @p name of object @p obj, or nullptr when absent or null. */
const JsonValue* findMember(const JsonValue& obj, std::string_view name);

/**
 * Readers of one member value already found (models read an object in one pass over its members
 * instead of one lookup per field); @p name names the field in the ParseError of a wrong type.
 */
std::string_view stringValue(const JsonValue& value, std::string_view name);
bool boolValue(const JsonValue& value, std::string_view name);
std::int64_t intValue(const JsonValue& value, std::string_view name);
std::chrono::system_clock::time_point unixTimeValue(const JsonValue& value, std::string_view name);
std::map<std::string, std::string> stringMapValue(const JsonValue& value, std::string_view name);

/** @throws ParseError "JSON field '<name>' is missing". */
[[noreturn]] void throwMissingField(std::string_view name);

/** The name of an object member (a view into the document). */
inline std::string_view memberName(const JsonValue& name) {
    return {name.GetString(), name.GetStringLength()};
}

std::string requireString(const JsonValue& obj, std::string_view name);
std::optional<std::string> optString(const JsonValue& obj, std::string_view name);
std::optional<std::int64_t> optInt(const JsonValue& obj, std::string_view name);
std::optional<double> optNumber(const JsonValue& obj, std::string_view name);
std::optional<bool> optBool(const JsonValue& obj, std::string_view name);
/** A Unix-seconds number (Key Vault's attribute times). */
std::optional<std::chrono::system_clock::time_point> optUnixTime(const JsonValue& obj, std::string_view name);
/** An ISO 8601 string (Batch's times). */
std::optional<std::chrono::system_clock::time_point> optIsoTime(const JsonValue& obj, std::string_view name);
std::map<std::string, std::string> optStringMap(const JsonValue& obj, std::string_view name);
std::vector<std::string> optStringArray(const JsonValue& obj, std::string_view name);
/** An integer member read as 32 bits (counts, sizes, days); a larger value is truncated. */
std::optional<std::int32_t> optInt32(const JsonValue& obj, std::string_view name);

/** Object member @p name read by @p parse(const JsonValue&), or nullopt when absent or null. */
template <class Parse>
auto optObject(const JsonValue& obj, std::string_view name, Parse parse)
    -> std::optional<decltype(parse(obj))> {
    const auto* member = findMember(obj, name);
    if (!member) return std::nullopt;
    return parse(requireObject(*member, name));
}

/** Each element of array member @p name, which must be an object, read by @p parse. */
template <class T, class Parse>
std::vector<T> optObjectArray(const JsonValue& obj, std::string_view name, Parse parse) {
    std::vector<T> out;
    const auto* arr = findMember(obj, name);
    if (!arr) return out;
    if (!arr->IsArray()) throw ParseError("JSON field '" + std::string(name) + "' is not an array");
    out.reserve(arr->Size());
    for (const auto& item : arr->GetArray()) out.push_back(parse(requireObject(item, name)));
    return out;
}

/** Member as compact JSON text (kept raw for pass-through fields), or nullopt. */
std::optional<std::string> optRawJson(const JsonValue& obj, std::string_view name);
/** Any value as compact JSON text. */
std::string toJsonText(const JsonValue& value);

/**
 * Streaming JSON writer. With @p sensitive, the buffer is wiped when the writer goes away
 * (request bodies that carry secret values or keys).
 */
class JsonWriter {
public:
    explicit JsonWriter(bool sensitive = false);
    ~JsonWriter();
    JsonWriter(const JsonWriter&) = delete;
    JsonWriter& operator=(const JsonWriter&) = delete;

    JsonWriter& startObject();
    JsonWriter& endObject();
    JsonWriter& startArray();
    JsonWriter& endArray();
    JsonWriter& key(std::string_view name);
    JsonWriter& value(std::string_view text);
    JsonWriter& value(const char* text) { return value(std::string_view(text)); }
    JsonWriter& value(std::int64_t number);
    JsonWriter& value(int number) { return value(static_cast<std::int64_t>(number)); }
    JsonWriter& value(double number);
    JsonWriter& value(bool flag);
    JsonWriter& null();
    /** Insert already-serialized JSON (validated by the caller). */
    JsonWriter& raw(std::string_view json);

    template <class T>
    JsonWriter& member(std::string_view name, const T& v) {
        key(name);
        return value(v);
    }
    template <class T>
    JsonWriter& member(std::string_view name, const std::optional<T>& v) {
        if (v) member(name, *v);
        return *this;
    }
    JsonWriter& member(std::string_view name, const std::map<std::string, std::string>& map);
    JsonWriter& member(std::string_view name, const std::vector<std::string>& list);
    /** Unix seconds. */
    JsonWriter& memberUnixTime(std::string_view name,
                               const std::optional<std::chrono::system_clock::time_point>& t);

    /** The text so far (valid once the top-level value is closed). */
    std::string_view view() const { return {buffer_.GetString(), buffer_.GetSize()}; }
    std::string str() const { return std::string(view()); }

private:
    rapidjson::StringBuffer buffer_;
    rapidjson::Writer<rapidjson::StringBuffer> writer_;
    bool sensitive_;
};

} // namespace kvb::detail
