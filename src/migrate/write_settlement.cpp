// SPDX-License-Identifier: MIT
#include "migrate/write_settlement.hpp"

#include <kvbridge/error.hpp>
#include <kvbridge/pki/thumbprint.hpp>

#include <algorithm>
#include <string>

#include "core/sleep.hpp"
#include "core/time_format.hpp"

namespace kvb::detail {

WaitClock WaitClock::system() {
    WaitClock c;
    c.now = [] { return WallClock::now(); };
    c.sleep = kvb::detail::sleepFor;
    return c;
}

WriteSettlement::WriteSettlement(const migrate::VaultStore& vault, migrate::Journal& journal,
                                 TokenBucket& bucket, const Context& context, WaitClock clock)
    : vault_(vault), journal_(journal), bucket_(bucket), context_(context), clock_(std::move(clock)) {}

migrate::VaultObject WriteSettlement::write(const migrate::PlanItem& item, const Send& send,
                                            bool& uncertain) const {
    // A lost reply must not turn into a second version: nothing below the migration replays it.
    const Context once = context_.withoutWriteReplay();
    for (int attempt = 1;; ++attempt) {
        bucket_.acquire(context_);
        const auto sentAt = clock_.now();
        journal_.append(recordOf(writeStepOf(item), item, migrate::JournalStatus::Started,
                                 attempt == 1 ? "" : "try " + std::to_string(attempt)));
        try {
            return send(once);
        } catch (const http::TransportError&) {
            uncertain = true;
            if (auto landed = settle(item, sentAt, clock_.now())) return *landed;
            if (attempt >= kWriteAttempts) throw;
        }
    }
}

std::optional<migrate::VaultObject> WriteSettlement::settleInterrupted(const migrate::PlanItem& item,
                                                                       WallClock::time_point sentAt,
                                                                       WallClock::time_point runStart) const {
    return settle(item, sentAt, runStart);
}

std::optional<migrate::VaultObject> WriteSettlement::findWritten(const migrate::PlanItem& item) const {
    std::optional<migrate::VaultObject> existing = latestOf(vault_, item, context_);
    if (!existing) return std::nullopt;
    if (kindOf(item) == migrate::VaultObjectKind::Secret) {
        if (!taggedFor(*existing, item.thumbprint)) return std::nullopt;
    } else if (existing->x5t != pki::thumbprintHexToX5t(item.thumbprint)) {
        return std::nullopt;
    }
    return existing;
}

void WriteSettlement::recordSettled(const migrate::PlanItem& item, const migrate::VaultObject& landed) const {
    auto r = recordOf(migrate::CertificateStep::Settle, item, migrate::JournalStatus::Succeeded,
                      "the vault carried the write out");
    r.kvId = landed.id;
    r.x5t = landed.x5t;
    journal_.append(r);
}

std::optional<migrate::VaultObject> WriteSettlement::settle(const migrate::PlanItem& item,
                                                            WallClock::time_point startedAt,
                                                            WallClock::time_point lastSendBy) const {
    const migrate::WriteWindow window = vault_.writeWindow();
    const auto deadline = std::min(startedAt + window.wholeCall, lastSendBy + window.perTry);
    std::chrono::milliseconds pause = kFirstPause;
    for (;;) {
        if (auto landed = findWritten(item)) {
            recordSettled(item, *landed);
            return landed;
        }
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - clock_.now());
        if (left.count() <= 0) break;
        clock_.sleep(std::min(pause, left), context_);
        pause = std::min(pause * 2, kLongestPause);
    }
    journal_.append(recordOf(
        migrate::CertificateStep::Settle, item, migrate::JournalStatus::Failed,
        "not in the vault by " +
            kvb::detail::formatIso8601(std::chrono::time_point_cast<WallClock::duration>(deadline))));
    return std::nullopt;
}

} // namespace kvb::detail
