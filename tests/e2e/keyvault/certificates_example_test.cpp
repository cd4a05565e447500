// SPDX-License-Identifier: MIT
// Runs examples/certificates_quickstart against the emulator as a user would: vault URL on the
// command line, credentials and CA in the environment.
#include <doctest/doctest.h>

#include <sys/wait.h>

#include <cstdlib>
#include <string>

#include "emulator.hpp"

TEST_SUITE("examples") {
    TEST_CASE("certificates_quickstart runs to success against the emulator") {
        const char* path = std::getenv("KVB_EXAMPLE_CERTIFICATES_QUICKSTART");
        REQUIRE_MESSAGE(path != nullptr, "KVB_EXAMPLE_CERTIFICATES_QUICKSTART is not set");
        auto& emu = kvb::test::Emulator::shared();
        setenv("AZURE_TENANT_ID", kvb::test::Emulator::kTenant, 1);
        setenv("AZURE_CLIENT_ID", kvb::test::Emulator::kClientId, 1);
        setenv("AZURE_CLIENT_SECRET", kvb::test::Emulator::kClientSecret, 1);
        setenv("AZURE_AUTHORITY_HOST", emu.authorityHost().c_str(), 1);
        setenv("KVB_CA_FILE", emu.caFile().c_str(), 1);
        const std::string command = std::string(path) + " " + emu.vaultUrl("excertificates");
        const int status = std::system(command.c_str());
        CHECK(WIFEXITED(status));
        CHECK(WEXITSTATUS(status) == 0);
    }
}
