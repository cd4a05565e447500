// SPDX-License-Identifier: MIT
#include "e2e_support.hpp"

#include <arpa/inet.h>
#include <cstdio>
#include <cstdlib>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdexcept>
#include <sys/socket.h>
#include <sys/stat.h>
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

namespace {

void check(bool ok, const char* what) {
    if (!ok) throw std::runtime_error(std::string("temporary file: ") + what);
}

} // namespace

TempFile::TempFile(std::string_view content) {
    char path[] = "/tmp/kvb-identity-XXXXXX";
    const int fd = mkstemp(path);
    check(fd >= 0, "mkstemp");
    close(fd);
    path_ = path;
    rewrite(content);
}

TempFile::TempFile(const std::vector<std::uint8_t>& bytes)
    : TempFile(std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size())) {}

TempFile::~TempFile() {
    std::remove(path_.c_str());
}

void TempFile::rewrite(std::string_view content) const {
    std::FILE* f = std::fopen(path_.c_str(), "wb");
    check(f != nullptr, "open");
    check(std::fwrite(content.data(), 1, content.size(), f) == content.size(), "write");
    std::fclose(f);
    // Move the modification time on by a second, so the change shows even within a clock tick.
    struct stat st {};
    check(stat(path_.c_str(), &st) == 0, "stat");
    const timespec times[2] = {{0, UTIME_OMIT}, {st.st_mtim.tv_sec + 1, st.st_mtim.tv_nsec}};
    utimensat(AT_FDCWD, path_.c_str(), times, 0);
}

} // namespace kvb::test
