// SPDX-License-Identifier: MIT
#include "e2e_support.hpp"

#include <arpa/inet.h>
#include <cstdlib>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include "core/json.hpp"
#include "credentials.hpp"

namespace kvb::test {

namespace {
const char* const kVariables[] = {"AZURE_TENANT_ID",
                                  "AZURE_CLIENT_ID",
                                  "AZURE_CLIENT_SECRET",
                                  "AZURE_CLIENT_CERTIFICATE_PATH",
                                  "AZURE_CLIENT_CERTIFICATE_PASSWORD",
                                  "AZURE_FEDERATED_TOKEN_FILE",
                                  "AZURE_AUTHORITY_HOST",
                                  "IDENTITY_ENDPOINT",
                                  "IDENTITY_HEADER",
                                  "KVB_IMDS_ENDPOINT"};

// A loopback port that was free a moment ago: bound, read, closed.
int closedPort() {
    const int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    socklen_t len = sizeof addr;
    getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
    close(fd);
    return ntohs(addr.sin_port);
}
} // namespace

Emulator& freshEmulator() {
    auto& emu = Emulator::shared();
    emu.control("POST", "reset");
    return emu;
}

identity::TokenRequestContext vaultScope() {
    return {{"https://vault.localhost/.default"}, {}};
}

void registerCertificateClient(const std::string& clientId, const std::string& pem) {
    kvb::detail::JsonWriter body;
    body.startObject().member("clientId", clientId).member("certificatePem", pem).endObject();
    Emulator::shared().control("POST", "entra/clients", body.view());
}

identity::ManagedIdentityCredentialOptions imdsOptions() {
    identity::ManagedIdentityCredentialOptions o;
    o.imdsEndpoint = Emulator::shared().baseUrl() + "/metadata/identity/oauth2/token";
    o.client = emulatorClientOptions();
    return o;
}

identity::ManagedIdentityCredentialOptions closedImdsOptions() {
    identity::ManagedIdentityCredentialOptions o = imdsOptions();
    o.imdsEndpoint = "http://127.0.0.1:" + std::to_string(closedPort()) + "/metadata/identity/oauth2/token";
    return o;
}

SecretBytes secretBytes(const std::string& text) {
    return SecretBytes(std::vector<std::uint8_t>(text.begin(), text.end()));
}

ScopedEnv::ScopedEnv(const std::vector<std::pair<std::string, std::string>>& values) {
    for (const char* name : kVariables) {
        const char* v = std::getenv(name);
        saved_[name] = v ? std::optional<std::string>(v) : std::nullopt;
        unsetenv(name);
    }
    for (const auto& [name, value] : values) setenv(name.c_str(), value.c_str(), 1);
}

ScopedEnv::~ScopedEnv() {
    for (const auto& [name, value] : saved_) {
        if (value)
            setenv(name.c_str(), value->c_str(), 1);
        else
            unsetenv(name.c_str());
    }
}

} // namespace kvb::test
