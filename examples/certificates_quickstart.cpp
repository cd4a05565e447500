// SPDX-License-Identifier: MIT
// Certificates quick start: create a self-signed certificate, wait for it, download it with its
// private key, import that PFX as a second certificate, and check both carry the same thumbprint.
//   certificates_quickstart <vault-url>
// Environment: AZURE_TENANT_ID, AZURE_CLIENT_ID, AZURE_CLIENT_SECRET, optional
// AZURE_AUTHORITY_HOST and KVB_CA_FILE (a CA bundle to trust, e.g. the emulator's).

#include <kvbridge/error.hpp>
#include <kvbridge/identity/client_secret_credential.hpp>
#include <kvbridge/keyvault/certificate_client.hpp>

#include <chrono>
#include <cstdlib>
#include <iostream>
#include <string>

using namespace kvb;
using namespace kvb::keyvault;

namespace {

std::string env(const char* name) {
    const char* v = std::getenv(name);
    return v != nullptr ? v : "";
}

} // namespace

int main(int argc, char** argv) try {
    if (argc < 2) {
        std::cerr << "usage: certificates_quickstart <vault-url>\n";
        return 2;
    }
    http::ClientOptions transport;
    transport.transportOptions.caFile = env("KVB_CA_FILE");
    identity::CredentialOptions credentialOptions;
    credentialOptions.client = transport;
    if (!env("AZURE_AUTHORITY_HOST").empty()) credentialOptions.authorityHost = env("AZURE_AUTHORITY_HOST");
    auto credential = std::make_shared<const identity::ClientSecretCredential>(
        env("AZURE_TENANT_ID"), env("AZURE_CLIENT_ID"), SecretString(env("AZURE_CLIENT_SECRET")),
        credentialOptions);
    CertificateClient client(argv[1], credential, {.client = transport});

    // 1. Create: Key Vault makes the key and signs the certificate; poll the pending operation at
    // the service's pace (its Retry-After, else once a second) for at most two minutes.
    auto creation =
        client.startCreateCertificate("quickstart-web", CertificatePolicy::selfSigned("CN=web.example"));
    const auto& operation = creation.pollUntilDone({.timeout = std::chrono::minutes(2)});
    if (!operation.isCompleted()) {
        std::cerr << "creation ended as " << operation.status << "\n";
        return 1;
    }
    const auto created = client.getCertificate("quickstart-web");
    std::cout << "created " << created->name() << " x5t " << created->properties.x5t << "\n";

    // 2. Download: the PFX with its private key, read from the linked secret and verified.
    const auto download = client.downloadCertificate("quickstart-web");
    std::cout << "downloaded " << download->content.size() << " bytes of " << download->contentType << "\n";

    // 3. Import that PFX under another name (as a migration would import a Batch certificate).
    const auto imported =
        client.importCertificate("quickstart-imported", ImportCertificateOptions::fromPfx(download->content));
    std::cout << "imported " << imported->name() << " x5t " << imported->properties.x5t << "\n";

    const bool same = imported->properties.x5t == created->properties.x5t;
    std::cout << (same ? "thumbprints match\n" : "thumbprints DIFFER\n");
    return same ? 0 : 1;
} catch (const ServiceError& e) {
    std::cerr << "service error " << e.httpStatus() << " " << e.serviceCode() << " (request " << e.requestId()
              << "): " << e.serviceMessage() << "\n";
    return 1;
} catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 1;
}
