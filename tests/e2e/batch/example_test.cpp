// SPDX-License-Identifier: MIT
// Runs examples/batch_certificates against the emulator and checks what it prints.

#include <kvbridge/batch/batch_client.hpp>

#include <doctest/doctest.h>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <sys/wait.h>

#include "credentials.hpp"
#include "emulator.hpp"
#include "openssl_certificates.hpp"

TEST_CASE("examples: batch_certificates lists each certificate with the pools that use it") {
    const char* example = std::getenv("KVB_EXAMPLE_BATCH_CERTIFICATES");
    REQUIRE(example != nullptr);
    auto& emulator = kvb::test::Emulator::shared();

    kvb::batch::BatchClientOptions options;
    options.client = kvb::test::emulatorClientOptions();
    const kvb::batch::BatchClient client(emulator.batchUrl(), kvb::test::emulatorSharedKey(), options);
    const auto used = kvb::test::makeTestCertificate("example-used");
    const auto unused = kvb::test::makeTestCertificate("example-unused");
    for (const auto* cert : {&used, &unused}) {
        kvb::batch::AddCertificateOptions add;
        add.data = kvb::SecretBytes(cert->pfx("pfx-pass"));
        add.password = kvb::SecretString("pfx-pass");
        client.addCertificate(add);
    }
    client.addPool(
        R"({"id":"example-pool","vmSize":"standard_d2s_v3","certificateReferences":[{"thumbprint":")" +
        used.lowerThumbprint() + R"(","thumbprintAlgorithm":"sha1"}]})");

    setenv("KVB_BATCH_URL", emulator.batchUrl().c_str(), 1);
    setenv("KVB_BATCH_ACCOUNT", kvb::test::Emulator::kBatchAccount, 1);
    setenv("KVB_BATCH_KEY", kvb::test::Emulator::kBatchKey, 1);
    setenv("KVB_CA_FILE", emulator.caFile().c_str(), 1);
    FILE* pipe = popen((std::string("'") + example + "'").c_str(), "r");
    REQUIRE(pipe != nullptr);
    std::string output;
    char buffer[4096];
    while (std::size_t n = std::fread(buffer, 1, sizeof buffer, pipe)) output.append(buffer, n);
    const int status = pclose(pipe);
    INFO(output);
    REQUIRE(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);
    const auto usedAt =
        output.find("sha1:" + used.lowerThumbprint() + "  active\n    used by pool example-pool\n");
    CHECK(usedAt != std::string::npos);
    CHECK(output.find("sha1:" + unused.lowerThumbprint() + "  active\n    not referenced\n") !=
          std::string::npos);
    CHECK(output.find("2 certificate(s)") != std::string::npos);
}
