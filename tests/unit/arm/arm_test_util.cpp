// SPDX-License-Identifier: MIT
#include "arm_test_util.hpp"

#include <doctest/doctest.h>

#include <stdexcept>

#include "core/json.hpp"
#include "core/url.hpp"
#include "test_files.hpp"

namespace kvb::test {

namespace {

const rapidjson::Value* response(const rapidjson::Document& doc, int status) {
    const auto& responses = doc["responses"];
    const auto key = std::to_string(status);
    auto it = responses.FindMember(key.c_str());
    return it == responses.MemberEnd() ? nullptr : &it->value;
}

} // namespace

ArmExample::ArmExample(const std::string& path) : path_(path) {
    const std::string text = readText(specsDir() / "arm" / path);
    doc_.Parse(text.c_str());
    if (doc_.HasParseError() || !doc_.IsObject()) throw std::runtime_error("malformed example " + path);
}

std::string ArmExample::param(const char* name) const {
    const auto& v = paramValue(name);
    if (!v.IsString()) throw std::runtime_error(path_ + ": parameter " + name + " is not a string");
    return v.GetString();
}

const rapidjson::Value& ArmExample::paramValue(const char* name) const {
    const auto& parameters = doc_["parameters"];
    auto it = parameters.FindMember(name);
    if (it == parameters.MemberEnd()) throw std::runtime_error(path_ + ": no parameter " + name);
    return it->value;
}

std::string ArmExample::body(int status) const {
    const auto* r = response(doc_, status);
    if (!r) throw std::runtime_error(path_ + ": no response " + std::to_string(status));
    auto it = r->FindMember("body");
    return it == r->MemberEnd() ? std::string() : kvb::detail::toJsonText(it->value);
}

http::Headers ArmExample::headers(int status) const {
    http::Headers out;
    const auto* r = response(doc_, status);
    if (!r) throw std::runtime_error(path_ + ": no response " + std::to_string(status));
    if (auto it = r->FindMember("headers"); it != r->MemberEnd())
        for (const auto& h : it->value.GetObject()) out.add(h.name.GetString(), h.value.GetString());
    return out;
}

arm::ArmClientOptions ArmRig::options() const {
    arm::ArmClientOptions o;
    o.client.transport = transport;
    o.client.retry.maxRetries = 0;
    return o;
}

void ArmRig::serve(const ArmExample& example, int status) const {
    transport->respond(status, example.body(status), example.headers(status));
}

http::Request ArmRig::request(std::size_t i) const {
    const auto all = transport->requests();
    REQUIRE(i < all.size());
    return all[i];
}

std::string pathOf(const std::string& url) {
    return kvb::detail::urlUnescape(kvb::detail::Url::parse(url).path);
}

std::string queryOf(const std::string& url, const std::string& name) {
    const auto query = kvb::detail::Url::parse(url).query;
    std::size_t at = 0;
    while (at <= query.size()) {
        const auto end = query.find('&', at);
        const auto pair = query.substr(at, end == std::string::npos ? std::string::npos : end - at);
        const auto eq = pair.find('=');
        if (kvb::detail::urlUnescape(pair.substr(0, eq)) == name)
            return eq == std::string::npos ? std::string() : kvb::detail::urlUnescape(pair.substr(eq + 1));
        if (end == std::string::npos) break;
        at = end + 1;
    }
    return {};
}

rapidjson::Document bodyOf(const http::Request& request) {
    rapidjson::Document doc;
    doc.Parse(request.body.c_str());
    REQUIRE_MESSAGE(!doc.HasParseError(), "request body is not JSON: " << request.body);
    return doc;
}

} // namespace kvb::test
