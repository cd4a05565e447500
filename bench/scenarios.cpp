// SPDX-License-Identifier: MIT
#include "scenarios.hpp"

#include <kvbridge/batch/batch_client.hpp>
#include <kvbridge/identity/shared_key_credential.hpp>
#include <kvbridge/keyvault/certificate_client.hpp>
#include <kvbridge/keyvault/secret_client.hpp>
#include <kvbridge/migrate/batch_client_source.hpp>
#include <kvbridge/migrate/keyvault_store.hpp>
#include <kvbridge/migrate/migrator.hpp>

#include <algorithm>
#include <fstream>
#include <stdexcept>
#include <unistd.h>

#include "measure.hpp"
#include "openssl_certificates.hpp"

namespace kvb::bench {

namespace {

// The emulator's documented Batch account key (tests/emulator/README.md); not a real credential.
constexpr const char* kBatchKey = "ZW11bGF0b3Itc2hhcmVkLWtleS1mb3Ita3ZicmlkZ2UtdGVzdHMtb25seSE=";
constexpr int kWindowSeconds = 10;
constexpr int kCertificatesPerPool = 10;

/** Resident set size now (not the peak), in KiB. */
long currentRssKiB() {
    std::ifstream statm("/proc/self/statm");
    long pages = 0, resident = 0;
    statm >> pages >> resident;
    return resident * (sysconf(_SC_PAGESIZE) / 1024);
}

std::string certificateJson(const test::TestCertificate& c) {
    return R"({"thumbprint":")" + c.thumbprint + R"(","thumbprintAlgorithm":"sha1","data":")" + c.derBase64 +
           R"(","certificateFormat":"cer"})";
}

std::string poolJson(int index, const std::vector<test::TestCertificate>& certs) {
    std::string refs;
    const std::size_t first = static_cast<std::size_t>(index) * kCertificatesPerPool;
    for (std::size_t i = first; i < std::min(certs.size(), first + kCertificatesPerPool); ++i) {
        if (!refs.empty()) refs += ',';
        refs += R"({"thumbprint":")" + certs[i].thumbprint +
                R"(","thumbprintAlgorithm":"sha1","storeLocation":"currentuser","storeName":"My"})";
    }
    return R"({"id":"pool-)" + std::to_string(index) +
           R"(","vmSize":"standard_d2s_v3","certificateReferences":[)" + refs + "]}";
}

} // namespace

std::string Target::vaultUrl(const std::string& vault) const {
    return "https://" + vault + ".vault.localhost:" + std::to_string(port);
}

PagerRun listThroughPager(const Target& target, long items) {
    const std::string vault = "pager" + std::to_string(items);
    target.control.post("keyvault/vaults/" + vault + "/secrets",
                        R"({"count":)" + std::to_string(items) + R"(,"prefix":"s-","value":"pager-value"})");
    keyvault::SecretClientOptions options;
    options.client = target.client;
    const keyvault::SecretClient client(target.vaultUrl(vault), target.credential, options);
    keyvault::KeyVaultListOptions list;
    list.maxResults = 25;

    PagerRun run;
    run.items = items;
    run.rssBeforeKiB = currentRssKiB();
    run.rssPeakKiB = run.rssBeforeKiB;
    long seen = 0;
    run.sample = measure(items, [&] {
        auto pager = client.listPropertiesOfSecrets(list);
        for (; pager.hasPage(); pager.moveToNextPage()) {
            seen += static_cast<long>(pager.page().items.size());
            ++run.pages;
            run.rssPeakKiB = std::max(run.rssPeakKiB, currentRssKiB());
        }
    });
    if (seen != items)
        throw std::runtime_error("pager listed " + std::to_string(seen) + " of " + std::to_string(items));
    return run;
}

MigrationRun migrateAtScale(const Target& target, int certificates, int pools, int throttleWrites) {
    const std::string name = throttleWrites > 0 ? "scalethrottled" : "scalefree";
    const std::string account = name;
    const std::string vault = name + "kv";
    target.control.post("batch/accounts",
                        R"({"name":")" + account + R"(","region":"eastus","key":")" + kBatchKey + R"("})");
    test::TempDir dir;
    std::vector<test::TestCertificate> certs;
    certs.reserve(static_cast<std::size_t>(certificates));
    for (int i = 0; i < certificates; ++i) {
        certs.push_back(test::makeTestCertificate(name + "-" + std::to_string(i)));
        certs.back().writePem(dir / ("c" + std::to_string(i) + ".pem"));
        target.control.post("batch/accounts/" + account + "/certificates", certificateJson(certs.back()));
    }
    for (int p = 0; p < pools; ++p)
        target.control.post("batch/accounts/" + account + "/pools", poolJson(p, certs));
    if (throttleWrites > 0)
        target.control.post("throttle", R"({"vault":")" + vault + R"(","writes":)" +
                                            std::to_string(throttleWrites) + R"(,"windowSeconds":)" +
                                            std::to_string(kWindowSeconds) + "}");

    batch::BatchClientOptions batchOptions;
    batchOptions.client = target.client;
    auto batchSource = std::make_shared<migrate::BatchClientSource>(batch::BatchClient(
        "https://" + account + ".batch.localhost:" + std::to_string(target.port),
        std::make_shared<identity::SharedKeyCredential>(account, SecretString(kBatchKey)), batchOptions));
    keyvault::KeyVaultClientOptions kvOptions;
    kvOptions.client = target.client;
    auto store =
        std::make_shared<migrate::KeyVaultStore>(target.vaultUrl(vault), target.credential, kvOptions);
    migrate::MigrationOptions options; // default concurrency and write budget
    options.vaultUrl = target.vaultUrl(vault);
    options.keyMaterial = {dir.path()};

    MigrationRun run;
    run.certificates = certificates;
    run.pools = pools;
    run.throttleWrites = throttleWrites;
    run.windowSeconds = kWindowSeconds;
    run.writeBudget = options.writeBudget;
    run.budgetWindowMs = options.writeWindow.count();
    const long throttledBefore = target.control.counter("throttled");
    const auto report = [&] {
        migrate::MigrationReport r;
        run.sample = measure(certificates, [&] { r = migrate::Migrator(batchSource, store, options).run(); });
        return r;
    }();
    run.throttled = target.control.counter("throttled") - throttledBefore;
    if (throttleWrites > 0)
        target.control.post("throttle", R"({"vault":")" + vault + R"(","writes":0,"windowSeconds":0})");
    run.succeeded = static_cast<long>(report.count(migrate::StepResult::Succeeded));
    run.failed = static_cast<long>(report.count(migrate::StepResult::Failed));
    return run;
}

} // namespace kvb::bench
