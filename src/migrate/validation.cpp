// SPDX-License-Identifier: MIT
// Checks of a migration's inputs and outputs that need no service: they run before the first
// request, so a mistake in a path or URL costs nothing and names what is wrong.

#include <kvbridge/migrate/migrator.hpp>
#include <kvbridge/migrate/report.hpp>

#include "core/input_file.hpp"
#include "core/url.hpp"

#include <kvbridge/error.hpp>

namespace kvb::migrate {

void validateMigrationOptions(const MigrationOptions& options) {
    if (!options.vaultUrl.empty()) (void)kvb::detail::parseServiceUrl(options.vaultUrl, "vault URL");
    validateKeyMaterialRoots(options.keyMaterial);
    if (!options.dryRun && !options.journalPath.empty()) {
        if (const auto problem = kvb::detail::unwritablePathReason(options.journalPath, false);
            !problem.empty())
            throw InvalidArgument("journal " + options.journalPath.string() + " " + problem);
    }
}

void validateReportFolder(const std::filesystem::path& dir) {
    if (const auto problem = kvb::detail::unwritablePathReason(dir, true); !problem.empty())
        throw InvalidArgument("report folder " + dir.string() + " " + problem);
}

} // namespace kvb::migrate
