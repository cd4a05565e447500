// SPDX-License-Identifier: MIT
// kvbridge: move an Azure Batch account's certificates into Azure Key Vault.

#include "cli_arm.hpp"
#include "cli_options.hpp"
#include "cli_services.hpp"
#include "progress_display.hpp"

#include <kvbridge/error.hpp>
#include <kvbridge/migrate/migrator.hpp>
#include <kvbridge/version.hpp>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <stdexcept>

namespace {

using namespace kvb::migrate;

constexpr int kExitOk = 0;
constexpr int kExitFailed = 1;
constexpr int kExitPartial = 2;
constexpr int kExitUsage = 64;

// Bad input found before the first request (a path, a URL, a passwords file): exit status 64
// with one line naming it, and nothing sent anywhere.
struct InputError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// Runs a step that sends nothing; its kvb::InvalidArgument is the user's input at fault.
template <class Step>
auto beforeAnyRequest(Step&& step) -> decltype(step()) {
    try {
        return step();
    } catch (const kvb::InvalidArgument& e) {
        throw InputError(e.what());
    }
}

std::filesystem::path reportDirOf(const kvbcli::Options& o) {
    return o.reportDir.empty() ? "kvbridge-report" : o.reportDir;
}

// Ctrl-C: stop handing out work; running steps finish and are journaled.
kvb::Context* gContext = nullptr;
extern "C" void onSignal(int) {
    if (gContext != nullptr) gContext->cancel();
}

MigrationOptions migrationOptions(const kvbcli::Options& o) {
    MigrationOptions m;
    m.vaultUrl = o.vaultUrl;
    for (const auto& path : o.keyMaterial) m.keyMaterial.emplace_back(path);
    if (!o.passwordsFile.empty()) m.passwords = PasswordBook::fromFile(o.passwordsFile);
    if (!o.passwordEnv.empty()) {
        const char* pw = std::getenv(o.passwordEnv.c_str());
        if (pw == nullptr)
            throw kvb::InvalidArgument("environment variable " + o.passwordEnv + " is not set");
        m.passwords.setDefault(kvb::SecretString(pw));
    }
    if (!o.namesFile.empty()) m.planning.names = loadNameMapping(o.namesFile);
    m.planning.recoverDeleted = o.recoverDeleted;
    m.pools.msiClientId = o.msiClientId;
    m.pools.msiResourceId = o.msiResourceId;
    m.pools.pollingIntervalSeconds = o.pollingInterval;
    m.verify = o.verify == "deep" ? VerifyMode::Deep : VerifyMode::Basic;
    m.dryRun = o.dryRun || o.command != "migrate";
    m.concurrency = o.concurrency;
    m.writeBudget = o.writeBudget;
    m.journalPath = o.journal.empty() ? reportDirOf(o) / "journal.jsonl" : std::filesystem::path(o.journal);
    m.clearPoolReferences = o.clearPoolReferences;
    m.deleteBatchCertificates = o.deleteBatchCertificates;
    return m;
}

void printInventory(const Inventory& inv) {
    std::cout << "Batch account " << inv.batchAccount << ": " << inv.certificates.size() << " certificates, "
              << inv.pools.size() << " pools, " << inv.jobSchedules.size() << " job schedules"
              << (inv.certificateApiRetired ? " (certificate API retired: thumbprints from references)" : "")
              << "\n";
    for (const auto& c : inv.certificates) {
        std::cout << "  " << c.thumbprint << "  " << (c.batchState.empty() ? "-" : c.batchState);
        for (const auto& u : c.uses) std::cout << "  " << toText(u.kind) << ":" << u.ownerId;
        std::cout << "\n";
    }
}

// Everything the plan found wrong before any write, on stderr: each file that cannot be used,
// the warnings, a vault that could not be read.
void printPlanProblems(const Plan& plan) {
    for (const auto& finding : plan.fileFindings) std::cerr << "kvbridge: " << toText(finding) << "\n";
    for (const auto& warning : plan.warnings) std::cerr << "kvbridge: warning: " << warning << "\n";
    if (!plan.vaultError.empty())
        std::cerr << "kvbridge: the vault could not be read: " << plan.vaultError << "\n";
}

std::unique_ptr<Migrator> makeMigrator(const kvbcli::Options& o, MigrationOptions options) {
    return beforeAnyRequest([&] {
        return std::make_unique<Migrator>(kvbcli::makeBatchSource(o), kvbcli::makeVaultStore(o),
                                          std::move(options));
    });
}

int exitCodeOf(const MigrationReport& r) {
    if (!r.hasProblems()) return kExitOk;
    const bool anyGood =
        r.count(StepResult::Succeeded) + r.count(StepResult::Planned) + r.count(PlanAction::AlreadyPresent) >
        0;
    return anyGood ? kExitPartial : kExitFailed;
}

int runMigrate(const kvbcli::Options& o, kvb::Context& context) {
    const std::filesystem::path dir = reportDirOf(o);
    const auto migrator = makeMigrator(o, beforeAnyRequest([&] {
                                           validateReportFolder(dir);
                                           return migrationOptions(o);
                                       }));
    const MigrationOptions& options = migrator->options();
    if (!o.dryRun && !options.journalPath.parent_path().empty()) {
        std::filesystem::create_directories(options.journalPath.parent_path());
    }
    kvbcli::ProgressDisplay display(stderr);
    const Inventory inv = migrator->inventory(context);
    const Plan plan = migrator->plan(inv, context);
    printPlanProblems(plan);
    const MigrationReport report = migrator->execute(
        inv, plan, [&](const Progress& p) { display.update(p); }, context);
    display.finish(report);
    writeReport(report, dir);
    if (o.json) {
        std::cout << toJson(report) << "\n";
    } else {
        std::cout << toSummaryText(report) << "report: " << (dir / "report.md").string() << ", "
                  << (dir / "report.json").string() << "\n";
    }
    if (context.isCancelled()) {
        std::cerr << "kvbridge: interrupted; run the same command again to resume\n";
        return kExitPartial;
    }
    return exitCodeOf(report);
}

int runInventory(const kvbcli::Options& o, const kvb::Context& context) {
    const Inventory inv = makeMigrator(o, {})->inventory(context);
    if (o.json) {
        std::cout << toJson(inv) << "\n";
    } else {
        printInventory(inv);
    }
    return kExitOk;
}

int runPools(const kvbcli::Options& o, const kvb::Context& context) {
    const auto migrator = makeMigrator(o, beforeAnyRequest([&] { return migrationOptions(o); }));
    const Inventory inv = migrator->inventory(context);
    const Plan plan = migrator->plan(inv, context);
    printPlanProblems(plan);
    const MigrationReport report = migrator->execute(inv, plan, {}, context);
    if (o.json) {
        std::cout << toJson(report.pools) << "\n";
        return kExitOk;
    }
    for (const auto& g : report.pools) {
        std::cout << "# " << (g.jobSchedule ? "job schedule " : "pool ") << g.poolId << " ("
                  << (g.os == PoolOs::Windows ? "Windows" : "Linux") << ")";
        if (!g.unmigrated.empty())
            std::cout << " - " << g.unmigrated.size() << " certificate(s) not in the vault yet";
        std::cout << "\n" << g.extensionJson << "\n\n";
    }
    return kExitOk;
}

} // namespace

int main(int argc, char** argv) {
    kvbcli::Options options;
    try {
        options = kvbcli::parseOptions(argc, argv);
    } catch (const kvbcli::UsageError& e) {
        std::cerr << "kvbridge: " << e.what() << "\n\n" << kvbcli::helpText(argc > 1 ? argv[1] : "");
        return kExitUsage;
    }
    if (options.help) {
        std::cout << kvbcli::helpText(options.command);
        return kExitOk;
    }
    if (options.version) {
        std::cout << "kvbridge " << kvb::versionString() << "\n";
        return kExitOk;
    }
    kvb::Context context;
    gContext = &context;
    std::signal(SIGINT, onSignal);
    std::signal(SIGTERM, onSignal);
    try {
        if (options.command == "migrate") return runMigrate(options, context);
        if (options.command == "inventory") return runInventory(options, context);
        if (options.command == "vault create")
            return beforeAnyRequest([&] { return kvbcli::runVaultCreate(options, context); });
        if (options.command.rfind("access ", 0) == 0)
            return beforeAnyRequest([&] { return kvbcli::runAccess(options, context); });
        return runPools(options, context);
    } catch (const InputError& e) {
        std::cerr << "kvbridge: " << e.what() << "\n";
        return kExitUsage;
    } catch (const kvb::Error& e) {
        std::cerr << "kvbridge: " << e.what() << "\n";
        return kExitFailed;
    } catch (const std::exception& e) {
        std::cerr << "kvbridge: " << e.what() << "\n";
        return kExitFailed;
    }
}
