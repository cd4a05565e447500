// SPDX-License-Identifier: MIT
#pragma once

// RapidJSON conveniences for the emulator (its own JSON handling, independent of the library).

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include <rapidjson/document.h>

namespace emu {

using JsonDoc = rapidjson::Document;
using JsonValue = rapidjson::Value;

// nullptr when the text is not one complete JSON document.
std::unique_ptr<JsonDoc> parseJson(const std::string& text);
// Same, but also nullptr unless the document is an object.
std::unique_ptr<JsonDoc> parseJsonObject(const std::string& text);
std::string toJson(const JsonValue& value);
std::unique_ptr<JsonDoc> cloneJson(const JsonValue& value);

std::optional<std::string> getString(const JsonValue& obj, const char* name);
std::optional<std::int64_t> getInt(const JsonValue& obj, const char* name);
std::optional<bool> getBool(const JsonValue& obj, const char* name);
// JSON string literal with quotes, escaped.
std::string jsonQuote(const std::string& text);

// Set obj[name] = value (replacing), copying value into obj's allocator.
void setMember(JsonValue& obj, const char* name, const JsonValue& value, JsonDoc::AllocatorType& a);
void setString(JsonValue& obj, const char* name, const std::string& value, JsonDoc::AllocatorType& a);
void setInt(JsonValue& obj, const char* name, std::int64_t value, JsonDoc::AllocatorType& a);
void setBool(JsonValue& obj, const char* name, bool value, JsonDoc::AllocatorType& a);
// Set only when absent.
void defaultMember(JsonValue& obj, const char* name, const JsonValue& value, JsonDoc::AllocatorType& a);

} // namespace emu
