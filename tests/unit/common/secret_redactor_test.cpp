// SPDX-License-Identifier: MIT
// Every form in which a text can carry a secret is cut out; the text around it stays as written.
#include <doctest/doctest.h>

#include <cstdint>
#include <ctime>
#include <random>
#include <string>
#include <vector>

#include "core/encoding.hpp"
#include "core/secret_redactor.hpp"
#include "leak_scan.hpp"
#include "openssl_certificates.hpp"

using kvb::detail::SecretRedactor;
using kvb::test::findLeak;
using kvb::test::jsonEscaped;
using kvb::test::urlEncoded;

namespace {

std::string replaceAll(std::string text, std::string_view from, std::string_view to) {
    for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
        text.replace(at, from.size(), to);
    return text;
}

// JSON with every non-ASCII code point as \uXXXX, as writers with "ensure ASCII" produce.
std::string asciiJson(std::string_view utf8) {
    std::string out;
    for (std::size_t i = 0; i < utf8.size();) {
        const auto c = static_cast<unsigned char>(utf8[i]);
        if (c < 0x80) {
            out += jsonEscaped(utf8.substr(i++, 1));
            continue;
        }
        const std::size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
        unsigned cp = c & (0xFF >> (n + 1));
        for (std::size_t k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(utf8[i + k]) & 0x3F);
        i += n;
        char buf[16];
        if (cp >= 0x10000) {
            cp -= 0x10000;
            std::snprintf(buf, sizeof buf, "\\u%04x\\u%04x", 0xD800 + (cp >> 10), 0xDC00 + (cp & 0x3FF));
        } else {
            std::snprintf(buf, sizeof buf, "\\u%04x", cp);
        }
        out += buf;
    }
    return out;
}

std::string randomBytes(std::size_t size, unsigned seed) {
    std::mt19937 rng(seed);
    std::string out(size, '\0');
    for (auto& c : out) c = static_cast<char>(rng() & 0xFF);
    return out;
}

// A real RSA key as users have it: PKCS#8 PEM made by the openssl program.
std::string realKeyPem() {
    static const std::string pem = [] {
        kvb::test::TempDir dir;
        return kvb::test::readText(kvb::test::makeSelfSigned(dir.path(), "redact", "rsa:2048", "x").keyPkcs8);
    }();
    return pem;
}

std::string pemBody(const std::string& pem) {
    std::string body;
    for (std::size_t at = pem.find('\n') + 1; at < pem.size();) {
        const std::size_t nl = pem.find('\n', at);
        const std::string line = pem.substr(at, nl - at);
        if (line.rfind("-----", 0) != 0) body += line;
        at = nl == std::string::npos ? pem.size() : nl + 1;
    }
    return body;
}

} // namespace

TEST_SUITE("SecretRedactor") {
    TEST_CASE("a secret is cut out whole or from any 16 characters of it; the service's words stay") {
        const std::string secret = "Xq7pL2mN9vB4cR8tY1wZ5sD3fG6hJ0kQ";
        SecretRedactor r;
        r.add(secret);
        CHECK(r.redacted("bad value '" + secret + "' here") == "bad value '[redacted]' here");
        CHECK(r.redacted("part: " + secret.substr(7, 20) + ".") == "part: [redacted].");
        CHECK(r.redacted("cut: " + secret.substr(0, 16) + "...") == "cut: [redacted]...");
        // Below the window, a fragment cannot be told from chance: the documented limit.
        CHECK(r.redacted("cut: " + secret.substr(0, 15) + "...") == "cut: " + secret.substr(0, 15) + "...");
        CHECK(r.redacted("nothing secret in here at all") == "nothing secret in here at all");
    }

    TEST_CASE("a PEM key quoted JSON-escaped, escaped twice, with \\/ and with CRLF line breaks") {
        const std::string pem = realKeyPem();
        SecretRedactor r;
        r.add(pem);
        const std::string crlf = replaceAll(pem, "\n", "\r\n");
        for (const std::string& quoted :
             {jsonEscaped(pem), jsonEscaped(jsonEscaped(pem)), replaceAll(jsonEscaped(pem), "/", "\\/"), crlf,
              jsonEscaped(crlf), pem, pemBody(pem)}) {
            const std::string text = R"(Request body: {"value":")" + quoted + R"(","contentType":"x"})";
            const std::string out = r.redacted(text);
            CHECK(out.rfind(R"(Request body: {"value":")", 0) == 0);
            CHECK(out.find(R"(","contentType":"x"})") != std::string::npos);
            for (const std::string& form : {pem, jsonEscaped(pem), pemBody(pem), crlf})
                CHECK(findLeak(out, form) == std::string::npos);
        }
    }

    TEST_CASE("PFX data quoted as base64url, and a password quoted as base64 or base64url") {
        const std::string pfx = randomBytes(3000, 7);
        const std::string b64 = kvb::detail::base64Encode(pfx);
        const std::string b64url = kvb::detail::base64UrlEncode(pfx);
        SecretRedactor r;
        r.add(b64); // as the request carried it
        CHECK(findLeak(r.redacted("data=" + b64url + ";"), b64url) == std::string::npos);
        CHECK(r.redacted("data=" + b64url + ";") == "data=[redacted];");

        const std::string password = "correct horse battery staple";
        SecretRedactor p;
        p.add(password);
        for (const std::string& encoded :
             {kvb::detail::base64Encode(password), kvb::detail::base64UrlEncode(password),
              kvb::detail::base64Encode(password.substr(5))}) {
            CAPTURE(encoded);
            CHECK(p.redacted("Basic " + encoded + " refused") == "Basic [redacted] refused");
        }
    }

    TEST_CASE("URL- and form-encoded quotes, non-ASCII passwords and \\u escapes") {
        const std::string password = "p@ss w0rd/&+x%41-räksmörgås-長い";
        SecretRedactor r;
        r.add(password);
        std::string form = urlEncoded(password);
        form = replaceAll(form, "%20", "+");
        for (const std::string& quoted :
             {password, urlEncoded(password), form, urlEncoded(urlEncoded(password)), jsonEscaped(password),
              asciiJson(password)}) {
            CAPTURE(quoted);
            CHECK(r.redacted("pwd=" + quoted + "&next=1") == "pwd=[redacted]&next=1");
        }
    }

    TEST_CASE("short values: 4 to 15 characters only whole, fewer than 4 not at all") {
        SecretRedactor r;
        r.add("abc");
        r.add("s3cr3t!");
        CHECK_FALSE(r.empty());
        CHECK(r.redacted("abc s3cr3t! s3cr3") == "abc [redacted] s3cr3");
        CHECK(r.redacted("s3cr3t%21") == "[redacted]");
        SecretRedactor none;
        none.add("ab");
        CHECK(none.empty());
        CHECK(none.redacted("ab") == "ab");
    }

    TEST_CASE("a 1 MB PFX quoted whole in a 1 MB message is cut out in linear time") {
        const std::string pfx = randomBytes(1024 * 1024, 11);
        const std::string b64 = kvb::detail::base64Encode(pfx);
        std::string message = R"(The request body is invalid: {"value":")" + b64 + R"(","pwd":"x"})";
        const std::clock_t start = std::clock(); // CPU time: the machine may be busy
        SecretRedactor r;
        r.addBinary(kvb::detail::asBytes(pfx));
        const bool cut = r.redact(message);
        const auto ms = (std::clock() - start) * 1000 / CLOCKS_PER_SEC;
        MESSAGE("1 MB PFX (" << b64.size() << " base64 characters) added and cut out of a "
                             << (b64.size() + 60) / 1024 << " KiB message in " << ms << " ms of CPU");
        CHECK(cut);
        CHECK(message == R"(The request body is invalid: {"value":"[redacted]","pwd":"x"})");
    }
}
