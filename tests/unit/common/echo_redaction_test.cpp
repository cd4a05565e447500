// SPDX-License-Identifier: MIT
// A service that quotes a submitted secret back in its error must not put it into the error.
#include <doctest/doctest.h>

#include <kvbridge/error.hpp>
#include <kvbridge/http/request.hpp>

#include <ctime>
#include <string>

#include "core/call.hpp"
#include "core/encoding.hpp"
#include "core/json.hpp"
#include "leak_scan.hpp"
#include "openssl_certificates.hpp"

using namespace kvb;
using namespace kvb::detail;
using kvb::test::findLeak;
using kvb::test::jsonEscaped;
using kvb::test::urlEncoded;

namespace {

http::Request sensitivePut(std::string body) {
    http::Request request(http::Method::Put, "https://v.vault.azure.net/secrets/db");
    request.body = std::move(body);
    request.sensitiveBody = true;
    return request;
}

http::RawResponse echoing(const std::string& quoted) {
    http::RawResponse response;
    response.status = 400;
    response.body = R"({"error":{"code":"BadParameter","message":"Value ')" + quoted +
                    R"(' is not valid (see ')" + quoted + R"(')."}})";
    return response;
}

// A Key Vault error whose message quotes @p quote, serialised as the service would.
http::RawResponse quoting(std::string_view quote) {
    JsonWriter w;
    w.startObject().key("error").startObject().member("code", "BadParameter");
    w.member("message", std::string("The request is invalid. Request body: ") + std::string(quote));
    w.endObject().endObject();
    http::RawResponse response;
    response.status = 400;
    response.body = w.str();
    return response;
}

// A Key Vault certificate import body, as the client writes it.
std::string importBody(std::string_view value, std::string_view password, std::string_view contentType) {
    JsonWriter w;
    w.startObject().member("value", value);
    if (!password.empty()) w.member("pwd", password);
    w.key("policy").startObject().key("secret_props").startObject().member("contentType", contentType);
    w.endObject().endObject().endObject();
    return w.str();
}

// Nothing of @p secret in any text the error carries: message, code, values and what().
void checkNoLeak(const http::RawResponse& response, const http::Request& request, const std::string& secret) {
    const auto info = errorInfoFromResponse(response, request);
    CHECK(info.message.find("[redacted]") != std::string::npos);
    CHECK(findLeak(info.message, secret) == std::string::npos);
    CHECK(findLeak(info.serviceCode, secret) == std::string::npos);
    for (const auto& [key, value] : info.values) CHECK(findLeak(value, secret) == std::string::npos);
    try {
        throwForResponse(response, request);
        FAIL("no error thrown");
    } catch (const ServiceError& e) {
        CHECK(findLeak(e.what(), secret) == std::string::npos);
    }
}

// Material as users have it, made by the openssl program.
struct RealMaterial {
    kvb::test::TempDir dir;
    kvb::test::CertificateFiles files = kvb::test::makeSelfSigned(dir.path(), "echo", "rsa:2048", "unused");
    std::string keyPem = kvb::test::readText(files.keyPkcs8);
    std::string certPem = kvb::test::readText(files.certPem);
};

} // namespace

TEST_SUITE("echo redaction") {
    TEST_CASE("an echoed JSON-escaped PEM key is cut out, raw, escaped and line by line") {
        const RealMaterial m;
        const std::string pem = m.certPem + m.keyPem;
        const std::string body = importBody(pem, "", "application/x-pem-file");
        REQUIRE(body.find('\n') == std::string::npos); // the quote holds "\n", not line breaks
        REQUIRE(body.find("\\n") != std::string::npos);
        const auto request = sensitivePut(body);
        const auto response = quoting(body);
        for (const std::string& form : {m.keyPem, jsonEscaped(m.keyPem)})
            checkNoLeak(response, request, form);
        for (std::size_t at = m.keyPem.find('\n') + 1; at + 64 < m.keyPem.size(); at += 65)
            CHECK(findLeak(errorInfoFromResponse(response, request).message, m.keyPem.substr(at, 64)) ==
                  std::string::npos);
    }

    TEST_CASE("an echoed 1 MB PFX is cut out whole, before the message is shortened to 1 KiB") {
        const RealMaterial m;
        const auto pfxPath = m.dir / "big.pfx";
        kvb::test::writePaddedPfx(pfxPath, m.certPem, m.keyPem, "big-pfx-password", 1024 * 1024);
        const std::string b64 = base64Encode(kvb::test::readBytes(pfxPath));
        const std::string body = importBody(b64, "big-pfx-password", "application/x-pkcs12");
        const auto request = sensitivePut(body);
        const auto response = quoting(body);
        const std::clock_t start = std::clock(); // CPU time: the machine may be busy
        const auto info = errorInfoFromResponse(response, request);
        const auto ms = (std::clock() - start) * 1000 / CLOCKS_PER_SEC;
        MESSAGE(b64.size() << " base64 characters quoted in a " << response.body.size() / 1024
                           << " KiB error body: parsed and redacted in " << ms << " ms of CPU");
        CHECK(info.message.size() < 1100);
        CHECK(info.message.find(R"("value":"[redacted]")") != std::string::npos);
        checkNoLeak(response, request, b64);
        checkNoLeak(response, request, "big-pfx-password");
    }

    TEST_CASE("a URL-encoded quote of the body gives away neither the password nor the PFX") {
        const RealMaterial m;
        const auto pfxPath = m.dir / "p.pfx";
        const std::string password = "Tr0ub4dor & 3/4+ horse=staple?";
        kvb::test::writePaddedPfx(pfxPath, m.certPem, m.keyPem, password, 1);
        const std::string b64 = base64Encode(kvb::test::readBytes(pfxPath));
        const std::string body = importBody(b64, password, "application/x-pkcs12");
        const auto request = sensitivePut(body);
        const auto response = quoting(urlEncoded(body));
        for (const std::string& form : {password, urlEncoded(password), b64, urlEncoded(b64)})
            checkNoLeak(response, request, form);
    }

    TEST_CASE("a quote the service cut short leaves no 16 characters of the value") {
        const RealMaterial m;
        const auto pfxPath = m.dir / "p.pfx";
        kvb::test::writePaddedPfx(pfxPath, m.certPem, m.keyPem, "cut-short", 1);
        const std::string b64 = base64Encode(kvb::test::readBytes(pfxPath));
        const auto request = sensitivePut(importBody(b64, "cut-short", "application/x-pkcs12"));
        for (const std::size_t from : {std::size_t{0}, std::size_t{777}}) {
            // "The value 'MIIK...' (first 300 characters) is not a valid PKCS#12 file."
            http::RawResponse response;
            response.status = 400;
            response.body = R"({"error":{"code":"BadParameter","message":"The value ')" +
                            b64.substr(from, 300) + R"(...' is not a valid PKCS#12 file."}})";
            checkNoLeak(response, request, b64);
            CHECK(errorInfoFromResponse(response, request).message ==
                  "The value '[redacted]...' is not a valid PKCS#12 file.");
        }
    }

    TEST_CASE("a secret value quoted back is cut out of the message, what() and every value") {
        const auto request = sensitivePut(R"({"value":"hunter2-is-the-value","contentType":"text/plain"})");
        auto response = echoing("hunter2-is-the-value");
        response.body = R"({"code":"BadParameter","message":{"lang":"en","value":"'hunter2-is-the-value'"},)"
                        R"("values":[{"key":"Reason","value":"got hunter2-is-the-value"}]})";
        const auto info = errorInfoFromResponse(response, request);
        CHECK(info.message == "'[redacted]'");
        CHECK(info.values.at("Reason") == "got [redacted]");
        try {
            throwForResponse(response, request);
            FAIL("no error thrown");
        } catch (const ServiceError& e) {
            CHECK(std::string(e.what()).find("hunter2") == std::string::npos);
            CHECK(std::string(e.what()).find("[redacted]") != std::string::npos);
        }
    }

    TEST_CASE("every occurrence goes, nested private key members too, and the rest stays") {
        const auto request = sensitivePut(
            R"({"key":{"kty":"RSA","n":"public-modulus","d":"private-exponent-d"},"tags":{"env":"prod"}})");
        const auto info = errorInfoFromResponse(echoing("private-exponent-d"), request);
        CHECK(info.message == "Value '[redacted]' is not valid (see '[redacted]').");
        const auto publicEcho = errorInfoFromResponse(echoing("public-modulus"), request);
        CHECK(publicEcho.message == "Value 'public-modulus' is not valid (see 'public-modulus').");
    }

    TEST_CASE("form bodies: the client secret is cut out, encoded or decoded") {
        http::Request request(http::Method::Post, "https://login.localhost/t/oauth2/v2.0/token");
        request.body = "grant_type=client_credentials&client_id=app&client_secret=s%2Bcr%26t-42"
                       "&scope=https%3A%2F%2Fvault.azure.net%2F.default";
        request.sensitiveBody = true;
        http::RawResponse response;
        response.status = 401;
        response.body =
            R"({"error":"invalid_client","error_description":"bad secret s+cr&t-42 (s%2Bcr%26t-42) for app"})";
        const auto info = errorInfoFromResponse(response, request);
        CHECK(info.message == "bad secret [redacted] ([redacted]) for app");
    }

    TEST_CASE("requests without secret material keep the service's words") {
        auto request = sensitivePut(R"({"value":"plain-words-here"})");
        request.sensitiveBody = false;
        CHECK(errorInfoFromResponse(echoing("plain-words-here"), request).message ==
              "Value 'plain-words-here' is not valid (see 'plain-words-here').");
        const auto shortValue = sensitivePut(R"({"value":"abc"})");
        CHECK(errorInfoFromResponse(echoing("abc"), shortValue).message ==
              "Value 'abc' is not valid (see 'abc').");
        const auto notJson = sensitivePut("{not json");
        CHECK(errorInfoFromResponse(echoing("not json"), notJson).message ==
              "Value 'not json' is not valid (see 'not json').");
    }
}
