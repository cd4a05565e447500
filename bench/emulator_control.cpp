// SPDX-License-Identifier: MIT
#include "emulator_control.hpp"

#include <stdexcept>

#include <rapidjson/document.h>

namespace kvb::bench {

EmulatorControl::EmulatorControl(int port, const std::string& caFile)
    : base_("https://127.0.0.1:" + std::to_string(port) + "/_emulator/") {
    http::TransportOptions o;
    o.caFile = caFile;
    transport_ = http::makeCurlTransport(o);
}

std::string EmulatorControl::send(bool get, std::string_view path, std::string_view body) const {
    http::Request request(get ? http::Method::Get : http::Method::Post, base_ + std::string(path));
    request.body.assign(body);
    if (!get) request.headers.set("Content-Type", "application/json");
    auto response = transport_->send(request, Context{});
    if (response.status < 200 || response.status >= 300)
        throw std::runtime_error("emulator control " + std::string(path) + ": HTTP " +
                                 std::to_string(response.status) + " " + response.body);
    return std::move(response.body);
}

std::string EmulatorControl::post(std::string_view path, std::string_view body) const {
    return send(false, path, body);
}

long EmulatorControl::counter(std::string_view name) const {
    const std::string body = send(true, "counters", {});
    rapidjson::Document doc;
    doc.Parse(body.data(), body.size());
    if (!doc.IsObject()) throw std::runtime_error("emulator counters are not a JSON object");
    const auto it = doc.FindMember(rapidjson::StringRef(name.data(), name.size()));
    return it != doc.MemberEnd() && it->value.IsInt64() ? static_cast<long>(it->value.GetInt64()) : 0;
}

} // namespace kvb::bench
