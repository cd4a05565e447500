// SPDX-License-Identifier: MIT
// Batch certificates, pools, job schedules and jobs through Shared Key signed requests.

#include "batch_client.hpp"
#include "test_files.hpp"

#include "../crypto_util.hpp"
#include "../json_util.hpp"
#include "../url_util.hpp"

#include <doctest/doctest.h>

#include <cstdlib>
#include <utility>
#include <vector>

using namespace emutest;

namespace {

std::string certPath(const std::string& thumbprint, const std::string& tail = "") {
    return "/certificates(thumbprintAlgorithm=sha1,thumbprint=" + thumbprint + ")" + tail + "?" + kApi;
}

std::string cerBody(const kvb::test::TestCertificate& cert) {
    return "{\"thumbprint\":\"" + cert.lowerThumbprint() + "\",\"thumbprintAlgorithm\":\"sha1\",\"data\":\"" +
           cert.derBase64 + "\",\"certificateFormat\":\"cer\"}";
}

std::string pfxBody(const kvb::test::TestCertificate& cert, const std::string& password,
                    const std::string& sent) {
    return "{\"thumbprint\":\"" + cert.lowerThumbprint() + "\",\"thumbprintAlgorithm\":\"sha1\",\"data\":\"" +
           emu::base64Encode(bytesText(cert.pfx(password))) +
           "\",\"certificateFormat\":\"pfx\",\"password\":\"" + sent + "\"}";
}

std::unique_ptr<emu::JsonDoc> json(const Reply& r) {
    return emu::parseJsonObject(r.body);
}

std::string code(const Reply& r) {
    auto d = json(r);
    return d ? emu::getString(*d, "code").value_or("") : "";
}

std::size_t listCount(const EmulatorProcess& emu, const std::string& what) {
    auto d = json(batchRequest(emu, "GET", "/" + what + "?" + kApi));
    return d && d->HasMember("value") ? (*d)["value"].Size() : 0;
}

std::string poolWithCert(const std::string& id, const std::string& thumbprint) {
    return "{\"id\":\"" + id +
           "\",\"vmSize\":\"standard_d2s_v3\",\"virtualMachineConfiguration\":{\"imageReference\":"
           "{\"publisher\":\"Canonical\",\"offer\":\"0001-com-ubuntu-server-focal\",\"sku\":\"20_"
           "04-lts\"},"
           "\"nodeAgentSKUId\":\"batch.node.ubuntu "
           "20.04\"},\"certificateReferences\":[{\"thumbprint\":\"" +
           thumbprint +
           "\",\"thumbprintAlgorithm\":\"sha1\",\"storeLocation\":\"currentuser\",\"visibility\":["
           "\"task\"]}]}";
}

} // namespace

TEST_CASE("batch certificates: validation, states and cancel deletion") {
    auto& emu = sharedEmulator();
    REQUIRE(control(emu, "reset").status == 200);
    const auto a = makeCertificate("cert-a"), b = makeCertificate("cert-b");

    Reply added = batchRequest(emu, "POST", std::string("/certificates?") + kApi, cerBody(a));
    CHECK(added.status == 201);
    CHECK(added.header("dataserviceid").find(a.lowerThumbprint()) != std::string::npos);
    CHECK(batchRequest(emu, "POST", std::string("/certificates?") + kApi, cerBody(a)).status == 409);

    Reply got = batchRequest(emu, "GET", certPath(a.lowerThumbprint()));
    REQUIRE(got.status == 200);
    auto gd = json(got);
    CHECK(emu::getString(*gd, "state") == std::optional<std::string>("active"));
    CHECK(emu::getString(*gd, "publicData") == std::optional<std::string>(a.derBase64));
    CHECK(emu::getString(*gd, "url")->find("https://emubatch.eastus.batch.azure.com/certificates(") == 0);

    // Rejected adds change nothing.
    const std::size_t before = listCount(emu, "certificates");
    Reply wrongPassword =
        batchRequest(emu, "POST", std::string("/certificates?") + kApi, pfxBody(b, "right", "wrong"));
    CHECK(wrongPassword.status == 400);
    CHECK(wrongPassword.body.find("wrong") == std::string::npos);
    std::string mismatch = cerBody(b);
    mismatch.replace(mismatch.find(b.lowerThumbprint()), 40, a.lowerThumbprint());
    mismatch.replace(mismatch.find("\"certificateFormat\":\"cer\""), 25,
                     "\"certificateFormat\":\"cer\",\"x\":1");
    CHECK(batchRequest(emu, "POST", std::string("/certificates?") + kApi, mismatch).status == 400);
    std::string cerWithPassword = cerBody(b);
    cerWithPassword.insert(cerWithPassword.size() - 1, ",\"password\":\"p\"");
    CHECK(batchRequest(emu, "POST", std::string("/certificates?") + kApi, cerWithPassword).status == 400);
    std::string sha256 = cerBody(b);
    sha256.replace(sha256.find("\"sha1\""), 6, "\"sha256\"");
    CHECK(batchRequest(emu, "POST", std::string("/certificates?") + kApi, sha256).status == 400);
    CHECK(code(batchRequest(emu, "POST", std::string("/certificates?") + kApi, R"({"thumbprint":"ab"})")) ==
          "MissingRequiredProperty");
    CHECK(listCount(emu, "certificates") == before);

    CHECK(batchRequest(emu, "POST", std::string("/certificates?") + kApi, pfxBody(b, "right", "right"))
              .status == 201);

    // a is used by a pool: delete ends in deletefailed; cancel returns it to active.
    REQUIRE(
        batchRequest(emu, "POST", std::string("/pools?") + kApi, poolWithCert("usesA", a.lowerThumbprint()))
            .status == 201);
    CHECK(batchRequest(emu, "DELETE", certPath(a.lowerThumbprint())).status == 202);
    auto failed = json(batchRequest(emu, "GET", certPath(a.lowerThumbprint())));
    REQUIRE(failed);
    CHECK(emu::getString(*failed, "state") == std::optional<std::string>("deletefailed"));
    CHECK(emu::getString(*failed, "previousState") == std::optional<std::string>("deleting"));
    CHECK(emu::getString((*failed)["deleteCertificateError"], "code") ==
          std::optional<std::string>("PoolsReferencingCertificate"));
    CHECK(emu::getString((*failed)["deleteCertificateError"]["values"][0], "value") ==
          std::optional<std::string>("usesA"));
    CHECK(batchRequest(emu, "POST", certPath(a.lowerThumbprint(), "/canceldelete")).status == 204);
    auto active = json(batchRequest(emu, "GET", certPath(a.lowerThumbprint())));
    CHECK(emu::getString(*active, "state") == std::optional<std::string>("active"));
    CHECK(!active->HasMember("deleteCertificateError"));
    CHECK(code(batchRequest(emu, "POST", certPath(a.lowerThumbprint(), "/canceldelete"))) ==
          "CertificateStateActive");

    // b is unused: delete removes it.
    CHECK(batchRequest(emu, "DELETE", certPath(b.lowerThumbprint())).status == 202);
    Reply gone = batchRequest(emu, "GET", certPath(b.lowerThumbprint()));
    CHECK(gone.status == 404);
    CHECK(code(gone) == "CertificateNotFound");
}

TEST_CASE("batch certificates: $filter, $select, maxresults and odata.nextLink") {
    auto& emu = sharedEmulator();
    REQUIRE(control(emu, "reset").status == 200);
    const auto c1 = makeCertificate("c1"), c2 = makeCertificate("c2"), c3 = makeCertificate("c3");
    for (const kvb::test::TestCertificate* c : {&c1, &c2, &c3}) {
        REQUIRE(control(emu, "batch/accounts/emubatch/certificates", cerBody(*c)).status == 200);
    }
    Reply page1 = batchRequest(emu, "GET", std::string("/certificates?") + kApi + "&maxresults=2");
    auto p1 = json(page1);
    REQUIRE(p1);
    CHECK((*p1)["value"].Size() == 2);
    const std::string next = emu::getString(*p1, "odata.nextLink").value_or("");
    REQUIRE(next.rfind(std::string(kBatchHost) + "/certificates?", 0) == 0);
    auto p2 = json(batchRequest(emu, "GET", next.substr(std::string(kBatchHost).size())));
    REQUIRE(p2);
    CHECK((*p2)["value"].Size() == 1);
    CHECK(!p2->HasMember("odata.nextLink"));

    const std::string one = "thumbprint eq '" + c1.lowerThumbprint() + "'";
    const std::string two = one + " or thumbprint eq '" + c2.lowerThumbprint() + "'";
    auto filtered = [&](const std::string& f) {
        auto d = json(
            batchRequest(emu, "GET", std::string("/certificates?") + kApi + "&$filter=" + emu::urlEncode(f)));
        return d && d->HasMember("value") ? static_cast<int>((*d)["value"].Size()) : -1;
    };
    CHECK(filtered(one) == 1);
    CHECK(filtered(two) == 2);
    CHECK(filtered("state eq 'active' and (" + two + ")") == 2);
    CHECK(filtered("state ne 'active'") == 0);
    CHECK(filtered("startswith(thumbprint,'" + c3.lowerThumbprint().substr(0, 6) + "')") >= 1);
    CHECK(code(batchRequest(
              emu, "GET", std::string("/certificates?") + kApi + "&$filter=" + emu::urlEncode("state eq"))) ==
          "InvalidQueryParameterValue");
    CHECK(code(batchRequest(emu, "GET", std::string("/certificates?") + kApi + "&maxresults=0")) ==
          "InvalidQueryParameterValue");

    auto selected =
        json(batchRequest(emu, "GET", std::string("/certificates?") + kApi + "&$select=thumbprint,state"));
    REQUIRE(selected);
    const auto& item = (*selected)["value"][0];
    CHECK(item.MemberCount() == 2);
    CHECK(item.HasMember("thumbprint"));
    CHECK(item.HasMember("state"));
}

TEST_CASE("batch: the retired switch makes every certificate operation answer CertificateRetired") {
    auto& emu = sharedEmulator();
    REQUIRE(control(emu, "reset").status == 200);
    const auto c = makeCertificate("retired");
    REQUIRE(control(emu, "batch/accounts/emubatch/certificates", cerBody(c)).status == 200);
    REQUIRE(control(emu, "batch/accounts/emubatch/retired", R"({"enabled":true})").status == 200);
    for (const auto& [method, path, body] : std::vector<std::tuple<std::string, std::string, std::string>>{
             {"POST", std::string("/certificates?") + kApi, cerBody(c)},
             {"GET", std::string("/certificates?") + kApi, ""},
             {"GET", certPath(c.lowerThumbprint()), ""},
             {"DELETE", certPath(c.lowerThumbprint()), ""},
             {"POST", certPath(c.lowerThumbprint(), "/canceldelete"), ""}}) {
        Reply r = batchRequest(emu, method, path, body);
        CHECK(r.status == 400);
        CHECK(code(r) == "CertificateRetired");
        CHECK(r.body.find("2024-02-29") != std::string::npos);
    }
    CHECK(batchRequest(emu, "GET", std::string("/pools?") + kApi).status == 200);
    REQUIRE(control(emu, "batch/accounts/emubatch/retired", R"({"enabled":false})").status == 200);
    CHECK(batchRequest(emu, "GET", certPath(c.lowerThumbprint())).status == 200);
}

TEST_CASE("batch pools, job schedules and jobs") {
    auto& emu = sharedEmulator();
    REQUIRE(control(emu, "reset").status == 200);
    const std::string tp = "00112233445566778899aabbccddeeff00112233";
    Reply added = batchRequest(emu, "POST", std::string("/pools?") + kApi, poolWithCert("p1", tp));
    REQUIRE(added.status == 201);
    CHECK(!added.header("etag").empty());
    CHECK(batchRequest(emu, "POST", std::string("/pools?") + kApi, poolWithCert("P1", tp)).status == 409);
    CHECK(batchRequest(emu, "HEAD", "/pools/p1?" + std::string(kApi)).status == 200);
    CHECK(batchRequest(emu, "HEAD", "/pools/nope?" + std::string(kApi)).status == 404);

    CHECK(batchRequest(emu, "PATCH", "/pools/p1?" + std::string(kApi),
                       R"({"metadata":[{"name":"a","value":"b"}]})")
              .status == 200);
    auto pool = json(batchRequest(emu, "GET", "/pools/p1?" + std::string(kApi)));
    REQUIRE(pool);
    CHECK(emu::getString((*pool)["metadata"][0], "name") == std::optional<std::string>("a"));
    CHECK((*pool)["certificateReferences"].Size() == 1);
    CHECK(emu::getString(*pool, "allocationState") == std::optional<std::string>("steady"));

    // updateproperties requires its three lists and replaces them.
    CHECK(code(batchRequest(emu, "POST", "/pools/p1/updateproperties?" + std::string(kApi),
                            R"({"metadata":[]})")) == "MissingRequiredProperty");
    CHECK(batchRequest(emu, "POST", "/pools/p1/updateproperties?" + std::string(kApi),
                       R"({"certificateReferences":[],"applicationPackageReferences":[],"metadata":[]})")
              .status == 204);
    pool = json(
        batchRequest(emu, "GET", "/pools/p1?" + std::string(kApi) + "&$select=id,certificateReferences"));
    REQUIRE(pool);
    CHECK((*pool)["certificateReferences"].Size() == 0);
    CHECK(pool->MemberCount() == 2);

    // If-Match with a stale ETag.
    Reply stale =
        batchRequest(emu, "PATCH", "/pools/p1?" + std::string(kApi), R"({"metadata":[]})", {"If-Match: 0x1"});
    CHECK(stale.status == 412);

    const std::string schedule =
        R"({"id":"js1","schedule":{"recurrenceInterval":"PT1H"},"jobSpecification":{"poolInfo":{"autoPoolSpecification":)"
        R"({"poolLifetimeOption":"job","pool":{"vmSize":"standard_d2s_v3","certificateReferences":[{"thumbprint":")" +
        tp + R"(","thumbprintAlgorithm":"sha1"}]}}}}})";
    CHECK(batchRequest(emu, "POST", "/jobschedules?" + std::string(kApi), schedule).status == 201);
    auto schedules = json(batchRequest(emu, "GET", "/jobschedules?" + std::string(kApi)));
    REQUIRE(schedules);
    REQUIRE((*schedules)["value"].Size() == 1);
    CHECK(emu::getString((*schedules)["value"][0]["jobSpecification"]["poolInfo"]["autoPoolSpecification"]
                                     ["pool"]["certificateReferences"][0],
                         "thumbprint") == std::optional<std::string>(tp));
    CHECK(batchRequest(emu, "GET", "/jobschedules/js1?" + std::string(kApi)).status == 200);

    REQUIRE(
        control(
            emu, "batch/accounts/emubatch/jobs",
            R"({"id":"job1","poolInfo":{"autoPoolSpecification":{"poolLifetimeOption":"job","pool":{"vmSize":"a1","certificateReferences":[{"thumbprint":")" +
                tp + R"(","thumbprintAlgorithm":"sha1"}]}}}})")
            .status == 200);
    auto job = json(batchRequest(emu, "GET", "/jobs/job1?" + std::string(kApi)));
    REQUIRE(job);
    CHECK(emu::getString(*job, "state") == std::optional<std::string>("active"));
    CHECK(listCount(emu, "jobs") == 1);

    CHECK(batchRequest(emu, "DELETE", "/pools/p1?" + std::string(kApi)).status == 202);
    CHECK(code(batchRequest(emu, "GET", "/pools/p1?" + std::string(kApi))) == "PoolNotFound");
}

TEST_CASE("batch: api-version, request ids and a second account") {
    auto& emu = sharedEmulator();
    REQUIRE(control(emu, "reset").status == 200);
    Reply missing = batchRequest(emu, "GET", "/pools");
    CHECK(missing.status == 400);
    CHECK(code(missing) == "MissingRequiredQueryParameter");
    Reply old = batchRequest(emu, "GET", "/pools?api-version=2023-05-01.17.0");
    CHECK(old.status == 400);
    CHECK(code(old) == "InvalidQueryParameterValue");
    auto body = json(old);
    REQUIRE(body);
    CHECK(emu::getString((*body)["message"], "lang") == std::optional<std::string>("en-US"));
    CHECK(body->HasMember("odata.metadata"));

    Reply echoed = batchRequest(
        emu, "GET", std::string("/pools?") + kApi, "",
        {"client-request-id: 12345678-0000-0000-0000-000000000000", "return-client-request-id: true"});
    CHECK(echoed.header("client-request-id") == "12345678-0000-0000-0000-000000000000");
    CHECK(!echoed.header("request-id").empty());
    Reply quiet = batchRequest(emu, "GET", std::string("/pools?") + kApi, "", {"client-request-id: abc"});
    CHECK(quiet.header("client-request-id").empty());

    REQUIRE(
        control(emu, "batch/accounts", R"({"name":"second","region":"westeurope","key":"c2Vjb25kLWtleQ=="})")
            .status == 200);
    CHECK(batchRequest(emu, "GET", std::string("/pools?") + kApi, "", {}, "second",
                       "c2Vjb25kLWtleQ==", "https://second.batch.localhost")
              .status == 200);
    CHECK(batchRequest(emu, "GET", std::string("/pools?") + kApi, "", {}, "emubatch", kBatchKey,
                       "https://second.batch.localhost")
              .status == 403);
}

TEST_CASE("batch certificates: a legacy RC2/3DES PFX is accepted as the first request of a fresh emulator") {
    // Files as older tools write them, made by the openssl program: RC2-40 certificate bag with
    // a 3DES key (-legacy), all-3DES with a SHA-1 MAC, and RC2-40 throughout.
    const kvb::test::TempDir tmp;
    const std::string dir = tmp.path().string();
    const auto files = kvb::test::makeSelfSigned(tmp.path(), "legacy-pfx", "rsa:2048", "unused");
    const std::string thumbprint = emu::toHex(emu::sha1(kvb::test::readText(files.certDer)));
    const std::string exportPfx = "pkcs12 -export -inkey " + files.keyPkcs8.string() + " -in " +
                                  files.certPem.string() + " -passout pass:old-tools ";
    const std::vector<std::pair<std::string, std::string>> forms = {
        {"legacy", "-legacy"},
        {"3des", "-certpbe PBE-SHA1-3DES -keypbe PBE-SHA1-3DES -macalg sha1"},
        {"rc2-40", "-legacy -certpbe PBE-SHA1-RC2-40 -keypbe PBE-SHA1-RC2-40 -macalg sha1"},
    };
    for (const auto& [name, options] : forms) {
        CAPTURE(name);
        const std::string pfx = dir + "/" + name + ".pfx";
        kvb::test::openssl(exportPfx + options + " -out " + pfx);
        EmulatorProcess fresh; // nothing has loaded any OpenSSL provider in it yet
        const std::string body = "{\"thumbprint\":\"" + thumbprint +
                                 "\",\"thumbprintAlgorithm\":\"sha1\",\"data\":\"" +
                                 emu::base64Encode(kvb::test::readText(pfx)) +
                                 "\",\"certificateFormat\":\"pfx\",\"password\":\"old-tools\"}";
        const Reply added = batchRequest(fresh, "POST", std::string("/certificates?") + kApi, body);
        INFO(added.body);
        CHECK(added.status == 201);
        const Reply got = batchRequest(fresh, "GET", certPath(thumbprint));
        CHECK(got.status == 200);
    }
}
