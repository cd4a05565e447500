// SPDX-License-Identifier: MIT
// Batch Shared Key against known-answer vectors.
//
// The expected signatures were computed independently of this code with Python's standard
// library, from the string-to-sign written out by hand per specs/README.md:
//   import hmac, hashlib, base64
//   key = base64.b64decode("ZW11bGF0b3Itc2hhcmVkLWtleS1mb3Ita3ZicmlkZ2UtdGVzdHMtb25seSE=")
//   base64.b64encode(hmac.new(key, sts.encode(), hashlib.sha256).digest())
// with sts being each kExpected*ToSign string below.

#include <doctest/doctest.h>

#include <kvbridge/error.hpp>
#include <kvbridge/identity/shared_key_credential.hpp>

#include "fake_transport.hpp"
#include "identity/auth_policies.hpp"
#include "identity/shared_key_policy.hpp"

using namespace kvb;

namespace {

constexpr const char* kKey = "ZW11bGF0b3Itc2hhcmVkLWtleS1mb3Ita3ZicmlkZ2UtdGVzdHMtb25seSE=";
// Tue, 01 Jul 2025 12:00:00 GMT
const auto kFixedNow = std::chrono::system_clock::time_point(std::chrono::seconds(1751371200));

// Runs @p request through the Shared Key policy with the fixed clock; returns what was sent.
http::Request signedCopy(http::Request request) {
    auto credential = std::make_shared<const identity::SharedKeyCredential>("emubatch", SecretString(kKey));
    auto fake = std::make_shared<test::FakeTransport>();
    fake->respond(200);
    http::Pipeline pipeline({identity::makeSharedKeyPolicy(credential, [] { return kFixedNow; })}, fake);
    pipeline.send(request, Context{});
    return fake->requests().at(0);
}

} // namespace

TEST_CASE("shared key: GET signs empty Content-Length and Content-Type, sorted query") {
    http::Request request(
        http::Method::Get,
        "https://emubatch.eastus.batch.azure.com/certificates?maxresults=10&api-version=2024-07-01.20.0");
    const auto sent = signedCopy(request);
    CHECK(sent.headers.get("ocp-date") == "Tue, 01 Jul 2025 12:00:00 GMT");
    CHECK_FALSE(sent.headers.contains("Content-Length"));
    CHECK(identity::sharedKeyStringToSign(sent, "emubatch") ==
          "GET\n\n\n\n\n\n\n\n\n\n\n\nocp-date:Tue, 01 Jul 2025 12:00:00 GMT\n/emubatch/certificates\n"
          "api-version:2024-07-01.20.0\nmaxresults:10");
    CHECK(sent.headers.get("Authorization") ==
          "SharedKey emubatch:kTcjlTNfU6NUcjExxflR6T6F8L7q5sWT4qAeg7oHPks=");
}

TEST_CASE("shared key: POST signs length, type, lower-cased ocp headers and decoded repeated params") {
    http::Request request(http::Method::Post,
                          "https://emubatch.eastus.batch.azure.com/pools/p%201/updateproperties"
                          "?api-version=2024-07-01.20.0&%24filter=c&%24filter=a%20b");
    request.body = R"({"a":1})";
    request.headers.set("OCP-Client-Request-Id", "abc");
    const auto sent = signedCopy(request);
    CHECK(sent.headers.get("Content-Length") == "7");
    CHECK(sent.headers.get("Content-Type") == "application/json; odata=minimalmetadata");
    CHECK(identity::sharedKeyStringToSign(sent, "emubatch") ==
          "POST\n\n\n7\n\napplication/json; odata=minimalmetadata\n\n\n\n\n\n\n"
          "ocp-client-request-id:abc\nocp-date:Tue, 01 Jul 2025 12:00:00 GMT\n"
          "/emubatch/pools/p%201/updateproperties\n$filter:a b,c\napi-version:2024-07-01.20.0");
    CHECK(sent.headers.get("Authorization") ==
          "SharedKey emubatch:NCfG1CWu9tfayf7eHyGvU7KlkEqK9bO8+YVGN0BP428=");
}

TEST_CASE("shared key: DELETE without a body signs Content-Length 0 and the date line stays empty") {
    http::Request request(http::Method::Delete, "https://emubatch.eastus.batch.azure.com/"
                                                "certificates(thumbprintAlgorithm=sha1,thumbprint=abc)"
                                                "?api-version=2024-07-01.20.0");
    request.headers.set("Date", "Mon, 30 Jun 2025 00:00:00 GMT"); // ocp-date wins
    const auto sent = signedCopy(request);
    CHECK(sent.headers.get("Content-Length") == "0");
    CHECK(sent.headers.get("Authorization") ==
          "SharedKey emubatch:nKI47wYKaRxKqjAK+U/sAlMm8sgWr1q1NfLEh7Cq/lk=");
}

TEST_CASE("shared key: bad input is a typed error") {
    CHECK_THROWS_AS(identity::SharedKeyCredential("emubatch", SecretString("not base64!")), InvalidArgument);
    CHECK_THROWS_AS(identity::SharedKeyCredential("emubatch", SecretString("")), InvalidArgument);
    CHECK_THROWS_AS(identity::SharedKeyCredential("", SecretString(kKey)), InvalidArgument);
    CHECK_THROWS_AS(identity::makeSharedKeyPolicy(nullptr), InvalidArgument);
    try {
        identity::SharedKeyCredential("emubatch", SecretString("c2VjcmV0LWtleS12YWx1ZQ=x"));
        FAIL("accepted a malformed key");
    } catch (const InvalidArgument& e) {
        CHECK(std::string(e.what()).find("c2VjcmV0") == std::string::npos);
    }
}
