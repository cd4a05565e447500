// SPDX-License-Identifier: MIT
#include <kvbridge/migrate/journal.hpp>

#include "core/json.hpp"
#include "migrate/safe_text.hpp"
#include "migrate/text_util.hpp"

#include <kvbridge/error.hpp>

#include <array>
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

// The on-disk names, in enum order. They are the file format: never rename one.
constexpr std::array<const char*, 7> kCertificateSteps = {
    "import", "store-secret", "recover", "verify", "settle", "disable-duplicate", "delete-batch-certificate"};
constexpr std::array<const char*, 1> kPoolSteps = {"clear-pool-references"};
constexpr std::array<const char*, 4> kStatuses = {"started", "succeeded", "failed", "skipped"};

template <class Enum, std::size_t N>
std::optional<Enum> fromName(const std::array<const char*, N>& names, const std::string& text) {
    for (std::size_t i = 0; i < N; ++i)
        if (text == names[i]) return static_cast<Enum>(i);
    return std::nullopt;
}

// What every record has, whatever it is about: the fields the crash hook and the writer read.
struct Common {
    const std::string& ts;
    const char* step;
    JournalStatus status;
};

Common commonOf(const JournalRecord& record) {
    return std::visit([](const auto& r) { return Common{r.ts, toText(r.step), r.status}; }, record);
}

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
    if (p.nth == 0) return 0;
    const Common c = commonOf(record);
    if (!p.step.empty() && (p.step != c.step || p.status != toText(c.status))) return 0;
    return ++matchedInProcess;
}

void crashIfAt(std::size_t count, bool before) {
    const CrashPoint& p = crashPoint();
    if (count != 0 && count == p.nth && p.before == before) ::raise(SIGKILL);
}

// One line: a record, or nullopt for a step this version does not know.
std::optional<JournalRecord> parseRecord(const std::string& line) {
    auto doc = kvb::detail::parseJson(line, "journal record");
    const auto& obj = kvb::detail::requireObject(doc, "journal record");
    const std::string step = kvb::detail::requireString(obj, "step");
    const auto status = journalStatusFromString(kvb::detail::requireString(obj, "status"));
    if (!status) throw ParseError("journal record has an unknown status");
    auto text = [&](const char* name) { return kvb::detail::optString(obj, name).value_or(""); };
    if (const auto certificateStep = certificateStepFromString(step)) {
        return CertificateStepRecord{text("ts"),   *certificateStep, *status,     text("thumbprint"),
                                     text("name"), text("kvId"),     text("x5t"), text("detail")};
    }
    if (const auto poolStep = poolStepFromString(step)) {
        PoolStepRecord r{text("ts"), *poolStep, *status, text("thumbprint"), {}, {}};
        (*status == JournalStatus::Failed ? r.detail : r.references) = text("detail");
        return r;
    }
    return std::nullopt;
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

// The on-disk line: every record has all eight fields' places; a pool's id goes in "thumbprint".
void writeLine(kvb::detail::JsonWriter& w, const Common& c, const std::string& key, const std::string& name,
               const std::string& kvId, const std::string& x5t, const std::string& detail) {
    w.startObject()
        .member("ts", c.ts)
        .member("step", c.step)
        .member("thumbprint", key)
        .member("name", name)
        .member("status", toText(c.status))
        .member("kvId", kvId)
        .member("x5t", x5t);
    if (!detail.empty()) w.member("detail", detail::withoutKeyMaterial(detail));
    w.endObject();
}

} // namespace

const char* toText(CertificateStep step) noexcept {
    return kCertificateSteps[static_cast<std::size_t>(step)];
}

const char* toText(PoolStep step) noexcept {
    return kPoolSteps[static_cast<std::size_t>(step)];
}

const char* toText(JournalStatus status) noexcept {
    return kStatuses[static_cast<std::size_t>(status)];
}

std::optional<CertificateStep> certificateStepFromString(const std::string& text) {
    return fromName<CertificateStep>(kCertificateSteps, text);
}

std::optional<PoolStep> poolStepFromString(const std::string& text) {
    return fromName<PoolStep>(kPoolSteps, text);
}

std::optional<JournalStatus> journalStatusFromString(const std::string& text) {
    return fromName<JournalStatus>(kStatuses, text);
}

std::string toJsonLine(const JournalRecord& record) {
    kvb::detail::JsonWriter w;
    const Common c = commonOf(record);
    if (const auto* r = std::get_if<CertificateStepRecord>(&record)) {
        writeLine(w, c, r->thumbprint, r->name, r->kvId, r->x5t, r->detail);
    } else {
        const auto& p = std::get<PoolStepRecord>(record);
        writeLine(w, c, p.poolId, "", "", "", p.status == JournalStatus::Failed ? p.detail : p.references);
    }
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
        std::optional<JournalRecord> record;
        try {
            record = parseRecord(line);
        } catch (const Error&) {
            // Only the final line can be torn by a crash mid-write (records end with '\n').
            if (lastLine) break;
            throw ParseError("journal line " + std::to_string(lineNo) + " is not a journal record");
        }
        if (record) {
            state.apply(*record);
        } else {
            ++state.count_; // a later version's step: nothing this version resumes
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
    if (const auto* r = std::get_if<CertificateStepRecord>(&record)) {
        certificates_[{r->step, r->thumbprint}] = *r;
    } else {
        const auto& p = std::get<PoolStepRecord>(record);
        pools_[{p.step, p.poolId}] = p;
    }
    ++count_;
}

std::optional<CertificateStepRecord> JournalState::last(CertificateStep step,
                                                        const std::string& thumbprint) const {
    auto it = certificates_.find({step, thumbprint});
    if (it == certificates_.end()) return std::nullopt;
    return it->second;
}

std::optional<PoolStepRecord> JournalState::last(PoolStep step, const std::string& poolId) const {
    auto it = pools_.find({step, poolId});
    if (it == pools_.end()) return std::nullopt;
    return it->second;
}

bool JournalState::succeeded(CertificateStep step, const std::string& thumbprint) const {
    auto r = last(step, thumbprint);
    return r && r->status == JournalStatus::Succeeded;
}

bool JournalState::unfinished(CertificateStep step, const std::string& thumbprint) const {
    auto r = last(step, thumbprint);
    return r && r->status == JournalStatus::Started;
}

std::vector<JournalRecord> JournalState::unfinishedSteps() const {
    std::vector<JournalRecord> out;
    for (const auto& [key, record] : certificates_)
        if (record.status == JournalStatus::Started) out.emplace_back(record);
    for (const auto& [key, record] : pools_)
        if (record.status == JournalStatus::Started) out.emplace_back(record);
    return out;
}

std::vector<CertificateStepRecord> JournalState::lastOf(CertificateStep step) const {
    std::vector<CertificateStepRecord> out;
    for (const auto& [key, record] : certificates_)
        if (key.first == step) out.push_back(record);
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
    std::visit(
        [](auto& r) {
            if (r.ts.empty()) r.ts = detail::nowIso8601();
        },
        record);
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
