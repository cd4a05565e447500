// SPDX-License-Identifier: MIT
#pragma once

// Test side of the emulator's own tests: requests with plain libcurl over verified HTTPS (CA from
// the launcher's --ca-out) to an emulator started by kvb::test::EmulatorProcess. Nothing of the
// library is used, so these tests check the emulator and never the client code under test.

#include "emulator_process.hpp"
#include "openssl_certificates.hpp"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace emutest {

using kvb::test::EmulatorProcess;

struct Reply {
    long status = 0;
    int curlCode = 0;                           // CURLcode; 0 when a response arrived
    std::map<std::string, std::string> headers; // names lower-cased
    std::string body;
    std::string header(const std::string& lowerName) const {
        auto it = headers.find(lowerName);
        return it == headers.end() ? std::string() : it->second;
    }
};

// url: "https://host/path?query"; the connection always goes to 127.0.0.1:<emu's port>.
Reply request(const EmulatorProcess& emu, const std::string& method, const std::string& url,
              const std::vector<std::string>& headers = {}, const std::string& body = "",
              long timeoutMs = 10000);
// POST a JSON body to https://127.0.0.1:port/_emulator/<what>.
Reply control(const EmulatorProcess& emu, const std::string& what, const std::string& json = "{}");
Reply controlGet(const EmulatorProcess& emu, const std::string& what);
// Access token from the default client for a scope, e.g. "https://vault.azure.net/.default".
std::string token(const EmulatorProcess& emu, const std::string& scope);

// One emulator shared by a test program; tests call control(emu, "reset") first.
EmulatorProcess& sharedEmulator();

// A certificate as these tests register and upload it: RSA (RS256 client assertions; Key Vault's
// default key type) with a TLS client certificate's usages, so policies derived from it are full.
kvb::test::TestCertificate makeCertificate(const std::string& commonName);

// Bytes as the text the emulator's helpers (base64, digests) take.
std::string bytesText(const std::vector<std::uint8_t>& bytes);

} // namespace emutest
