// SPDX-License-Identifier: MIT
// List a Batch account's certificates and, for each, the pools and auto-pool job schedules that
// reference it: the inventory to take before moving certificates to Key Vault.
//
// Configuration (environment):
//   KVB_BATCH_URL      https://<account>.<region>.batch.azure.com
//   KVB_BATCH_ACCOUNT  account name
//   KVB_BATCH_KEY      account key (Shared Key)
//   KVB_CA_FILE        optional PEM bundle to trust (e.g. a local emulator's CA)

#include <kvbridge/batch/batch_client.hpp>
#include <kvbridge/error.hpp>

#include <cctype>
#include <cstdlib>
#include <iostream>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace {

std::string env(const char* name, bool required = true) {
    const char* value = std::getenv(name);
    if ((value == nullptr || *value == '\0') && required)
        throw kvb::InvalidArgument(std::string(name) + " is not set");
    return value != nullptr ? value : "";
}

std::string lower(std::string text) {
    for (auto& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return text;
}

} // namespace

int main() try {
    kvb::batch::BatchClientOptions options;
    options.client.transportOptions.caFile = env("KVB_CA_FILE", false);
    auto key = std::make_shared<const kvb::identity::SharedKeyCredential>(
        env("KVB_BATCH_ACCOUNT"), kvb::SecretString(env("KVB_BATCH_KEY")));
    const kvb::batch::BatchClient client(env("KVB_BATCH_URL"), key, options);

    // Who references what: thumbprint -> "pool <id>" / "job schedule <id> (auto pool)".
    std::map<std::string, std::vector<std::string>> users;
    for (const auto& pool : client.listPools(
             {.filter = {}, .select = "id,certificateReferences", .expand = {}, .maxResults = {}}))
        for (const auto& ref : pool.certificateReferences)
            users[lower(ref.thumbprint)].push_back("pool " + pool.id);
    for (const auto& schedule : client.listJobSchedules()) {
        if (!schedule.poolInfo || !schedule.poolInfo->autoPoolSpecification ||
            !schedule.poolInfo->autoPoolSpecification->pool)
            continue;
        for (const auto& ref : schedule.poolInfo->autoPoolSpecification->pool->certificateReferences)
            users[lower(ref.thumbprint)].push_back("job schedule " + schedule.id + " (auto pool)");
    }

    int count = 0;
    for (const auto& cert :
         client.listCertificates({.filter = {}, .select = {}, .expand = {}, .maxResults = 100})) {
        ++count;
        std::cout << cert.thumbprintAlgorithm << ":" << cert.thumbprint << "  "
                  << (cert.state ? kvb::batch::toString(*cert.state) : "?") << "\n";
        const auto it = users.find(lower(cert.thumbprint));
        if (it == users.end()) {
            std::cout << "    not referenced\n";
            continue;
        }
        for (const auto& user : it->second) std::cout << "    used by " << user << "\n";
    }
    std::cout << count << " certificate(s)\n";
    return 0;
} catch (const kvb::CertificateRetiredError& e) {
    std::cerr << "the certificate API is retired for this account: " << e.serviceMessage() << "\n";
    return 2;
} catch (const kvb::Error& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 1;
}
