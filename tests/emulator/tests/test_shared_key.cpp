// SPDX-License-Identifier: MIT
// Batch Shared Key against known-answer vectors computed by hand with the openssl CLI:
//
//   KEYHEX=$(printf %s 'ZW11bGF0b3Itc2hhcmVkLWtleS1mb3Ita3ZicmlkZ2UtdGVzdHMtb25seSE=' | base64 -d |
//   xxd -p | tr -d '\n') printf 'GET\n\n\n\n\n\n\n\n\n\n\n\nocp-date:Sat, 28 Nov 2026 12:00:00
//   GMT\n/emubatch/pools\napi-version:2024-07-01.20.0\nmaxresults:10'
//     | openssl dgst -sha256 -mac HMAC -macopt hexkey:$KEYHEX -binary | base64
//   -> gloCLVffzInlFYpNtLPJdf65OiuwwV6+XCY+LTTd8SM=
//   printf 'POST\n\n\n17\n\napplication/json; odata=minimalmetadata\n\n\n\n\n\n\nocp-date:Sat, 28
//   Nov 2026 12:00:00 GMT\n/emubatch/pools/p1/resize\napi-version:2024-07-01.20.0'
//     | openssl dgst -sha256 -mac HMAC -macopt hexkey:$KEYHEX -binary | base64
//   -> 3mTTL32GcfAUyoiVi5rdhFEkMzHpVflGi2R4QFX1I2c=
//
// The strings follow tests/data/specs/README.md "Batch Shared Key": verb, eleven standard header
// values (Date empty because ocp-date is sent), ocp-* headers, /account + path, sorted query.

#include "batch_client.hpp"

#include "../http_types.hpp"
#include "../batch/shared_key.hpp"
#include "../time_util.hpp"

#include <doctest/doctest.h>

using namespace emutest;

TEST_CASE("shared key: string-to-sign and signature match the openssl known-answer vectors") {
    emu::HttpRequest get;
    get.method = "GET";
    get.rawPath = "/pools";
    get.query = {{"maxresults", "10"}, {"api-version", "2024-07-01.20.0"}};
    get.headers["ocp-date"] = "Sat, 28 Nov 2026 12:00:00 GMT";
    get.headers["Date"] = "Sun, 29 Nov 2026 12:00:00 GMT"; // ignored: ocp-date wins
    get.headers["client-request-id"] = "not-signed";
    const std::string getSts = emu::sharedKeyStringToSign(get, "emubatch");
    CHECK(getSts == "GET\n\n\n\n\n\n\n\n\n\n\n\nocp-date:Sat, 28 Nov 2026 12:00:00 GMT\n/emubatch/pools\n"
                    "api-version:2024-07-01.20.0\nmaxresults:10");
    CHECK(emu::sharedKeySignature(kBatchKey, getSts) == "gloCLVffzInlFYpNtLPJdf65OiuwwV6+XCY+LTTd8SM=");

    emu::HttpRequest post;
    post.method = "POST";
    post.rawPath = "/pools/p1/resize";
    post.query = {{"api-version", "2024-07-01.20.0"}};
    post.headers["Content-Length"] = "17";
    post.headers["Content-Type"] = "application/json; odata=minimalmetadata";
    post.headers["OCP-Date"] = "Sat, 28 Nov 2026 12:00:00 GMT";
    CHECK(emu::sharedKeySignature(kBatchKey, emu::sharedKeyStringToSign(post, "emubatch")) ==
          "3mTTL32GcfAUyoiVi5rdhFEkMzHpVflGi2R4QFX1I2c=");
}

TEST_CASE("shared key: the emulator accepts good signatures and refuses bad ones with 403") {
    auto& emu = sharedEmulator();
    REQUIRE(control(emu, "reset").status == 200);
    const std::string path = std::string("/pools?") + kApi + "&maxresults=10";
    CHECK(batchRequest(emu, "GET", path).status == 200);

    // Wrong key.
    Reply bad = batchRequest(emu, "GET", path, "", {}, "emubatch", "d3Jvbmcta2V5LXdyb25nLWtleQ==");
    CHECK(bad.status == 403);
    CHECK(bad.body.find("\"AuthenticationFailed\"") != std::string::npos);
    CHECK(bad.body.find("AuthenticationErrorDetail") != std::string::npos);
    CHECK(!bad.header("request-id").empty());

    // Signed for one path, sent to another (the emulator signs what it received).
    const std::string otherDate = emu::httpDate(emu::nowSeconds());
    Reply tampered =
        request(emu, "GET", std::string(kBatchHost) + "/pools?" + kApi,
                {"ocp-date: " + otherDate,
                 "Authorization: SharedKey emubatch:gloCLVffzInlFYpNtLPJdf65OiuwwV6+XCY+LTTd8SM="});
    CHECK(tampered.status == 403);

    // Stale date: 20 minutes old, correctly signed.
    Reply stale = batchRequest(emu, "GET", path, "", {}, "emubatch", kBatchKey, kBatchHost,
                               emu::httpDate(emu::nowSeconds() - 20 * 60));
    CHECK(stale.status == 403);
    CHECK(stale.body.find("15 minutes") != std::string::npos);

    // Same request through the *.batch.localhost name.
    CHECK(batchRequest(emu, "GET", path, "", {}, "emubatch", kBatchKey, "https://emubatch.batch.localhost")
              .status == 200);

    // Bearer token for the Batch resource works; a Key Vault token does not.
    const std::string batchToken = token(emu, "https://batch.core.windows.net//.default");
    CHECK(
        request(emu, "GET", std::string(kBatchHost) + path, {"Authorization: Bearer " + batchToken}).status ==
        200);
    const std::string vaultToken = token(emu, "https://vault.azure.net/.default");
    CHECK(
        request(emu, "GET", std::string(kBatchHost) + path, {"Authorization: Bearer " + vaultToken}).status ==
        403);
}
