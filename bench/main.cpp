// SPDX-License-Identifier: MIT
// kvbridge-bench: the client-side cost of SecretClient next to a minimal libcurl loop, both against
// a local emulator over verified TLS. Usage:
//   kvbridge-bench [--emulator PATH] [--calls N] [--out report.md] [--pager N,M,...]
//                  [--migration CERTS,POOLS] [--only client|libcurl [--op get|set|list]]
// --only runs just N warm calls of one operation on one side and writes nothing (for callgrind).
#include <kvbridge/identity/client_secret_credential.hpp>
#include <kvbridge/keyvault/secret_client.hpp>
#include <kvbridge/secret_string.hpp>

#include <curl/curl.h>

#include <cstdlib>
#include <functional>
#include <map>
#include <mutex>
#include <sstream>
#include <iostream>
#include <sched.h>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "bench_report.hpp"
#include "curl_floor.hpp"
#include "emulator_control.hpp"
#include "emulator_process.hpp"
#include "measure.hpp"
#include "scenarios.hpp"

using namespace kvb;
using namespace kvb::bench;
using kvb::test::EmulatorProcess;

namespace {

// The emulator's documented defaults (tests/emulator/README.md); not real credentials.
constexpr const char* kTenant = "11111111-2222-3333-4444-555555555555";
constexpr const char* kClientId = "aaaaaaaa-bbbb-cccc-dddd-000000000001";
constexpr const char* kClientSecret = "emulator-client-secret";
constexpr const char* kSecretName = "bench-secret";
constexpr const char* kSecretValue = "bench-value-0123456789abcdef";
constexpr long kWarmup = 20;
constexpr int kListSecrets = 25; // one full page

struct Args {
    std::string emulator;
    long calls = 2000;
    std::string out = "bench/report.md";
    std::string only;
    std::string op = "get";
    std::vector<long> pagerItems;
    int migrationCertificates = 0;
    int migrationPools = 0;
};

std::vector<long> numberList(const std::string& text) {
    std::vector<long> out;
    std::stringstream in(text);
    for (std::string item; std::getline(in, item, ',');) {
        const long n = std::stol(item);
        if (n < 1) throw std::invalid_argument("counts must be at least 1");
        out.push_back(n);
    }
    return out;
}

Args parseArgs(int argc, char** argv) {
    Args a;
    if (const char* env = std::getenv("KVB_EMULATOR")) a.emulator = env;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (i + 1 >= argc) throw std::invalid_argument("missing value after " + arg);
        const std::string value = argv[++i];
        if (arg == "--emulator")
            a.emulator = value;
        else if (arg == "--calls")
            a.calls = std::stol(value);
        else if (arg == "--out")
            a.out = value;
        else if (arg == "--only")
            a.only = value;
        else if (arg == "--op")
            a.op = value;
        else if (arg == "--pager")
            a.pagerItems = numberList(value);
        else if (arg == "--migration") {
            const auto v = numberList(value);
            if (v.size() != 2) throw std::invalid_argument("--migration takes CERTIFICATES,POOLS");
            a.migrationCertificates = static_cast<int>(v[0]);
            a.migrationPools = static_cast<int>(v[1]);
        } else
            throw std::invalid_argument("unknown argument " + arg);
    }
    if (a.emulator.empty())
        throw std::invalid_argument("no emulator: pass --emulator PATH or set KVB_EMULATOR");
    if (a.calls < 1) throw std::invalid_argument("--calls must be at least 1");
    if (!a.only.empty() && a.only != "client" && a.only != "libcurl")
        throw std::invalid_argument("--only takes client or libcurl");
    if (a.op != "get" && a.op != "set" && a.op != "list")
        throw std::invalid_argument("--op takes get, set or list");
    return a;
}

std::string jsonPathFor(const std::string& mdPath) {
    const auto dot = mdPath.rfind('.');
    const auto slash = mdPath.rfind('/');
    const bool hasExt = dot != std::string::npos && (slash == std::string::npos || dot > slash);
    return (hasExt ? mdPath.substr(0, dot) : mdPath) + ".json";
}

std::string cpuCount() {
    cpu_set_t set;
    CPU_ZERO(&set);
    if (sched_getaffinity(0, sizeof set, &set) == 0) return std::to_string(CPU_COUNT(&set));
    return std::to_string(std::thread::hardware_concurrency());
}

/**
 * @brief Records the header lines a pipeline puts on the wire (it runs last, after
 * authentication), so that the libcurl floor sends exactly the same ones.
 */
class HeaderCapture final : public http::Policy {
public:
    http::RawResponse send(http::Request& request, const http::NextPolicy& next,
                           const Context& context) const override {
        {
            std::lock_guard lock(mutex_);
            auto& lines = lines_[request.method];
            wipe(lines);
            for (const auto& [name, value] : request.headers.entries())
                lines.push_back(name + (value.empty() ? ";" : ": ") + value);
        }
        return next(request, context);
    }
    std::vector<std::string> lines(http::Method method) const {
        std::lock_guard lock(mutex_);
        return lines_.at(method);
    }
    ~HeaderCapture() {
        for (auto& [method, lines] : lines_) wipe(lines);
    }

private:
    // The lines carry the bearer token.
    static void wipe(std::vector<std::string>& lines) noexcept {
        for (auto& line : lines) secureWipe(line);
        lines.clear();
    }
    mutable std::mutex mutex_;
    mutable std::map<http::Method, std::vector<std::string>> lines_;
};

/** @brief Everything both sides share: the emulator, the credential, the client and the URLs. */
struct Bench {
    EmulatorProcess emulator;
    EmulatorControl control;
    std::shared_ptr<const identity::TokenCredential> credential;
    keyvault::SecretClient client;
    std::string secretUrl;
    std::string listUrl;
    SecretString value{kSecretValue};
    keyvault::KeyVaultListOptions listOptions;

    static http::ClientOptions clientOptions(const EmulatorProcess& emu) {
        http::ClientOptions o;
        o.transportOptions.caFile = emu.caFile();
        return o;
    }
    static std::shared_ptr<const identity::TokenCredential> makeCredential(const EmulatorProcess& emu) {
        identity::CredentialOptions o;
        o.authorityHost = "https://login.localhost:" + std::to_string(emu.port());
        o.client = clientOptions(emu);
        return std::make_shared<const identity::ClientSecretCredential>(kTenant, kClientId,
                                                                        SecretString(kClientSecret), o);
    }
    static keyvault::SecretClientOptions secretOptions(const EmulatorProcess& emu) {
        keyvault::SecretClientOptions o;
        o.client = clientOptions(emu);
        return o;
    }
    static std::string vaultUrl(const EmulatorProcess& emu) {
        return "https://benchvault.vault.localhost:" + std::to_string(emu.port());
    }

    explicit Bench(const std::string& exe)
        : emulator(exe, {}), control(emulator.port(), emulator.caFile()),
          credential(makeCredential(emulator)),
          client(vaultUrl(emulator), credential, secretOptions(emulator)),
          secretUrl(vaultUrl(emulator) + "/secrets/" + kSecretName +
                    "?api-version=" + keyvault::kDefaultApiVersion),
          listUrl(vaultUrl(emulator) + "/secrets?api-version=" + keyvault::kDefaultApiVersion +
                  "&maxresults=" + std::to_string(kListSecrets)) {
        listOptions.maxResults = kListSecrets;
        control.post("keyvault/vaults/benchvault/secrets",
                     R"({"count":)" + std::to_string(kListSecrets - 1) + R"(,"prefix":"bench-list-"})");
        client.setSecret(kSecretName, value);
    }

    /** @brief A floor sending the header lines of a GetSecret and a SetSecret of a capturing client. */
    CurlFloor makeFloor() const {
        auto capture = std::make_shared<HeaderCapture>();
        auto options = secretOptions(emulator);
        options.client.perRetryPolicies.push_back(capture);
        const keyvault::SecretClient capturing(vaultUrl(emulator), credential, options);
        capturing.getSecret(kSecretName);
        capturing.setSecret(kSecretName, value);
        return CurlFloor(emulator.caFile(), capture->lines(http::Method::Get),
                         capture->lines(http::Method::Put));
    }

    void clientGets(long n) const {
        for (long i = 0; i < n; ++i) client.getSecret(kSecretName);
    }
    void clientSets(long n) const {
        for (long i = 0; i < n; ++i) client.setSecret(kSecretName, value);
    }
    void clientLists(long n) const {
        for (long i = 0; i < n; ++i) {
            auto pager = client.listPropertiesOfSecrets(listOptions);
            if (pager.page().items.size() != static_cast<std::size_t>(kListSecrets))
                throw std::runtime_error("list page: unexpected item count");
        }
    }
    Target target() const {
        return Target{control, emulator.port(), credential, secretOptions(emulator).client};
    }
};

std::string putBody() {
    return std::string("{\"value\":\"") + kSecretValue + "\"}";
}

Comparison compare(const std::string& operation, long calls, const std::function<void(long)>& viaClient,
                   const std::function<void(long)>& viaCurl) {
    viaClient(kWarmup);
    viaCurl(kWarmup);
    Comparison c;
    c.operation = operation;
    c.client = measure(calls, [&] { viaClient(calls); });
    c.floor = measure(calls, [&] { viaCurl(calls); });
    c.rssAfterKiB = peakRssKiB();
    return c;
}

ThreadRun threaded(const Bench& bench, int threads, long calls) {
    const long perThread = calls / threads;
    ThreadRun run;
    run.threads = threads;
    run.sample = measure(perThread * threads, [&] {
        std::vector<std::thread> pool;
        std::vector<std::exception_ptr> errors(static_cast<std::size_t>(threads));
        for (int t = 0; t < threads; ++t)
            pool.emplace_back([&, t] {
                try {
                    bench.clientGets(perThread);
                } catch (...) {
                    errors[static_cast<std::size_t>(t)] = std::current_exception();
                }
            });
        for (auto& th : pool) th.join();
        for (auto& e : errors)
            if (e) std::rethrow_exception(e);
    });
    run.rssAfterKiB = peakRssKiB();
    return run;
}

int run(const Args& args) {
    curl_global_init(CURL_GLOBAL_DEFAULT);
    Bench bench(args.emulator);
    CurlFloor floor = bench.makeFloor();
    auto curlGets = [&](long n) {
        for (long i = 0; i < n; ++i) floor.get(bench.secretUrl);
    };
    auto curlLists = [&](long n) {
        for (long i = 0; i < n; ++i) floor.get(bench.listUrl);
    };
    const std::string body = putBody();
    auto curlPuts = [&](long n) {
        for (long i = 0; i < n; ++i) floor.put(bench.secretUrl, body);
    };

    if (!args.only.empty()) {
        // Warm both paths exactly as in the full run, then only the measured calls differ with N.
        const std::map<std::string, std::pair<std::function<void(long)>, std::function<void(long)>>> ops{
            {"get", {[&](long n) { bench.clientGets(n); }, curlGets}},
            {"set", {[&](long n) { bench.clientSets(n); }, curlPuts}},
            {"list", {[&](long n) { bench.clientLists(n); }, curlLists}}};
        const auto& [viaClient, viaCurl] = ops.at(args.op);
        viaClient(1);
        viaCurl(1);
        if (args.only == "client")
            viaClient(args.calls);
        else
            viaCurl(args.calls);
        return 0;
    }

    Report report;
    describeMachine(report);
    report.nproc = cpuCount();
    report.curlVersion = curl_version_info(CURLVERSION_NOW)->version;
    report.calls = args.calls;
    report.rssAfterSetupKiB = peakRssKiB();
    report.comparisons.push_back(compare(
        "GetSecret", args.calls, [&](long n) { bench.clientGets(n); }, curlGets));
    report.comparisons.push_back(compare(
        "SetSecret", args.calls, [&](long n) { bench.clientSets(n); }, curlPuts));
    report.comparisons.push_back(compare(
        "ListSecrets page (25 items)", args.calls, [&](long n) { bench.clientLists(n); }, curlLists));
    for (int threads : {1, 2, 4, 8}) report.threadRuns.push_back(threaded(bench, threads, args.calls));
    const Target target = bench.target();
    for (long items : args.pagerItems) report.pagerRuns.push_back(listThroughPager(target, items));
    if (args.migrationCertificates > 0) {
        for (int throttle : {0, 300})
            report.migrationRuns.push_back(
                migrateAtScale(target, args.migrationCertificates, args.migrationPools, throttle));
    }

    const std::string jsonPath = jsonPathFor(args.out);
    writeReport(report, args.out, jsonPath);
    std::cout << args.out << "\n" << jsonPath << "\n";
    return 0;
}

} // namespace

int main(int argc, char** argv) {
    try {
        const int rc = run(parseArgs(argc, argv));
        curl_global_cleanup();
        return rc;
    } catch (const std::exception& e) {
        std::cerr << "kvbridge-bench: " << e.what() << "\n";
        return 1;
    }
}
