// SPDX-License-Identifier: MIT
// Every Batch example (Certificate*, Pool*) in specs/batch/2024-07-01.20.0 through the emulator.
//
// Seeding rules, applied to whatever an example needs:
// - a certificate thumbprint (path parameter or body) is replaced by one of a certificate made
//   here (the example data is a placeholder); CertificateAdd uploads a real PFX protected by the
//   example's own password;
// - an expected certificate in state deletefailed is produced by the real transition: a pool
//   named by its deleteCertificateError references it, then it is deleted (CancelDeletion
//   starts from such a certificate too);
// - expected pools (Get/List bodies, usage metric entries) are seeded through the control plane;
//   any other {poolId} gets a minimal pool (with autoscale on when the operation evaluates it).

#include "batch_client.hpp"
#include "example_runner.hpp"

#include "../crypto_util.hpp"

#include <doctest/doctest.h>

using namespace emutest;

namespace {

std::string certDeleteBlocker(const emu::JsonValue& cert) {
    auto err = cert.FindMember("deleteCertificateError");
    if (err != cert.MemberEnd() && err->value.HasMember("values") && err->value["values"].IsArray() &&
        !err->value["values"].Empty()) {
        return emu::getString(err->value["values"][0], "value").value_or("mypool1");
    }
    return "mypool1";
}

// Each seeding step is a check of its own; a failed one also ends the example's seeding.
void require(const Reply& r, long status, const std::string& what) {
    const std::string why = what + " answered " + std::to_string(r.status) + ": " + r.body;
    CHECK_MESSAGE(r.status == status, why);
    if (r.status != status) throw std::runtime_error(why);
}

// Seeds one certificate shaped like `expected` and returns its thumbprint.
std::string seedCertificate(const EmulatorProcess& emu, const emu::JsonValue* expected,
                            const kvb::test::TestCertificate& cert, bool deleteFailed = false) {
    const std::string tp = cert.lowerThumbprint();
    require(control(emu, "batch/accounts/emubatch/certificates",
                    "{\"thumbprint\":\"" + tp +
                        "\",\"thumbprintAlgorithm\":\"sha1\",\"certificateFormat\":\"cer\",\"data\":\"" +
                        cert.derBase64 + "\"}"),
            200, "seeding a certificate");
    if (deleteFailed || (expected && emu::getString(*expected, "state").value_or("") == "deletefailed")) {
        require(control(emu, "batch/accounts/emubatch/pools",
                        "{\"id\":\"" + (expected ? certDeleteBlocker(*expected) : std::string("mypool1")) +
                            "\",\"vmSize\":\"standard_a1\",\"certificateReferences\":"
                            "[{\"thumbprint\":\"" +
                            tp + "\",\"thumbprintAlgorithm\":\"sha1\"}]}"),
                200, "seeding the referencing pool");
        require(batchRequest(emu, "DELETE",
                             "/certificates(thumbprintAlgorithm=sha1,thumbprint=" + tp + ")?" + kApi),
                202, "deleting the seeded certificate");
    }
    return tp;
}

void seedPool(const EmulatorProcess& emu, const emu::JsonValue& pool) {
    require(control(emu, "batch/accounts/emubatch/pools", emu::toJson(pool)), 200, "seeding a pool");
}

std::string prepareBatch(ExampleCase& c, const EmulatorProcess& emu, const kvb::test::TestCertificate& cert) {
    emu::JsonValue& params = c.parameters();
    auto& alloc = c.example->GetAllocator();
    const emu::JsonValue* body = c.expectedBody();
    if (params.HasMember("certificate")) {
        emu::JsonValue& add = params["certificate"];
        const std::string password = emu::getString(add, "password").value_or("");
        emu::setString(add, "thumbprint", cert.lowerThumbprint(), alloc);
        emu::setString(add, "data", emu::base64Encode(bytesText(cert.pfx(password))), alloc);
    }
    if (params.HasMember("thumbprint")) {
        // Cancelling a deletion needs a certificate whose deletion failed.
        const bool cancel = c.operationId == "Certificate_CancelDeletion";
        emu::setString(params, "thumbprint", seedCertificate(emu, body, cert, cancel), alloc);
    }
    if (body && body->IsObject() && body->HasMember("value") && (*body)["value"].IsArray()) {
        for (const auto& item : (*body)["value"].GetArray()) {
            if (item.HasMember("thumbprint")) {
                seedCertificate(emu, &item, cert);
            } else if (item.HasMember("id")) {
                seedPool(emu, item);
            } else if (auto poolId = emu::getString(item, "poolId")) {
                seedPool(emu, *emu::parseJson("{\"id\":" + emu::jsonQuote(*poolId) + ",\"vmSize\":" +
                                              emu::jsonQuote(emu::getString(item, "vmSize").value_or("a1")) +
                                              "}"));
            }
        }
    }
    if (auto poolId = emu::getString(params, "poolId")) {
        if (body && body->IsObject() && body->HasMember("id")) {
            auto pool = emu::cloneJson(*body);
            emu::setString(*pool, "id", *poolId, pool->GetAllocator());
            seedPool(emu, *pool);
        } else {
            const bool autoScale = c.operationId == "Pool_EvaluateAutoScale";
            seedPool(emu, *emu::parseJson("{\"id\":" + emu::jsonQuote(*poolId) +
                                          ",\"vmSize\":\"standard_a1\",\"enableAutoScale\":" +
                                          (autoScale ? "true" : "false") + "}"));
        }
    }
    return "";
}

} // namespace

TEST_CASE("batch examples: every Certificate* and Pool* example of 2024-07-01.20.0") {
    auto& emu = sharedEmulator();
    auto cases = loadExamples({(kvb::test::specsDir() / "batch/2024-07-01.20.0/BatchService.json").string()});
    std::erase_if(cases, [](const ExampleCase& c) {
        const std::string name = c.file.substr(c.file.rfind('/') + 1);
        return name.rfind("Certificate", 0) != 0 && name.rfind("Pool", 0) != 0;
    });
    REQUIRE(cases.size() == 34);
    const auto cert = makeCertificate("batch-example");
    ExampleAdapter adapter;
    adapter.skipParams = {"ocp-date", "batchUrl"};
    adapter.prepare = [&](ExampleCase& c) { return prepareBatch(c, emu, cert); };
    adapter.send = [&](const ExampleRequest& r) {
        return batchRequest(emu, r.method, r.pathAndQuery, r.body, r.headers);
    };
    const int passed = checkOutcomes(runExamples(cases, emu, adapter));
    MESSAGE(passed << " of " << cases.size() << " Batch examples pass");
    CHECK(passed == static_cast<int>(cases.size()));
}
