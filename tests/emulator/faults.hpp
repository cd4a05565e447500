// SPDX-License-Identifier: MIT
#pragma once

// Test-controlled misbehaviour: one-shot faults for the next N matching requests, writes carried
// out after their client was cut off, and a per-vault write budget that answers 429 like Key
// Vault when exceeded.

#include "json_util.hpp"

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <thread>
#include <vector>

namespace emu {

// DelayedWrite: the request is accepted, its connection dropped without an answer, and it is
// carried out delayMs later, as a service finishes work whose client has gone.
enum class FaultKind { Status, Delay, Reset, Truncate, Malformed, DelayedWrite };

struct Fault {
    std::string method = "*"; // glob
    std::string path = "*";   // glob on the path
    std::string host = "*";   // glob on the Host header without port
    int count = 1;
    FaultKind kind = FaultKind::Status;
    int status = 503;
    std::string retryAfter; // "" (none), seconds, or "http-date"
    int retryAfterMs = -1;  // -1: no x-ms-retry-after-ms header
    int delayMs = 0;
    // A status fault whose message quotes the request body back, as some validators do: the
    // client must keep secrets it sent out of its errors.
    bool echoBody = false;
    // What the quote holds: one top-level JSON string member's value, decoded ("" = the body
    // as received); then the slice [echoStart, echoStart + echoLength) of it (a validator that
    // cuts long values); then "raw" or "url" (percent-encoded, as quoted inside a URL).
    std::string echoField;
    std::size_t echoStart = 0;
    std::size_t echoLength = std::string::npos;
    std::string echoEncoding = "raw";
    // Each matching request is faulted with this probability (a seeded generator per fault, so a
    // run is repeatable for a given request order); count caps the faults actually injected.
    double probability = 1.0;
    std::uint64_t seed = 1;
    std::shared_ptr<std::mt19937_64> rng;
};

// "status-503", "delay", "reset", "truncate", "malformed", "delayed-write": the key of
// faultsInjectedByKind.
std::string faultLabel(const Fault& fault);

// The part of @p body an echoBody fault quotes, in its form.
std::string echoedBody(const Fault& fault, const std::string& body);

class FaultInjector {
public:
    // Throws std::invalid_argument on a bad description.
    static Fault parse(const JsonValue& body);
    void add(Fault fault);
    // The fault to apply to this request, if any (consumes one of its count).
    std::optional<Fault> take(const std::string& method, const std::string& path, const std::string& host);
    void clear();

private:
    std::mutex mutex_;
    std::vector<Fault> faults_;
};

// Work due later, run in due order on one thread of its own. clear() and destruction drop what
// is still pending (a test's reset, the emulator's exit).
class DelayedWork {
public:
    DelayedWork();
    ~DelayedWork();
    DelayedWork(const DelayedWork&) = delete;
    DelayedWork& operator=(const DelayedWork&) = delete;
    void schedule(std::chrono::milliseconds delay, std::function<void()> work);
    void clear();

private:
    void run();
    std::mutex mutex_;
    std::condition_variable wake_;
    std::multimap<std::chrono::steady_clock::time_point, std::function<void()>> due_;
    bool stopping_ = false;
    std::thread thread_;
};

class Throttle {
public:
    void configure(const std::string& vault, int writes, int windowSeconds);
    // Seconds to wait when this write is over budget; nullopt when it may proceed (and is counted).
    std::optional<int> admitWrite(const std::string& vault);
    // Writes left in the current window; nullopt when no budget is configured for @p vault.
    std::optional<int> remaining(const std::string& vault);
    void clear();

private:
    struct Budget {
        int writes = 0;
        int windowSeconds = 0;
        std::deque<std::int64_t> times; // ms of admitted writes within the window
    };
    std::mutex mutex_;
    std::map<std::string, Budget> budgets_;
};

} // namespace emu
