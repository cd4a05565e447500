// SPDX-License-Identifier: MIT
#pragma once

// A small JSON value for the Key Vault emulator's state and replies. Parsing and writing go
// through RapidJSON; the value type exists so that handlers can read and build nested objects
// without threading an allocator through every call.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace emu::kv {

class Json {
public:
    using Array = std::vector<Json>;
    using Object = std::map<std::string, Json>;

    Json() = default;
    Json(std::nullptr_t) {}
    Json(bool b) : v_(b) {}
    Json(int i) : v_(static_cast<std::int64_t>(i)) {}
    Json(std::int64_t i) : v_(i) {}
    Json(double d) : v_(d) {}
    Json(const char* s) : v_(std::string(s)) {}
    Json(std::string s) : v_(std::move(s)) {}
    Json(Array a) : v_(std::move(a)) {}
    Json(Object o) : v_(std::move(o)) {}

    static Json object() { return Json(Object{}); }
    static Json array() { return Json(Array{}); }
    static std::optional<Json> parse(std::string_view text);

    bool isNull() const { return std::holds_alternative<std::monostate>(v_); }
    bool isBool() const { return std::holds_alternative<bool>(v_); }
    bool isInt() const { return std::holds_alternative<std::int64_t>(v_); }
    bool isNumber() const { return isInt() || std::holds_alternative<double>(v_); }
    bool isString() const { return std::holds_alternative<std::string>(v_); }
    bool isArray() const { return std::holds_alternative<Array>(v_); }
    bool isObject() const { return std::holds_alternative<Object>(v_); }

    bool asBool() const { return std::get<bool>(v_); }
    std::int64_t asInt() const;
    double asDouble() const;
    const std::string& asString() const { return std::get<std::string>(v_); }
    const Array& asArray() const { return std::get<Array>(v_); }
    Array& asArray() { return std::get<Array>(v_); }
    const Object& asObject() const { return std::get<Object>(v_); }
    Object& asObject() { return std::get<Object>(v_); }

    // Object access; a null value becomes an object on first write.
    Json& operator[](const std::string& key);
    // Read-only access; a missing member reads as null.
    const Json& operator[](const std::string& key) const;
    const Json* find(const std::string& key) const;
    Json* find(const std::string& key);
    bool has(const std::string& key) const { return find(key) != nullptr; }
    void erase(const std::string& key);
    void push(Json item);

    // Typed lookups that answer nullopt when the member is absent or of another type.
    std::optional<std::string> str(const std::string& key) const;
    std::optional<std::int64_t> integer(const std::string& key) const;
    std::optional<bool> boolean(const std::string& key) const;

    std::string dump() const;

private:
    std::variant<std::monostate, bool, std::int64_t, double, std::string, Array, Object> v_;
};

} // namespace emu::kv
