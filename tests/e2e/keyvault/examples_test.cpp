// SPDX-License-Identifier: MIT
// Runs the Key Vault examples (examples/secrets_quickstart, keys_crypto, certificates_quickstart)
// against the emulator, as a user would: vault URL on the command line, credentials and CA in the
// environment.
#include <doctest/doctest.h>

#include <sys/wait.h>

#include <cstdlib>
#include <string>

#include "emulator.hpp"

namespace {

int runExample(const char* pathVariable, const std::string& vaultName) {
    const char* path = std::getenv(pathVariable);
    REQUIRE_MESSAGE(path != nullptr, pathVariable << " is not set");
    auto& emu = kvb::test::Emulator::shared();
    setenv("AZURE_TENANT_ID", kvb::test::Emulator::kTenant, 1);
    setenv("AZURE_CLIENT_ID", kvb::test::Emulator::kClientId, 1);
    setenv("AZURE_CLIENT_SECRET", kvb::test::Emulator::kClientSecret, 1);
    setenv("AZURE_AUTHORITY_HOST", emu.authorityHost().c_str(), 1);
    setenv("KVB_CA_FILE", emu.caFile().c_str(), 1);
    const std::string command = std::string(path) + " " + emu.vaultUrl(vaultName);
    const int status = std::system(command.c_str());
    CHECK(WIFEXITED(status));
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

} // namespace

TEST_SUITE("examples") {
    TEST_CASE("secrets_quickstart runs to success against the emulator") {
        CHECK(runExample("KVB_EXAMPLE_SECRETS_QUICKSTART", "exquickstart") == 0);
    }
    TEST_CASE("keys_crypto runs to success against the emulator") {
        CHECK(runExample("KVB_EXAMPLE_KEYS_CRYPTO", "excrypto") == 0);
    }
    TEST_CASE("certificates_quickstart runs to success against the emulator") {
        CHECK(runExample("KVB_EXAMPLE_CERTIFICATES_QUICKSTART", "excertificates") == 0);
    }
}
