// SPDX-License-Identifier: MIT
#include "json_util.hpp"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace emu {

std::unique_ptr<JsonDoc> parseJson(const std::string& text) {
    auto doc = std::make_unique<JsonDoc>();
    doc->Parse(text.data(), text.size());
    if (doc->HasParseError()) return nullptr;
    return doc;
}

std::unique_ptr<JsonDoc> parseJsonObject(const std::string& text) {
    auto doc = parseJson(text);
    if (!doc || !doc->IsObject()) return nullptr;
    return doc;
}

std::string toJson(const JsonValue& value) {
    rapidjson::StringBuffer buf;
    rapidjson::Writer<rapidjson::StringBuffer> writer(buf);
    value.Accept(writer);
    return {buf.GetString(), buf.GetSize()};
}

std::unique_ptr<JsonDoc> cloneJson(const JsonValue& value) {
    auto doc = std::make_unique<JsonDoc>();
    doc->CopyFrom(value, doc->GetAllocator());
    return doc;
}

std::optional<std::string> getString(const JsonValue& obj, const char* name) {
    if (!obj.IsObject()) return std::nullopt;
    auto it = obj.FindMember(name);
    if (it == obj.MemberEnd() || !it->value.IsString()) return std::nullopt;
    return std::string(it->value.GetString(), it->value.GetStringLength());
}

std::optional<std::int64_t> getInt(const JsonValue& obj, const char* name) {
    if (!obj.IsObject()) return std::nullopt;
    auto it = obj.FindMember(name);
    if (it == obj.MemberEnd() || !it->value.IsInt64()) return std::nullopt;
    return it->value.GetInt64();
}

std::optional<bool> getBool(const JsonValue& obj, const char* name) {
    if (!obj.IsObject()) return std::nullopt;
    auto it = obj.FindMember(name);
    if (it == obj.MemberEnd() || !it->value.IsBool()) return std::nullopt;
    return it->value.GetBool();
}

std::string jsonQuote(const std::string& text) {
    JsonValue v(text.c_str(), static_cast<rapidjson::SizeType>(text.size()));
    return toJson(v);
}

void setMember(JsonValue& obj, const char* name, const JsonValue& value, JsonDoc::AllocatorType& a) {
    JsonValue copy(value, a);
    auto it = obj.FindMember(name);
    if (it != obj.MemberEnd()) {
        it->value = copy;
        return;
    }
    obj.AddMember(JsonValue(name, a), copy, a);
}

void setString(JsonValue& obj, const char* name, const std::string& value, JsonDoc::AllocatorType& a) {
    setMember(obj, name, JsonValue(value.c_str(), static_cast<rapidjson::SizeType>(value.size()), a), a);
}

void setInt(JsonValue& obj, const char* name, std::int64_t value, JsonDoc::AllocatorType& a) {
    setMember(obj, name, JsonValue(value), a);
}

void setBool(JsonValue& obj, const char* name, bool value, JsonDoc::AllocatorType& a) {
    setMember(obj, name, JsonValue(value), a);
}

void defaultMember(JsonValue& obj, const char* name, const JsonValue& value, JsonDoc::AllocatorType& a) {
    if (!obj.HasMember(name)) setMember(obj, name, value, a);
}

} // namespace emu
