// SPDX-License-Identifier: MIT
#pragma once

// The one strategy for the migration's writes, the only ones whose outcome can be unknown: a
// reply lost in transport, or a run killed between sending and journaling. The pipeline never
// replays such a write (it is sent with Context::withoutWriteReplay()); this class decides what
// happens next, in one place for both cases: look in the vault until the write appears or the
// client's own bounds (VaultStore::writeWindow()) say it no longer can, and only then send it
// again, at most kWriteAttempts times. Every try and every settlement is journaled. All waiting
// goes through one WaitClock, which tests drive.

#include <kvbridge/context.hpp>
#include <kvbridge/migrate/journal.hpp>
#include <kvbridge/migrate/models.hpp>
#include <kvbridge/migrate/vault_store.hpp>

#include <chrono>
#include <functional>
#include <optional>

#include "migrate/execution.hpp"
#include "migrate/token_bucket.hpp"

namespace kvb::detail {

/** Time as the write strategy sees it. */
struct WaitClock {
    std::function<WallClock::time_point()> now;
    /** Pause @p delay unless @p context ends first (then throw OperationCancelled). */
    std::function<void(std::chrono::milliseconds delay, const Context& context)> sleep;
    /** The system clock, pausing in slices that notice a cancelled context at once. */
    static WaitClock system();
};

class WriteSettlement {
public:
    /** Tries of one write when replies keep getting lost. */
    static constexpr int kWriteAttempts = 4;
    /** First and longest pause between two looks for a write of unknown outcome. */
    static constexpr std::chrono::milliseconds kFirstPause{250};
    static constexpr std::chrono::milliseconds kLongestPause{2000};

    /** Sends one try of the write under the context given, returns what the vault made. */
    using Send = std::function<migrate::VaultObject(const Context& context)>;

    WriteSettlement(const migrate::VaultStore& vault, migrate::Journal& journal, TokenBucket& bucket,
                    const Context& context, WaitClock clock = WaitClock::system());

    /**
     * Write @p item with @p send: each try takes a write slot, is journaled as started, and is
     * sent without replay. After a lost reply the write is settled first; it is sent again only
     * when the vault does not hold it. @p uncertain is set when a reply was lost.
     * @throws the last try's TransportError after kWriteAttempts lost replies; other errors as
     * @p send throws them.
     */
    migrate::VaultObject write(const migrate::PlanItem& item, const Send& send, bool& uncertain) const;

    /**
     * The write an interrupted run journaled as started at @p sentAt: that run is gone, so its
     * last try left before this run started (@p runStart). Nothing is sent.
     * @return the object, when the vault carried the write out.
     */
    std::optional<migrate::VaultObject> settleInterrupted(const migrate::PlanItem& item,
                                                          WallClock::time_point sentAt,
                                                          WallClock::time_point runStart) const;

    /** The object a write of @p item would have made, if the vault holds it (latest version). */
    std::optional<migrate::VaultObject> findWritten(const migrate::PlanItem& item) const;

    /** Journal that the vault turned out to hold @p item's write, as @p landed. */
    void recordSettled(const migrate::PlanItem& item, const migrate::VaultObject& landed) const;

private:
    // Look until the write appears, or until perTry after its last try could have left
    // (@p lastSendBy) or wholeCall after its first (@p startedAt); journaled both ways.
    std::optional<migrate::VaultObject> settle(const migrate::PlanItem& item, WallClock::time_point startedAt,
                                               WallClock::time_point lastSendBy) const;

    const migrate::VaultStore& vault_;
    migrate::Journal& journal_;
    TokenBucket& bucket_;
    const Context& context_;
    WaitClock clock_;
};

} // namespace kvb::detail
