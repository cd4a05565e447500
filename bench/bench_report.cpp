// SPDX-License-Identifier: MIT
#include "bench_report.hpp"

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <sys/utsname.h>
#include <thread>

namespace kvb::bench {

namespace {

std::string fixed(double v, int digits = 1) {
    std::ostringstream out;
    out.setf(std::ios::fixed);
    out.precision(digits);
    out << v;
    return out.str();
}

std::string jsonString(const std::string& s) {
    std::string out = "\"";
    for (char c : s) {
        if (c == '"' || c == '\\') out += '\\';
        if (static_cast<unsigned char>(c) >= 0x20) out += c;
    }
    return out + "\"";
}

std::string jsonSample(const Sample& s) {
    return "{\"calls\": " + std::to_string(s.calls) + ", \"cpuSeconds\": " + fixed(s.cpuSeconds, 6) +
           ", \"wallSeconds\": " + fixed(s.wallSeconds, 6) +
           ", \"cpuMicrosPerCall\": " + fixed(s.cpuMicrosPerCall(), 2) +
           ", \"callsPerSecond\": " + fixed(s.callsPerSecond(), 1) + "}";
}

void writeMarkdown(const Report& r, std::ostream& out) {
    out << "# kvbridge-bench report\n\n## Machine\n\n"
        << "- nproc: " << r.nproc << "\n- CPU: " << r.cpuModel << "\n- kernel: " << r.kernel
        << "\n- load average at start (1, 5, 15 min, runnable/threads, last pid): " << r.loadAverage
        << "\n- libcurl: " << r.curlVersion << "\n- emulator: kvbridge-emulator on 127.0.0.1 (same machine,"
        << " competing for the same cores)\n- calls per scenario: " << r.calls
        << "\n- peak RSS after setup (emulator start, token, seed): " << r.rssAfterSetupKiB << " KiB\n\n"
        << "CPU is this process's CPU time (CLOCK_PROCESS_CPUTIME_ID), so the emulator's work is not "
           "counted. Both sides wait on the same emulator, so wall-clock calls/s is bounded by its "
           "response latency: compare calls/s between the sides, not with a real vault. On a loaded machine "
           "CPU times are noisy; the callgrind instruction counts below are the figures to compare.\n\n## "
           "Per-call cost: "
           "SecretClient vs a minimal libcurl loop\n\n"
        << "| operation | SecretClient CPU µs/call | libcurl CPU µs/call | ratio | SecretClient calls/s |"
           " libcurl calls/s | peak RSS after (KiB) |\n|---|---|---|---|---|---|---|\n";
    for (const auto& c : r.comparisons) {
        const double fl = c.floor.cpuMicrosPerCall();
        out << "| " << c.operation << " | " << fixed(c.client.cpuMicrosPerCall()) << " | " << fixed(fl)
            << " | " << (fl > 0 ? fixed(c.client.cpuMicrosPerCall() / fl, 2) : "n/a") << " | "
            << fixed(c.client.callsPerSecond()) << " | " << fixed(c.floor.callsPerSecond()) << " | "
            << c.rssAfterKiB << " |\n";
    }
    out << "\n## Threads sharing one SecretClient (GetSecret)\n\n"
        << "| threads | calls | calls/s | CPU µs/call | peak RSS after (KiB) |\n|---|---|---|---|---|\n";
    for (const auto& t : r.threadRuns)
        out << "| " << t.threads << " | " << t.sample.calls << " | " << fixed(t.sample.callsPerSecond())
            << " | " << fixed(t.sample.cpuMicrosPerCall()) << " | " << t.rssAfterKiB << " |\n";
    if (!r.pagerRuns.empty()) {
        out << "\n## Pager memory: every secret of a vault through listPropertiesOfSecrets (25 per page)\n\n"
            << "| secrets | pages | wall s | CPU µs/item | RSS before (KiB) | peak RSS while listing (KiB) |"
               " growth (KiB) |\n|---|---|---|---|---|---|---|\n";
        for (const auto& p : r.pagerRuns)
            out << "| " << p.items << " | " << p.pages << " | " << fixed(p.sample.wallSeconds, 2) << " | "
                << fixed(p.sample.cpuMicrosPerCall()) << " | " << p.rssBeforeKiB << " | " << p.rssPeakKiB
                << " | " << p.rssPeakKiB - p.rssBeforeKiB << " |\n";
    }
    if (!r.migrationRuns.empty()) {
        out << "\n## Migration at scale (Migrator::run, default options)\n\n"
            << "| certificates | pools | emulator throttle | migration budget | wall s | bound s | "
               "wall/bound |"
               " 429s | succeeded | failed |\n|---|---|---|---|---|---|---|---|---|---|\n";
        for (const auto& m : r.migrationRuns) {
            const double bound = m.boundSeconds();
            out << "| " << m.certificates << " | " << m.pools << " | "
                << (m.throttleWrites > 0 ? std::to_string(m.throttleWrites) + " writes / " +
                                               std::to_string(m.windowSeconds) + " s"
                                         : std::string("off"))
                << " | " << m.writeBudget << " / " << fixed(static_cast<double>(m.budgetWindowMs) / 1000, 0)
                << " s | " << fixed(m.sample.wallSeconds, 1) << " | " << (bound > 0 ? fixed(bound, 1) : "n/a")
                << " | " << (bound > 0 ? fixed(m.sample.wallSeconds / bound, 2) : "n/a") << " | "
                << m.throttled << " | " << m.succeeded << " | " << m.failed << " |\n";
        }
    }
}

void writeJson(const Report& r, std::ostream& out) {
    out << "{\n  \"machine\": {\"nproc\": " << jsonString(r.nproc)
        << ", \"cpuModel\": " << jsonString(r.cpuModel) << ", \"kernel\": " << jsonString(r.kernel)
        << ", \"loadAverage\": " << jsonString(r.loadAverage)
        << ", \"libcurl\": " << jsonString(r.curlVersion) << "},\n  \"calls\": " << r.calls
        << ",\n  \"rssAfterSetupKiB\": " << r.rssAfterSetupKiB << ",\n  \"perCall\": [";
    for (std::size_t i = 0; i < r.comparisons.size(); ++i) {
        const auto& c = r.comparisons[i];
        out << (i ? "," : "") << "\n    {\"operation\": " << jsonString(c.operation)
            << ", \"secretClient\": " << jsonSample(c.client) << ", \"libcurl\": " << jsonSample(c.floor)
            << ", \"rssAfterKiB\": " << c.rssAfterKiB << "}";
    }
    out << "\n  ],\n  \"threads\": [";
    for (std::size_t i = 0; i < r.threadRuns.size(); ++i) {
        const auto& t = r.threadRuns[i];
        out << (i ? "," : "") << "\n    {\"threads\": " << t.threads
            << ", \"sample\": " << jsonSample(t.sample) << ", \"rssAfterKiB\": " << t.rssAfterKiB << "}";
    }
    out << "\n  ],\n  \"pager\": [";
    for (std::size_t i = 0; i < r.pagerRuns.size(); ++i) {
        const auto& p = r.pagerRuns[i];
        out << (i ? "," : "") << "\n    {\"items\": " << p.items << ", \"pages\": " << p.pages
            << ", \"sample\": " << jsonSample(p.sample) << ", \"rssBeforeKiB\": " << p.rssBeforeKiB
            << ", \"rssPeakKiB\": " << p.rssPeakKiB << "}";
    }
    out << "\n  ],\n  \"migration\": [";
    for (std::size_t i = 0; i < r.migrationRuns.size(); ++i) {
        const auto& m = r.migrationRuns[i];
        out << (i ? "," : "") << "\n    {\"certificates\": " << m.certificates << ", \"pools\": " << m.pools
            << ", \"throttleWrites\": " << m.throttleWrites << ", \"windowSeconds\": " << m.windowSeconds
            << ", \"writeBudget\": " << m.writeBudget << ", \"budgetWindowMs\": " << m.budgetWindowMs
            << ", \"sample\": " << jsonSample(m.sample)
            << ", \"boundSeconds\": " << fixed(m.boundSeconds(), 2) << ", \"throttled\": " << m.throttled
            << ", \"succeeded\": " << m.succeeded << ", \"failed\": " << m.failed << "}";
    }
    out << "\n  ]\n}\n";
}

void writeFile(const std::string& path, void (*writer)(const Report&, std::ostream&), const Report& r) {
    std::ofstream out(path);
    if (!out) throw std::runtime_error("cannot write " + path);
    writer(r, out);
    if (!out) throw std::runtime_error("write failed: " + path);
}

} // namespace

void describeMachine(Report& report) {
    report.nproc = std::to_string(std::thread::hardware_concurrency());
    std::ifstream cpuinfo("/proc/cpuinfo");
    for (std::string line; std::getline(cpuinfo, line);) {
        if (line.rfind("model name", 0) == 0) {
            const auto colon = line.find(':');
            report.cpuModel = colon == std::string::npos ? line : line.substr(colon + 2);
            break;
        }
    }
    if (report.cpuModel.empty()) report.cpuModel = "unknown";
    std::ifstream loadavg("/proc/loadavg");
    std::getline(loadavg, report.loadAverage);
    utsname u{};
    report.kernel = uname(&u) == 0 ? std::string(u.sysname) + " " + u.release + " " + u.machine : "unknown";
}

void writeReport(const Report& report, const std::string& mdPath, const std::string& jsonPath) {
    writeFile(mdPath, writeMarkdown, report);
    writeFile(jsonPath, writeJson, report);
}

} // namespace kvb::bench
