// SPDX-License-Identifier: MIT
#include "kv_json.hpp"

#include <cmath>
#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace emu::kv {

namespace {

Json fromRapid(const rapidjson::Value& v) {
    if (v.IsNull()) return Json();
    if (v.IsBool()) return Json(v.GetBool());
    if (v.IsInt64()) return Json(static_cast<std::int64_t>(v.GetInt64()));
    if (v.IsNumber()) return Json(v.GetDouble());
    if (v.IsString()) return Json(std::string(v.GetString(), v.GetStringLength()));
    if (v.IsArray()) {
        Json::Array a;
        a.reserve(v.Size());
        for (const auto& item : v.GetArray()) a.push_back(fromRapid(item));
        return Json(std::move(a));
    }
    Json::Object o;
    for (const auto& m : v.GetObject())
        o[std::string(m.name.GetString(), m.name.GetStringLength())] = fromRapid(m.value);
    return Json(std::move(o));
}

void write(const Json& j, rapidjson::Writer<rapidjson::StringBuffer>& w) {
    if (j.isNull()) {
        w.Null();
    } else if (j.isBool()) {
        w.Bool(j.asBool());
    } else if (j.isInt()) {
        w.Int64(j.asInt());
    } else if (j.isNumber()) {
        w.Double(j.asDouble());
    } else if (j.isString()) {
        w.String(j.asString().data(), static_cast<rapidjson::SizeType>(j.asString().size()));
    } else if (j.isArray()) {
        w.StartArray();
        for (const auto& item : j.asArray()) write(item, w);
        w.EndArray();
    } else {
        w.StartObject();
        for (const auto& [k, v] : j.asObject()) {
            w.Key(k.data(), static_cast<rapidjson::SizeType>(k.size()));
            write(v, w);
        }
        w.EndObject();
    }
}

} // namespace

std::optional<Json> Json::parse(std::string_view text) {
    rapidjson::Document doc;
    doc.Parse(text.data(), text.size());
    if (doc.HasParseError()) return std::nullopt;
    return fromRapid(doc);
}

double Json::asDouble() const {
    if (const auto* i = std::get_if<std::int64_t>(&v_)) return static_cast<double>(*i);
    return std::get<double>(v_);
}

std::int64_t Json::asInt() const {
    if (const auto* i = std::get_if<std::int64_t>(&v_)) return *i;
    return static_cast<std::int64_t>(std::llround(std::get<double>(v_)));
}

Json& Json::operator[](const std::string& key) {
    if (isNull()) v_ = Object{};
    return std::get<Object>(v_)[key];
}

const Json& Json::operator[](const std::string& key) const {
    static const Json null;
    const Json* j = find(key);
    return j == nullptr ? null : *j;
}

const Json* Json::find(const std::string& key) const {
    const auto* o = std::get_if<Object>(&v_);
    if (o == nullptr) return nullptr;
    auto it = o->find(key);
    return it == o->end() ? nullptr : &it->second;
}

Json* Json::find(const std::string& key) {
    auto* o = std::get_if<Object>(&v_);
    if (o == nullptr) return nullptr;
    auto it = o->find(key);
    return it == o->end() ? nullptr : &it->second;
}

void Json::erase(const std::string& key) {
    if (auto* o = std::get_if<Object>(&v_)) o->erase(key);
}

void Json::push(Json item) {
    if (isNull()) v_ = Array{};
    std::get<Array>(v_).push_back(std::move(item));
}

std::optional<std::string> Json::str(const std::string& key) const {
    const Json* j = find(key);
    if (j == nullptr || !j->isString()) return std::nullopt;
    return j->asString();
}

std::optional<std::int64_t> Json::integer(const std::string& key) const {
    const Json* j = find(key);
    if (j == nullptr || !j->isNumber()) return std::nullopt;
    return j->asInt();
}

std::optional<bool> Json::boolean(const std::string& key) const {
    const Json* j = find(key);
    if (j == nullptr || !j->isBool()) return std::nullopt;
    return j->asBool();
}

std::string Json::dump() const {
    rapidjson::StringBuffer buf;
    rapidjson::Writer<rapidjson::StringBuffer> w(buf);
    write(*this, w);
    return std::string(buf.GetString(), buf.GetSize());
}

} // namespace emu::kv
