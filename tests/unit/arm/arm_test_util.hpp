// SPDX-License-Identifier: MIT
#pragma once

// Unit-test helpers for the Resource Manager clients: the vendored swagger examples of
// tests/data/specs/arm, a client rig over the shared fake transport and credential, and checks
// of the request a client sent.

#include <kvbridge/arm/arm_client_options.hpp>
#include <kvbridge/http/request.hpp>

#include <rapidjson/document.h>

#include <memory>
#include <string>

#include "fake_credential.hpp"
#include "fake_transport.hpp"

namespace kvb::test {

/** A swagger example: tests/data/specs/arm/@p path (e.g. "keyvault/2025-05-01/examples/getVault.json"). */
class ArmExample {
public:
    explicit ArmExample(const std::string& path);
    /** parameters.@p name, which must be a string. */
    std::string param(const char* name) const;
    /** parameters.@p name as a JSON value (a request body). */
    const rapidjson::Value& paramValue(const char* name) const;
    /** responses.@p status.body as JSON text ("" when the example has none). */
    std::string body(int status) const;
    /** responses.@p status.headers. */
    http::Headers headers(int status) const;
    const rapidjson::Document& doc() const noexcept { return doc_; }

private:
    rapidjson::Document doc_;
    std::string path_;
};

/** A client's options over a fake transport, without retries; credential records its scopes. */
struct ArmRig {
    std::shared_ptr<FakeTransport> transport = std::make_shared<FakeTransport>();
    std::shared_ptr<FakeCredential> credential = std::make_shared<FakeCredential>();
    arm::ArmClientOptions options() const;
    /** Queue responses.@p status of @p example (body and headers). */
    void serve(const ArmExample& example, int status) const;
    /** The @p i-th request sent. */
    http::Request request(std::size_t i) const;
};

/** The path of @p url, percent-escapes undone. */
std::string pathOf(const std::string& url);
/** The value of query parameter @p name in @p url, unescaped ("" when absent). */
std::string queryOf(const std::string& url, const std::string& name);
/** @p request's body parsed (fails the test when it is not JSON). */
rapidjson::Document bodyOf(const http::Request& request);

} // namespace kvb::test
