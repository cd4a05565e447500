// SPDX-License-Identifier: MIT
#include <kvbridge/migrate/journal.hpp>

#include "core/json.hpp"
#include "migrate/safe_text.hpp"
#include "migrate/text_util.hpp"

#include <kvbridge/error.hpp>

#include <atomic>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

namespace kvb::migrate {

namespace {

// Test hook for crash-resume tests: KVB_TEST_CRASH_JOURNAL="before:N" or "after:N" makes the
// process SIGKILL itself just before writing, or just after fsyncing, the Nth record this
// process appends to a journal file (1-based); "before:STEP:STATUS:N" counts only records of
// that step and status. A test thus crashes at an exact step rather than after a guessed delay.
// Unset (always, outside tests): no effect.
struct CrashPoint {
    bool before = false;
    std::string step, status; // empty: any record
    std::size_t nth = 0;      // 0: off
};

const CrashPoint& crashPoint() {
    static const CrashPoint point = [] {
        CrashPoint p;
        const char* env = std::getenv("KVB_TEST_CRASH_JOURNAL");
        if (env == nullptr) return p;
        std::vector<std::string> parts;
        std::string part;
        for (const char* c = env;; ++c) {
            if (*c == ':' || *c == '\0') {
                parts.push_back(part);
                part.clear();
                if (*c == '\0') break;
            } else {
                part += *c;
            }
        }
        if (parts.size() != 2 && parts.size() != 4) return p;
        p.before = parts[0] == "before";
        if (parts.size() == 4) {
            p.step = parts[1];
            p.status = parts[2];
        }
        p.nth = static_cast<std::size_t>(std::strtoul(parts.back().c_str(), nullptr, 10));
        return p;
    }();
    return point;
}

std::atomic<std::size_t> matchedInProcess{0}; // records appended that the crash point counts

// The crash point's count for @p record (0 when it does not count it).
std::size_t crashCount(const JournalRecord& record) {
    const CrashPoint& p = crashPoint();
    if (p.nth == 0 || (!p.step.empty() && (p.step != record.step || p.status != record.status))) return 0;
    return ++matchedInProcess;
}

void crashIfAt(std::size_t count, bool before) {
    const CrashPoint& p = crashPoint();
    if (count != 0 && count == p.nth && p.before == before) ::raise(SIGKILL);
}

JournalRecord parseRecord(const std::string& line) {
    auto doc = kvb::detail::parseJson(line, "journal record");
    const auto& obj = kvb::detail::requireObject(doc, "journal record");
    JournalRecord r;
    r.ts = kvb::detail::optString(obj, "ts").value_or("");
    r.step = kvb::detail::requireString(obj, "step");
    r.thumbprint = kvb::detail::optString(obj, "thumbprint").value_or("");
    r.name = kvb::detail::optString(obj, "name").value_or("");
    r.status = kvb::detail::requireString(obj, "status");
    r.kvId = kvb::detail::optString(obj, "kvId").value_or("");
    r.x5t = kvb::detail::optString(obj, "x5t").value_or("");
    r.detail = kvb::detail::optString(obj, "detail").value_or("");
    return r;
}

void writeAll(int fd, const std::string& text) {
    std::size_t off = 0;
    while (off < text.size()) {
        const ssize_t n = ::write(fd, text.data() + off, text.size() - off);
        if (n < 0) {
            if (errno == EINTR) continue;
            throw InvalidArgument(std::string("journal write failed: ") + std::strerror(errno));
        }
        off += static_cast<std::size_t>(n);
    }
}

} // namespace

std::string toJsonLine(const JournalRecord& r) {
    kvb::detail::JsonWriter w;
    w.startObject()
        .member("ts", r.ts)
        .member("step", r.step)
        .member("thumbprint", r.thumbprint)
        .member("name", r.name)
        .member("status", r.status)
        .member("kvId", r.kvId)
        .member("x5t", r.x5t);
    if (!r.detail.empty()) w.member("detail", detail::withoutKeyMaterial(r.detail));
    w.endObject();
    return w.str();
}

JournalState JournalState::parse(const std::string& text) {
    JournalState state;
    std::size_t pos = 0;
    std::size_t lineNo = 0;
    while (pos < text.size()) {
        const std::size_t nl = text.find('\n', pos);
        const bool lastLine = nl == std::string::npos;
        const std::string line = text.substr(pos, lastLine ? std::string::npos : nl - pos);
        pos = lastLine ? text.size() : nl + 1;
        ++lineNo;
        if (detail::trim(line).empty()) continue;
        try {
            state.apply(parseRecord(line));
        } catch (const Error&) {
            // Only the final line can be torn by a crash mid-write (records end with '\n').
            if (lastLine) break;
            throw ParseError("journal line " + std::to_string(lineNo) + " is not a journal record");
        }
    }
    return state;
}

JournalState JournalState::load(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return {};
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    return parse(text);
}

void JournalState::apply(const JournalRecord& record) {
    last_[{record.step, record.thumbprint}] = record;
    ++count_;
}

std::optional<JournalRecord> JournalState::last(const std::string& step, const std::string& key) const {
    auto it = last_.find({step, key});
    if (it == last_.end()) return std::nullopt;
    return it->second;
}

bool JournalState::succeeded(const std::string& step, const std::string& key) const {
    auto r = last(step, key);
    return r && r->status == "succeeded";
}

bool JournalState::unfinished(const std::string& step, const std::string& key) const {
    auto r = last(step, key);
    return r && r->status == "started";
}

std::vector<std::pair<std::string, std::string>> JournalState::unfinishedSteps() const {
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& [key, record] : last_) {
        if (record.status == "started") out.push_back(key);
    }
    return out;
}

std::vector<JournalRecord> JournalState::lastOf(const std::string& step) const {
    std::vector<JournalRecord> out;
    for (const auto& [key, record] : last_) {
        if (key.first == step) out.push_back(record);
    }
    return out;
}

Journal::Journal() = default;

Journal::Journal(const std::filesystem::path& path) : state_(JournalState::load(path)) {
    fd_ = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
    if (fd_ < 0) throw InvalidArgument("cannot open journal " + path.string() + ": " + std::strerror(errno));
    // Owner-only, also when an earlier version or another tool created it readable by others.
    if (::fchmod(fd_, 0600) != 0) {
        const int error = errno;
        ::close(fd_);
        throw InvalidArgument("cannot restrict journal " + path.string() + ": " + std::strerror(error));
    }
    // A torn last line (a crash mid-write, never acknowledged) is cut off, so the next record
    // does not glue onto it.
    std::ifstream in(path, std::ios::binary);
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (!text.empty() && text.back() != '\n') {
        const std::size_t keep = text.rfind('\n') == std::string::npos ? 0 : text.rfind('\n') + 1;
        if (::ftruncate(fd_, static_cast<off_t>(keep)) != 0) {
            throw InvalidArgument("cannot repair journal " + path.string() + ": " + std::strerror(errno));
        }
    }
}

Journal::~Journal() {
    if (fd_ >= 0) ::close(fd_);
}

void Journal::append(JournalRecord record) {
    if (record.ts.empty()) record.ts = detail::nowIso8601();
    const std::string line = toJsonLine(record) + "\n";
    std::lock_guard lock(mutex_);
    if (fd_ >= 0) {
        const std::size_t n = crashCount(record);
        crashIfAt(n, true);
        writeAll(fd_, line);
        if (::fsync(fd_) != 0)
            throw InvalidArgument(std::string("journal fsync failed: ") + std::strerror(errno));
        crashIfAt(n, false);
    }
    state_.apply(record);
}

JournalState Journal::state() const {
    std::lock_guard lock(mutex_);
    return state_;
}

} // namespace kvb::migrate
