// SPDX-License-Identifier: MIT
#include "faults.hpp"

#include "time_util.hpp"
#include "url_util.hpp"

#include <stdexcept>

namespace emu {

Fault FaultInjector::parse(const JsonValue& body) {
    if (!body.IsObject()) throw std::invalid_argument("the fault must be a JSON object");
    Fault f;
    f.method = getString(body, "method").value_or("*");
    f.path = getString(body, "path").value_or("*");
    f.host = getString(body, "host").value_or("*");
    f.count = static_cast<int>(getInt(body, "count").value_or(1));
    if (f.count < 1) throw std::invalid_argument("count must be at least 1");
    const std::string kind = getString(body, "kind").value_or("status");
    if (kind == "status")
        f.kind = FaultKind::Status;
    else if (kind == "delay")
        f.kind = FaultKind::Delay;
    else if (kind == "reset")
        f.kind = FaultKind::Reset;
    else if (kind == "truncate")
        f.kind = FaultKind::Truncate;
    else if (kind == "malformed")
        f.kind = FaultKind::Malformed;
    else if (kind == "delayed-write")
        f.kind = FaultKind::DelayedWrite;
    else
        throw std::invalid_argument(
            "kind must be status, delay, reset, truncate, malformed or delayed-write");
    f.status = static_cast<int>(getInt(body, "status").value_or(503));
    if (f.status < 100 || f.status > 599) throw std::invalid_argument("status must be an HTTP status code");
    if (body.HasMember("retryAfter")) {
        if (body["retryAfter"].IsString())
            f.retryAfter = body["retryAfter"].GetString();
        else if (body["retryAfter"].IsInt())
            f.retryAfter = std::to_string(body["retryAfter"].GetInt());
        else
            throw std::invalid_argument("retryAfter must be seconds or \"http-date\"");
        if (f.retryAfter != "http-date" &&
            f.retryAfter.find_first_not_of("0123456789") != std::string::npos) {
            throw std::invalid_argument("retryAfter must be seconds or \"http-date\"");
        }
    }
    f.retryAfterMs = static_cast<int>(getInt(body, "retryAfterMs").value_or(-1));
    f.delayMs = static_cast<int>(getInt(body, "delayMs").value_or(0));
    if (f.delayMs < 0 || f.delayMs > 60000) throw std::invalid_argument("delayMs must be 0..60000");
    if (body.HasMember("probability")) {
        if (!body["probability"].IsNumber()) throw std::invalid_argument("probability must be a number");
        f.probability = body["probability"].GetDouble();
        if (!(f.probability > 0.0 && f.probability <= 1.0))
            throw std::invalid_argument("probability must be in (0, 1]");
    }
    f.echoBody = getBool(body, "echoBody").value_or(false);
    f.echoField = getString(body, "echoField").value_or("");
    const auto echoStart = getInt(body, "echoStart").value_or(0);
    if (echoStart < 0) throw std::invalid_argument("echoStart must be 0 or more");
    f.echoStart = static_cast<std::size_t>(echoStart);
    if (const auto length = getInt(body, "echoLength")) {
        if (*length < 1) throw std::invalid_argument("echoLength must be 1 or more");
        f.echoLength = static_cast<std::size_t>(*length);
    }
    f.echoEncoding = getString(body, "echoEncoding").value_or("raw");
    if (f.echoEncoding != "raw" && f.echoEncoding != "url")
        throw std::invalid_argument("echoEncoding must be raw or url");
    f.seed = static_cast<std::uint64_t>(getInt(body, "seed").value_or(1));
    f.rng = std::make_shared<std::mt19937_64>(f.seed);
    return f;
}

std::string faultLabel(const Fault& fault) {
    switch (fault.kind) {
    case FaultKind::Status: return "status-" + std::to_string(fault.status);
    case FaultKind::Delay: return "delay";
    case FaultKind::Reset: return "reset";
    case FaultKind::Truncate: return "truncate";
    case FaultKind::Malformed: return "malformed";
    case FaultKind::DelayedWrite: return "delayed-write";
    }
    return "unknown";
}

std::string echoedBody(const Fault& fault, const std::string& body) {
    std::string quote = body;
    if (!fault.echoField.empty()) {
        const auto doc = parseJsonObject(body);
        quote = doc ? getString(*doc, fault.echoField.c_str()).value_or("") : "";
    }
    quote = fault.echoStart < quote.size() ? quote.substr(fault.echoStart, fault.echoLength) : "";
    return fault.echoEncoding == "url" ? urlEncode(quote) : quote;
}

void FaultInjector::add(Fault fault) {
    std::lock_guard lock(mutex_);
    faults_.push_back(std::move(fault));
}

std::optional<Fault> FaultInjector::take(const std::string& method, const std::string& path,
                                         const std::string& host) {
    std::lock_guard lock(mutex_);
    for (auto it = faults_.begin(); it != faults_.end(); ++it) {
        if (globMatch(it->method, method) && globMatch(it->path, path) && globMatch(it->host, host)) {
            if (it->probability < 1.0 &&
                std::uniform_real_distribution<double>(0.0, 1.0)(*it->rng) >= it->probability) {
                continue;
            }
            Fault f = *it;
            if (--it->count <= 0) faults_.erase(it);
            return f;
        }
    }
    return std::nullopt;
}

void FaultInjector::clear() {
    std::lock_guard lock(mutex_);
    faults_.clear();
}

DelayedWork::DelayedWork() : thread_([this] { run(); }) {}

DelayedWork::~DelayedWork() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
        due_.clear();
    }
    wake_.notify_all();
    thread_.join();
}

void DelayedWork::schedule(std::chrono::milliseconds delay, std::function<void()> work) {
    {
        std::lock_guard lock(mutex_);
        due_.emplace(std::chrono::steady_clock::now() + delay, std::move(work));
    }
    wake_.notify_all();
}

void DelayedWork::clear() {
    std::lock_guard lock(mutex_);
    due_.clear();
}

void DelayedWork::run() {
    std::unique_lock lock(mutex_);
    while (!stopping_) {
        if (due_.empty()) {
            wake_.wait(lock);
            continue;
        }
        const auto next = due_.begin()->first;
        if (std::chrono::steady_clock::now() < next) {
            wake_.wait_until(lock, next);
            continue;
        }
        auto work = std::move(due_.begin()->second);
        due_.erase(due_.begin());
        lock.unlock();
        try {
            work();
        } catch (...) {
            // A late write that fails has nobody to tell, like the service's.
        }
        lock.lock();
    }
}

void Throttle::configure(const std::string& vault, int writes, int windowSeconds) {
    std::lock_guard lock(mutex_);
    if (writes <= 0 || windowSeconds <= 0) {
        budgets_.erase(toLower(vault));
        return;
    }
    Budget& b = budgets_[toLower(vault)];
    b.writes = writes;
    b.windowSeconds = windowSeconds;
    b.times.clear();
}

std::optional<int> Throttle::admitWrite(const std::string& vault) {
    std::lock_guard lock(mutex_);
    auto it = budgets_.find(toLower(vault));
    if (it == budgets_.end()) return std::nullopt;
    Budget& b = it->second;
    const std::int64_t now = nowMillis();
    const std::int64_t window = static_cast<std::int64_t>(b.windowSeconds) * 1000;
    while (!b.times.empty() && b.times.front() <= now - window) b.times.pop_front();
    if (static_cast<int>(b.times.size()) >= b.writes) {
        const std::int64_t waitMs = b.times.front() + window - now;
        return static_cast<int>(std::max<std::int64_t>(1, (waitMs + 999) / 1000));
    }
    b.times.push_back(now);
    return std::nullopt;
}

std::optional<int> Throttle::remaining(const std::string& vault) {
    std::lock_guard lock(mutex_);
    auto it = budgets_.find(toLower(vault));
    if (it == budgets_.end()) return std::nullopt;
    Budget& b = it->second;
    const std::int64_t window = static_cast<std::int64_t>(b.windowSeconds) * 1000;
    while (!b.times.empty() && b.times.front() <= nowMillis() - window) b.times.pop_front();
    return std::max(0, b.writes - static_cast<int>(b.times.size()));
}

void Throttle::clear() {
    std::lock_guard lock(mutex_);
    budgets_.clear();
}

} // namespace emu
