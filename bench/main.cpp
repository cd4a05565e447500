// SPDX-License-Identifier: MIT
// kvbridge-bench: the client-side cost of SecretClient next to a minimal libcurl loop, both against
// a local emulator over verified TLS. Usage:
//   kvbridge-bench [--emulator PATH] [--calls N] [--out report.md] [--only client|libcurl]
// --only runs just N warm GetSecret calls on one side and writes nothing (for callgrind).
#include <kvbridge/identity/client_secret_credential.hpp>
#include <kvbridge/keyvault/secret_client.hpp>

#include <curl/curl.h>

#include <cstdlib>
#include <functional>
#include <iostream>
#include <sched.h>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "curl_floor.hpp"
#include "emulator_process.hpp"
#include "measure.hpp"
#include "bench_report.hpp"

using namespace kvb;
using namespace kvb::bench;

namespace {

// The emulator's documented defaults (tests/emulator/README.md); not real credentials.
constexpr const char* kTenant = "11111111-2222-3333-4444-555555555555";
constexpr const char* kClientId = "aaaaaaaa-bbbb-cccc-dddd-000000000001";
constexpr const char* kClientSecret = "emulator-client-secret";
constexpr const char* kSecretName = "bench-secret";
constexpr const char* kSecretValue = "bench-value-0123456789abcdef";
constexpr long kWarmup = 20;

struct Args {
    std::string emulator;
    long calls = 2000;
    std::string out = "bench/report.md";
    std::string only;
};

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
        else
            throw std::invalid_argument("unknown argument " + arg);
    }
    if (a.emulator.empty())
        throw std::invalid_argument("no emulator: pass --emulator PATH or set KVB_EMULATOR");
    if (a.calls < 1) throw std::invalid_argument("--calls must be at least 1");
    if (!a.only.empty() && a.only != "client" && a.only != "libcurl")
        throw std::invalid_argument("--only takes client or libcurl");
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

/** @brief Everything both sides share: the emulator, the credential, the client and the URL. */
struct Bench {
    EmulatorProcess emulator;
    std::shared_ptr<const identity::TokenCredential> credential;
    keyvault::SecretClient client;
    std::string secretUrl;
    SecretString value{kSecretValue};

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
        : emulator(exe), credential(makeCredential(emulator)),
          client(vaultUrl(emulator), credential, secretOptions(emulator)),
          secretUrl(vaultUrl(emulator) + "/secrets/" + kSecretName +
                    "?api-version=" + keyvault::kDefaultApiVersion) {
        client.setSecret(kSecretName, value);
    }

    /** @brief The token SecretClient is using (cached by the credential: no new request). */
    identity::AccessToken token() const {
        identity::TokenRequestContext request;
        request.scopes = {"https://vault.localhost/.default"};
        return credential->getToken(request, Context{});
    }

    void clientGets(long n) const {
        for (long i = 0; i < n; ++i) client.getSecret(kSecretName);
    }
    void clientSets(long n) const {
        for (long i = 0; i < n; ++i) client.setSecret(kSecretName, value);
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
    CurlFloor floor(bench.emulator.caFile(), bench.token().token.reveal());
    auto curlGets = [&](long n) {
        for (long i = 0; i < n; ++i) floor.get(bench.secretUrl);
    };
    const std::string body = putBody();
    auto curlPuts = [&](long n) {
        for (long i = 0; i < n; ++i) floor.put(bench.secretUrl, body);
    };

    if (!args.only.empty()) {
        // Warm both paths exactly as in the full run, then only the measured calls differ with N.
        bench.clientGets(1);
        curlGets(1);
        if (args.only == "client")
            bench.clientGets(args.calls);
        else
            curlGets(args.calls);
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
    for (int threads : {1, 2, 4, 8}) report.threadRuns.push_back(threaded(bench, threads, args.calls));

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
