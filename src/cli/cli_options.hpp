// SPDX-License-Identifier: MIT
#pragma once

// Command-line parsing for the kvbridge CLI: one Options struct for every command, filled from
// "--name value", "--name=value" and flags; unknown or misplaced options are usage errors.

#include <stdexcept>
#include <string>
#include <vector>

namespace kvbcli {

/** A usage error: exit code 64 with the command's help hint. */
struct UsageError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

struct Options {
    std::string command; ///< migrate, inventory, pools, "vault create", "access grant|list|revoke"
    bool help = false;
    bool version = false; ///< --version: print "kvbridge <version>" and exit
    // Services
    std::string batchAccountUrl;
    std::string batchAccountName;
    std::string batchSharedKeyEnv;
    std::string vaultUrl;
    std::string caFile;
    std::vector<std::string> connectTo;
    bool disableChallengeResourceVerification = false;
    int timeoutSeconds = 120; ///< per request try; also bounds a rerun's wait for an interrupted write
    // Key material and naming
    std::vector<std::string> keyMaterial;
    std::string passwordsFile;
    std::string passwordEnv;
    std::string namesFile;
    bool recoverDeleted = false;
    // Run
    bool dryRun = false;
    int concurrency = 8;
    int writeBudget = 250;
    std::string journal;
    std::string reportDir;
    bool clearPoolReferences = false;
    bool deleteBatchCertificates = false;
    std::string verify = "basic";
    // Pool guidance
    std::string msiClientId;
    std::string msiResourceId;
    int pollingInterval = 3600;
    // Resource Manager (vault create, access)
    std::string armEndpoint = "https://management.azure.com";
    std::string subscription;
    std::string resourceGroup;
    std::string vaultName;
    std::string location;
    std::string tenant;
    std::string sku = "standard";
    bool rbac = true;
    int retentionDays = 0; ///< 0: the service's 90
    bool purgeProtection = false;
    std::string principal;
    std::string principalType = "ServicePrincipal";
    std::string role;
    std::string secretName;
    std::string certificateName;
    // Output
    bool json = false;
};

/** Parse argv (argv[0] is the program). @throws UsageError. */
Options parseOptions(int argc, char** argv);

/** Help text of @p command ("" for the overview). */
std::string helpText(const std::string& command);

} // namespace kvbcli
