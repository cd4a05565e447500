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

namespace kvb::migrate::detail {

/** Wall clock: the journal's timestamps anchor the waits of a rerun. */
using WallClock = std::chrono::system_clock;

/** One run of execute(): borrowed, alive for the whole run, safe to share between its workers. */
struct Execution {
    const BatchSource& batch;
    const VaultStore& vault;
    const MigrationOptions& options;
    const Plan& plan;
    const Context& context;
    Journal& journal;            ///< thread-safe
    const JournalState& resumed; ///< the journal as this run found it
    TokenBucket& bucket;         ///< thread-safe
    WallClock::time_point startedAt;
};

/** True for the actions that write to the vault. */
bool writes(PlanAction action);

/** The kind of object that holds (or will hold) the item in the vault. */
VaultObjectKind kindOf(const PlanItem& item);

/** The journal step of the item's write: Import or StoreSecret. */
CertificateStep writeStepOf(const PlanItem& item);

/** The secret behind a certificate id: same vault, name and version. */
std::string secretIdOf(std::string certificateId);

/** The local file the plan chose for @p item, as the key material scan describes it. */
LocalKeyMaterial sourceOf(const PlanItem& item);

/** The tag (see migrationTags()) that names the Batch thumbprint a vault object was migrated from. */
inline constexpr const char* kThumbprintTag = "batch-thumbprint";

/** True when @p object's kThumbprintTag names @p thumbprint (upper-case hex), in any case. */
bool taggedFor(const VaultObject& object, const std::string& thumbprint);

/** The latest version of the object that holds (or will hold) @p item, if the vault has one. */
std::optional<VaultObject> latestOf(const VaultStore& vault, const PlanItem& item, const Context& context);

/** A record of @p step on @p item, not yet stamped. */
CertificateStepRecord recordOf(CertificateStep step, const PlanItem& item, JournalStatus status,
                               std::string detail = {});

/**
 * True when an earlier run left this item's write unsettled, or had to settle one: a version the
 * vault carried out late may sit beside the one the migration kept.
 */
bool uncertainHistory(const JournalState& resumed, const PlanItem& item);

} // namespace kvb::migrate::detail
