// SPDX-License-Identifier: MIT
#include <kvbridge/log.hpp>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <string>

namespace kvb {

namespace {

struct SinkState {
    LogSink sink;
};

// The sink is swapped rarely and read on every logged line: readers take a shared_ptr copy
// under a short lock, so a slow sink never blocks setLogSink and never runs under our lock.
std::mutex sinkMutex;
std::shared_ptr<const SinkState> currentSink;
std::atomic<int> minimumLevel{static_cast<int>(LogLevel::Off)};
std::once_flag envOnce;

LogLevel levelFromEnvironment(const char* text) {
    std::string v = text ? text : "";
    for (auto& c : v) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (v == "verbose" || v == "debug" || v == "4") return LogLevel::Verbose;
    if (v == "info" || v == "informational" || v == "3") return LogLevel::Informational;
    if (v == "warning" || v == "2") return LogLevel::Warning;
    if (v == "error" || v == "1") return LogLevel::Error;
    return LogLevel::Off;
}

void initFromEnvironment() {
    std::call_once(envOnce, [] {
        const LogLevel level = levelFromEnvironment(std::getenv("AZURE_LOG_LEVEL"));
        if (level == LogLevel::Off) return;
        std::lock_guard lock(sinkMutex);
        if (currentSink) return; // setLogSink already ran
        auto state = std::make_shared<SinkState>();
        state->sink = [](LogLevel, std::string_view message) {
            std::fprintf(stderr, "kvbridge: %.*s\n", static_cast<int>(message.size()), message.data());
        };
        currentSink = std::move(state);
        minimumLevel.store(static_cast<int>(level));
    });
}

} // namespace

void setLogSink(LogSink sink, LogLevel minimum) {
    initFromEnvironment();
    std::lock_guard lock(sinkMutex);
    if (!sink) {
        currentSink.reset();
        minimumLevel.store(static_cast<int>(LogLevel::Off));
        return;
    }
    auto state = std::make_shared<SinkState>();
    state->sink = std::move(sink);
    currentSink = std::move(state);
    minimumLevel.store(static_cast<int>(minimum));
}

bool shouldLog(LogLevel level) noexcept {
    initFromEnvironment();
    return level != LogLevel::Off && static_cast<int>(level) >= minimumLevel.load(std::memory_order_relaxed);
}

void log(LogLevel level, std::string_view message) {
    if (!shouldLog(level)) return;
    std::shared_ptr<const SinkState> state;
    {
        std::lock_guard lock(sinkMutex);
        state = currentSink;
    }
    if (state && state->sink) state->sink(level, message);
}

} // namespace kvb
