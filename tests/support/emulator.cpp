// SPDX-License-Identifier: MIT
#include "emulator.hpp"

#include <kvbridge/error.hpp>

#include <stdexcept>
#include <string>
#include <vector>

#include <rapidjson/document.h>

#include "core/url.hpp"

namespace kvb::test {

Emulator& Emulator::shared() {
    static Emulator instance;
    return instance;
}

Emulator::Emulator() : Emulator(std::vector<std::string>{}) {}

Emulator::Emulator(const std::vector<std::string>& extraArgs) : process_(extraArgs) {
    for (const auto& a : extraArgs) {
        if (a == "--tls-expired") controlVerifiesTls_ = false;
    }
    auto options = transportOptions();
    options.verifyTls = controlVerifiesTls_;
    controlTransport_ = http::makeCurlTransport(options);
}

Emulator::~Emulator() {
    // Close the control connections first: the emulator waits for open keep-alive connections.
    controlTransport_.reset();
}

std::string Emulator::baseUrl() const {
    return "https://127.0.0.1:" + std::to_string(port());
}
std::string Emulator::vaultUrl(std::string_view name) const {
    return "https://" + std::string(name) + ".vault.localhost:" + std::to_string(port());
}
std::string Emulator::batchUrl() const {
    return "https://" + std::string(kBatchAccount) + ".batch.localhost:" + std::to_string(port());
}
std::string Emulator::authorityHost() const {
    return "https://login.localhost:" + std::to_string(port());
}

http::TransportOptions Emulator::transportOptions() const {
    http::TransportOptions o;
    o.caFile = caFile();
    o.connectTimeout = std::chrono::seconds(5);
    o.timeout = std::chrono::seconds(30);
    return o;
}

std::string Emulator::connectToAll() const {
    return "::127.0.0.1:" + std::to_string(port());
}

std::string Emulator::control(std::string_view method, std::string_view path, std::string_view body) const {
    const auto& transport = controlTransport_;
    http::Request request;
    const std::string m(method);
    request.method = m == "GET"      ? http::Method::Get
                     : m == "DELETE" ? http::Method::Delete
                                     : http::Method::Post;
    request.url = baseUrl() + "/_emulator/" + std::string(path);
    request.body = std::string(body);
    if (!body.empty()) request.headers.set("Content-Type", "application/json");
    auto response = transport->send(request, Context{});
    if (response.status >= 300)
        throw std::runtime_error("emulator control " + m + " " + std::string(path) + " -> " +
                                 std::to_string(response.status) + ": " + response.body);
    return response.body;
}

namespace {

rapidjson::Document countersOf(const Emulator& emulator) {
    const std::string body = emulator.control("GET", "counters");
    rapidjson::Document doc;
    doc.Parse(body.c_str());
    if (!doc.IsObject()) throw std::runtime_error("counters are not JSON");
    return doc;
}

} // namespace

long Emulator::counter(std::string_view name) const {
    const auto doc = countersOf(*this);
    auto it = doc.FindMember(std::string(name).c_str());
    if (it == doc.MemberEnd() || !it->value.IsNumber()) return 0;
    return it->value.GetInt64();
}

long Emulator::operationCount(std::string_view part) const {
    const auto doc = countersOf(*this);
    auto ops = doc.FindMember("byOperation");
    if (ops == doc.MemberEnd() || !ops->value.IsObject()) return 0;
    long total = 0;
    for (auto it = ops->value.MemberBegin(); it != ops->value.MemberEnd(); ++it) {
        if (std::string_view(it->name.GetString()).find(part) != std::string_view::npos &&
            it->value.IsNumber())
            total += it->value.GetInt64();
    }
    return total;
}

} // namespace kvb::test
