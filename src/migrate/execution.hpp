// SPDX-License-Identifier: MIT
#pragma once

// What every part of one Migrator::execute() shares (the services, the options, the plan, the
// journal as the run found it and as it writes it), and the few facts about a plan item that
// several parts need. The parts (scheduler, certificate writer, write settlement, verification,
// duplicate clean-up, Batch clean-up) each hold a reference to one Execution. The planner reads
// the migration's tag through the same helper.

#include <kvbridge/context.hpp>
#include <kvbridge/migrate/journal.hpp>
#include <kvbridge/migrate/key_material.hpp>
#include <kvbridge/migrate/migrator.hpp>

#include <chrono>
#include <optional>
#include <string>

#include "migrate/token_bucket.hpp"

namespace kvb::detail {

/** Wall clock: the journal's timestamps anchor the waits of a rerun. */
using WallClock = std::chrono::system_clock;

/** One run of execute(): borrowed, alive for the whole run, safe to share between its workers. */
struct Execution {
    const migrate::BatchSource& batch;
    const migrate::VaultStore& vault;
    const migrate::MigrationOptions& options;
    const migrate::Plan& plan;
    const Context& context;
    migrate::Journal& journal;            ///< thread-safe
    const migrate::JournalState& resumed; ///< the journal as this run found it
    TokenBucket& bucket;                  ///< thread-safe
    WallClock::time_point startedAt;
};

/** True for the actions that write to the vault. */
bool writes(migrate::PlanAction action);

/** The kind of object that holds (or will hold) the item in the vault. */
migrate::VaultObjectKind kindOf(const migrate::PlanItem& item);

/** The journal step of the item's write: Import or StoreSecret. */
migrate::CertificateStep writeStepOf(const migrate::PlanItem& item);

/** The secret behind a certificate id: same vault, name and version. */
std::string secretIdOf(std::string certificateId);

/** The local file the plan chose for @p item, as the key material scan describes it. */
migrate::LocalKeyMaterial sourceOf(const migrate::PlanItem& item);

/** The tag (see migrationTags()) that names the Batch thumbprint a vault object was migrated from. */
inline constexpr const char* kThumbprintTag = "batch-thumbprint";

/** True when @p object's kThumbprintTag names @p thumbprint (upper-case hex), in any case. */
bool taggedFor(const migrate::VaultObject& object, const std::string& thumbprint);

/** The latest version of the object that holds (or will hold) @p item, if the vault has one. */
std::optional<migrate::VaultObject> latestOf(const migrate::VaultStore& vault, const migrate::PlanItem& item,
                                             const Context& context);

/** A record of @p step on @p item, not yet stamped. */
migrate::CertificateStepRecord recordOf(migrate::CertificateStep step, const migrate::PlanItem& item,
                                        migrate::JournalStatus status, std::string detail = {});

/**
 * True when an earlier run left this item's write unsettled, or had to settle one: a version the
 * vault carried out late may sit beside the one the migration kept.
 */
bool uncertainHistory(const migrate::JournalState& resumed, const migrate::PlanItem& item);

} // namespace kvb::detail
