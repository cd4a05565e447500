// SPDX-License-Identifier: MIT
#pragma once

#include <chrono>
#include <cstdint>
#include <ctime>
#include <sys/resource.h>

namespace kvb::bench {

/** @brief Process CPU seconds (all threads of this process; the emulator is another process). */
inline double processCpuSeconds() {
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

/** @brief Peak resident set size of this process so far, in KiB. */
inline long peakRssKiB() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss;
}

/** @brief CPU and wall time of a run of @p calls calls. */
struct Sample {
    long calls = 0;
    double cpuSeconds = 0;
    double wallSeconds = 0;
    double cpuMicrosPerCall() const { return calls ? cpuSeconds * 1e6 / static_cast<double>(calls) : 0; }
    double callsPerSecond() const { return wallSeconds > 0 ? static_cast<double>(calls) / wallSeconds : 0; }
};

/** @brief Time @p body (which makes @p calls calls) in CPU and wall time. */
template <class F>
Sample measure(long calls, F&& body) {
    const double cpu0 = processCpuSeconds();
    const auto wall0 = std::chrono::steady_clock::now();
    body();
    Sample s;
    s.calls = calls;
    s.wallSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall0).count();
    s.cpuSeconds = processCpuSeconds() - cpu0;
    return s;
}

} // namespace kvb::bench
