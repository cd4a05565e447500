// SPDX-License-Identifier: MIT
#include "core/json.hpp"

#include <kvbridge/secret_string.hpp>

#include <rapidjson/error/en.h>

#include "core/time_format.hpp"

namespace kvb::detail {

namespace {

[[noreturn]] void fieldError(std::string_view name, const char* expected) {
    throw ParseError("JSON field '" + std::string(name) + "' is not " + expected);
}

void requireText(std::string_view text, std::string_view what) {
    if (text.empty()) throw ParseError(std::string(what) + ": empty body where JSON was expected");
}

} // namespace

void throwIfMalformed(const rapidjson::ParseResult& result, std::string_view what) {
    if (result.IsError())
        throw ParseError(std::string(what) + ": malformed JSON at offset " + std::to_string(result.Offset()) +
                         " (" + rapidjson::GetParseError_En(result.Code()) + ")");
}

rapidjson::Document parseJson(std::string_view text, std::string_view what) {
    rapidjson::Document doc;
    requireText(text, what);
    doc.Parse<rapidjson::kParseStopWhenDoneFlag>(text.data(), text.size());
    throwIfMalformed(doc, what);
    return doc;
}

InSituJson::InSituJson(std::string& text, std::string_view what)
    : pool_(buffer_, sizeof buffer_, kChunk), doc_(&pool_) {
    requireText(text, what);
    // In situ: strings are unescaped in place and point into the body, nothing is copied.
    doc_.ParseInsitu<rapidjson::kParseStopWhenDoneFlag>(text.data());
    throwIfMalformed(doc_, what);
}

const JsonValue& requireObject(const JsonValue& value, std::string_view what) {
    if (!value.IsObject()) throw ParseError(std::string(what) + ": expected a JSON object");
    return value;
}

const JsonValue* findMember(const JsonValue& obj, std::string_view name) {
    if (!obj.IsObject()) return nullptr;
    auto it = obj.FindMember(rapidjson::StringRef(name.data(), name.size()));
    if (it == obj.MemberEnd() || it->value.IsNull()) return nullptr;
    return &it->value;
}

std::string_view stringValue(const JsonValue& value, std::string_view name) {
    if (!value.IsString()) fieldError(name, "a string");
    return {value.GetString(), value.GetStringLength()};
}

bool boolValue(const JsonValue& value, std::string_view name) {
    if (!value.IsBool()) fieldError(name, "a boolean");
    return value.GetBool();
}

std::int64_t intValue(const JsonValue& value, std::string_view name) {
    if (value.IsInt64()) return value.GetInt64();
    if (value.IsDouble())
        if (const auto n = wholeSeconds(value.GetDouble())) return *n;
    // Some services send numbers as strings (managed identity's expires_in).
    if (value.IsString()) {
        try {
            std::size_t used = 0;
            const std::string s(value.GetString(), value.GetStringLength());
            const auto n = std::stoll(s, &used);
            if (used == s.size()) return n;
        } catch (const std::exception&) {
        }
    }
    fieldError(name, "an integer");
}

std::chrono::system_clock::time_point unixTimeValue(const JsonValue& value, std::string_view name) {
    return fromUnixSeconds(intValue(value, name));
}

std::map<std::string, std::string> stringMapValue(const JsonValue& value, std::string_view name) {
    if (!value.IsObject()) fieldError(name, "an object");
    std::map<std::string, std::string> out;
    for (const auto& member : value.GetObject()) {
        if (!member.value.IsString()) fieldError(name, "an object of strings");
        out.emplace(memberName(member.name), memberName(member.value));
    }
    return out;
}

void throwMissingField(std::string_view name) {
    throw ParseError("JSON field '" + std::string(name) + "' is missing");
}

std::string requireString(const JsonValue& obj, std::string_view name) {
    const auto* v = findMember(obj, name);
    if (!v) throwMissingField(name);
    return std::string(stringValue(*v, name));
}

std::optional<std::string> optString(const JsonValue& obj, std::string_view name) {
    const auto* v = findMember(obj, name);
    if (!v) return std::nullopt;
    return std::string(stringValue(*v, name));
}

std::optional<std::int64_t> optInt(const JsonValue& obj, std::string_view name) {
    const auto* v = findMember(obj, name);
    if (!v) return std::nullopt;
    return intValue(*v, name);
}

std::optional<std::int32_t> optInt32(const JsonValue& obj, std::string_view name) {
    const auto v = optInt(obj, name);
    if (!v) return std::nullopt;
    return static_cast<std::int32_t>(*v);
}

std::optional<double> optNumber(const JsonValue& obj, std::string_view name) {
    const auto* v = findMember(obj, name);
    if (!v) return std::nullopt;
    if (!v->IsNumber()) fieldError(name, "a number");
    return v->GetDouble();
}

std::optional<bool> optBool(const JsonValue& obj, std::string_view name) {
    const auto* v = findMember(obj, name);
    if (!v) return std::nullopt;
    return boolValue(*v, name);
}

std::optional<std::chrono::system_clock::time_point> optUnixTime(const JsonValue& obj,
                                                                 std::string_view name) {
    const auto* v = findMember(obj, name);
    if (!v) return std::nullopt;
    return unixTimeValue(*v, name);
}

std::optional<std::chrono::system_clock::time_point> optIsoTime(const JsonValue& obj, std::string_view name) {
    auto s = optString(obj, name);
    if (!s) return std::nullopt;
    auto t = parseIso8601(*s);
    if (!t) fieldError(name, "an ISO 8601 time");
    return t;
}

std::map<std::string, std::string> optStringMap(const JsonValue& obj, std::string_view name) {
    const auto* v = findMember(obj, name);
    if (!v) return {};
    return stringMapValue(*v, name);
}

std::vector<std::string> optStringArray(const JsonValue& obj, std::string_view name) {
    std::vector<std::string> out;
    const auto* v = findMember(obj, name);
    if (!v) return out;
    if (!v->IsArray()) fieldError(name, "an array");
    out.reserve(v->Size());
    for (const auto& item : v->GetArray()) {
        if (!item.IsString()) fieldError(name, "an array of strings");
        out.emplace_back(item.GetString(), item.GetStringLength());
    }
    return out;
}

std::string toJsonText(const JsonValue& value) {
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
    value.Accept(writer);
    return {buffer.GetString(), buffer.GetSize()};
}

std::optional<std::string> optRawJson(const JsonValue& obj, std::string_view name) {
    const auto* v = findMember(obj, name);
    if (!v) return std::nullopt;
    return toJsonText(*v);
}

JsonWriter::JsonWriter(bool sensitive) : writer_(buffer_), sensitive_(sensitive) {}

JsonWriter::~JsonWriter() {
    if (sensitive_) secureWipe(const_cast<char*>(buffer_.GetString()), buffer_.GetSize());
}

JsonWriter& JsonWriter::startObject() {
    writer_.StartObject();
    return *this;
}
JsonWriter& JsonWriter::endObject() {
    writer_.EndObject();
    return *this;
}
JsonWriter& JsonWriter::startArray() {
    writer_.StartArray();
    return *this;
}
JsonWriter& JsonWriter::endArray() {
    writer_.EndArray();
    return *this;
}
JsonWriter& JsonWriter::key(std::string_view name) {
    writer_.Key(name.data(), static_cast<rapidjson::SizeType>(name.size()));
    return *this;
}
JsonWriter& JsonWriter::value(std::string_view text) {
    writer_.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
    return *this;
}
JsonWriter& JsonWriter::value(std::int64_t number) {
    writer_.Int64(number);
    return *this;
}
JsonWriter& JsonWriter::value(double number) {
    writer_.Double(number);
    return *this;
}
JsonWriter& JsonWriter::value(bool flag) {
    writer_.Bool(flag);
    return *this;
}
JsonWriter& JsonWriter::null() {
    writer_.Null();
    return *this;
}
JsonWriter& JsonWriter::raw(std::string_view json) {
    writer_.RawValue(json.data(), json.size(), rapidjson::kObjectType);
    return *this;
}

JsonWriter& JsonWriter::member(std::string_view name, const std::map<std::string, std::string>& map) {
    key(name).startObject();
    for (const auto& [k, v] : map) key(k).value(std::string_view(v));
    return endObject();
}

JsonWriter& JsonWriter::member(std::string_view name, const std::vector<std::string>& list) {
    key(name).startArray();
    for (const auto& v : list) value(std::string_view(v));
    return endArray();
}

JsonWriter& JsonWriter::memberUnixTime(std::string_view name,
                                       const std::optional<std::chrono::system_clock::time_point>& t) {
    if (!t) return *this;
    return member(name, static_cast<std::int64_t>(
                            std::chrono::duration_cast<std::chrono::seconds>(t->time_since_epoch()).count()));
}

} // namespace kvb::detail
