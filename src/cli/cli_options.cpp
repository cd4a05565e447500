// SPDX-License-Identifier: MIT
#include "cli_options.hpp"

#include <algorithm>
#include <cstdlib>
#include <functional>
#include <map>

namespace kvbcli {

namespace {

int toInt(const std::string& name, const std::string& value, int min, int max) {
    char* end = nullptr;
    const long v = std::strtol(value.c_str(), &end, 10);
    if (value.empty() || *end != '\0' || v < min || v > max) {
        throw UsageError(name + " takes a number from " + std::to_string(min) + " to " + std::to_string(max));
    }
    return static_cast<int>(v);
}

struct Spec {
    bool takesValue;
    std::vector<std::string> commands; // empty: all
    std::function<void(Options&, const std::string&)> apply;
};

const std::map<std::string, Spec>& specs() {
    static const std::map<std::string, Spec> table = {
        {"--batch-account", {true, {}, [](Options& o, const std::string& v) { o.batchAccountUrl = v; }}},
        {"--batch-account-name",
         {true, {}, [](Options& o, const std::string& v) { o.batchAccountName = v; }}},
        {"--batch-shared-key-env",
         {true, {}, [](Options& o, const std::string& v) { o.batchSharedKeyEnv = v; }}},
        {"--vault", {true, {"migrate", "pools"}, [](Options& o, const std::string& v) { o.vaultUrl = v; }}},
        {"--ca-file", {true, {}, [](Options& o, const std::string& v) { o.caFile = v; }}},
        {"--connect-to", {true, {}, [](Options& o, const std::string& v) { o.connectTo.push_back(v); }}},
        {"--timeout",
         {true,
          {},
          [](Options& o, const std::string& v) { o.timeoutSeconds = toInt("--timeout", v, 1, 3600); }}},
        {"--disable-challenge-resource-verification",
         {false,
          {"migrate", "pools"},
          [](Options& o, const std::string&) { o.disableChallengeResourceVerification = true; }}},
        {"--key-material",
         {true, {"migrate", "pools"}, [](Options& o, const std::string& v) { o.keyMaterial.push_back(v); }}},
        {"--passwords",
         {true, {"migrate", "pools"}, [](Options& o, const std::string& v) { o.passwordsFile = v; }}},
        {"--password-env",
         {true, {"migrate", "pools"}, [](Options& o, const std::string& v) { o.passwordEnv = v; }}},
        {"--names", {true, {"migrate", "pools"}, [](Options& o, const std::string& v) { o.namesFile = v; }}},
        {"--recover-deleted",
         {false, {"migrate"}, [](Options& o, const std::string&) { o.recoverDeleted = true; }}},
        {"--dry-run", {false, {"migrate"}, [](Options& o, const std::string&) { o.dryRun = true; }}},
        {"--concurrency",
         {true,
          {"migrate"},
          [](Options& o, const std::string& v) { o.concurrency = toInt("--concurrency", v, 1, 64); }}},
        {"--write-budget",
         {true,
          {"migrate"},
          [](Options& o, const std::string& v) { o.writeBudget = toInt("--write-budget", v, 1, 10000); }}},
        {"--journal", {true, {"migrate"}, [](Options& o, const std::string& v) { o.journal = v; }}},
        {"--report", {true, {"migrate"}, [](Options& o, const std::string& v) { o.reportDir = v; }}},
        {"--clear-pool-references",
         {false, {"migrate"}, [](Options& o, const std::string&) { o.clearPoolReferences = true; }}},
        {"--delete-batch-certificates",
         {false, {"migrate"}, [](Options& o, const std::string&) { o.deleteBatchCertificates = true; }}},
        {"--verify",
         {true,
          {"migrate"},
          [](Options& o, const std::string& v) {
              if (v != "basic" && v != "deep") throw UsageError("--verify takes basic or deep");
              o.verify = v;
          }}},
        {"--msi-client-id",
         {true, {"migrate", "pools"}, [](Options& o, const std::string& v) { o.msiClientId = v; }}},
        {"--msi-resource-id",
         {true, {"migrate", "pools"}, [](Options& o, const std::string& v) { o.msiResourceId = v; }}},
        {"--polling-interval",
         {true,
          {"migrate", "pools"},
          [](Options& o, const std::string& v) {
              o.pollingInterval = toInt("--polling-interval", v, 60, 86400);
          }}},
        {"--json", {false, {}, [](Options& o, const std::string&) { o.json = true; }}},
    };
    return table;
}

} // namespace

Options parseOptions(int argc, char** argv) {
    Options o;
    if (argc < 2) throw UsageError("no command given");
    o.command = argv[1];
    if (o.command == "--help" || o.command == "-h" || o.command == "help") {
        o.help = true;
        o.command = argc > 2 ? argv[2] : "";
        return o;
    }
    if (o.command == "--version") {
        o.version = true;
        return o;
    }
    if (o.command != "migrate" && o.command != "inventory" && o.command != "pools") {
        throw UsageError("unknown command '" + o.command + "'");
    }
    for (int i = 2; i < argc; ++i) {
        std::string arg = argv[i];
        if (arg == "--help" || arg == "-h") {
            o.help = true;
            return o;
        }
        std::string value;
        bool inlineValue = false;
        if (const auto eq = arg.find('='); arg.rfind("--", 0) == 0 && eq != std::string::npos) {
            value = arg.substr(eq + 1);
            arg = arg.substr(0, eq);
            inlineValue = true;
        }
        auto it = specs().find(arg);
        if (it == specs().end()) throw UsageError("unknown option '" + arg + "'");
        const Spec& spec = it->second;
        if (!spec.commands.empty() &&
            std::find(spec.commands.begin(), spec.commands.end(), o.command) == spec.commands.end()) {
            throw UsageError(arg + " does not apply to '" + o.command + "'");
        }
        if (spec.takesValue && !inlineValue) {
            if (i + 1 >= argc) throw UsageError(arg + " needs a value");
            value = argv[++i];
        } else if (!spec.takesValue && inlineValue) {
            throw UsageError(arg + " takes no value");
        }
        spec.apply(o, value);
    }
    if (o.batchAccountUrl.empty()) throw UsageError("--batch-account URL is required");
    if (o.command != "inventory" && o.vaultUrl.empty()) throw UsageError("--vault URL is required");
    if (o.command == "migrate" && o.keyMaterial.empty()) throw UsageError("--key-material DIR is required");
    return o;
}

std::string helpText(const std::string& command) {
    const std::string common =
        "Connection options:\n"
        "  --batch-account URL             Batch account endpoint "
        "(https://<account>.<region>.batch.azure.com)\n"
        "  --batch-account-name NAME       account name for Shared Key and tags (default: first label of "
        "URL)\n"
        "  --batch-shared-key-env VAR      read the Batch account key from environment variable VAR\n"
        "                                  (otherwise Entra ID, as for Key Vault)\n"
        "  --ca-file FILE                  trust this PEM CA bundle instead of the system store\n"
        "  --connect-to HOST:PORT:ADDR:PORT  send connections for HOST:PORT to ADDR:PORT (repeatable)\n"
        "  --timeout SECONDS               limit for one request (default 120); a rerun after a crash\n"
        "                                  waits up to this long for a write the crashed run left open\n"
        "  --json                          machine-readable output on stdout\n"
        "Entra ID tokens come from DefaultAzureCredential, tried in this order: AZURE_TENANT_ID +\n"
        "AZURE_CLIENT_ID + AZURE_CLIENT_SECRET (or AZURE_CLIENT_CERTIFICATE_PATH [+ _PASSWORD]);\n"
        "workload identity (AZURE_FEDERATED_TOKEN_FILE); the host's managed identity (AZURE_CLIENT_ID\n"
        "selects a user-assigned one; IDENTITY_ENDPOINT/IDENTITY_HEADER, or KVB_IMDS_ENDPOINT to\n"
        "override IMDS); the Azure CLI. AZURE_AUTHORITY_HOST sets the login host. Secrets are never\n"
        "printed.\n";
    const std::string vault =
        "  --vault URL                     Key Vault URL (https://<vault>.vault.azure.net)\n"
        "  --disable-challenge-resource-verification  accept a challenge resource that does not match the\n"
        "                                  vault host (emulators, Azure Stack)\n"
        "  --key-material DIR|FILE         .pfx/.p12/.pem/.cer/.crt/.der files, searched recursively "
        "(repeatable)\n"
        "  --passwords FILE                JSON {\"file-or-thumbprint\": \"password\"} or INI 'name = "
        "password'\n"
        "  --password-env VAR              password for files the passwords file does not name\n"
        "  --names FILE                    JSON {\"<thumbprint>\": \"<vault name>\"}; default "
        "batch-<thumbprint>\n"
        "  --msi-client-id ID              client id of the pools' user-assigned identity (extension "
        "settings)\n"
        "  --msi-resource-id ID            ARM resource id of that identity (replacement pool spec)\n"
        "  --polling-interval SECONDS      extension polling interval (default 3600)\n";
    if (command == "migrate") {
        return "Usage: kvbridge migrate --batch-account URL --vault URL --key-material DIR [options]\n\n"
               "Copy every Batch certificate into Key Vault from your own key files, verify it, write a\n"
               "report and the Key Vault VM extension settings for each pool.\n\n" +
               vault +
               "  --dry-run                       plan only: print what would happen, write nothing\n"
               "  --concurrency N                 parallel vault writes (default 8)\n"
               "  --write-budget N                at most N vault writes per 10 s (default 250)\n"
               "  --journal FILE                  resume journal (default <report dir>/journal.jsonl)\n"
               "  --report DIR                    report folder (default ./kvbridge-report)\n"
               "  --verify basic|deep             deep also downloads each certificate and compares the key\n"
               "  --recover-deleted               recover a soft-deleted certificate of the target name\n"
               "  --clear-pool-references         after verification, clear the pools' certificate "
               "references\n"
               "  --delete-batch-certificates     after verification, delete the Batch certificates\n\n" +
               common +
               "\nExit status: 0 done, 2 partly done (see the report), 1 failed, 64 usage error or bad\n"
               "input (a URL, file or folder named on stderr; nothing was sent).\n";
    }
    if (command == "inventory") {
        return "Usage: kvbridge inventory --batch-account URL [options]\n\n"
               "List the Batch certificates and the pools and job schedules that reference them. When the\n"
               "certificate API is retired, the thumbprints come from the references.\n\n" +
               common;
    }
    if (command == "pools") {
        return "Usage: kvbridge pools --batch-account URL --vault URL [options]\n\n"
               "Print, for each pool that references certificates, the KeyVaultForLinux/KeyVaultForWindows\n"
               "extension block and the replacement pool specifications, using the certificates already in\n"
               "the vault. Writes nothing.\n\n" +
               vault + common;
    }
    return "Usage: kvbridge <command> [options]\n\n"
           "Commands:\n"
           "  migrate     move a Batch account's certificates into Key Vault\n"
           "  inventory   list Batch certificates and their references\n"
           "  pools       print Key Vault extension settings for the pools\n\n"
           "Run 'kvbridge <command> --help' for the options of a command, 'kvbridge --version' for the\n"
           "version. The manual is kvbridge(1).\n";
}

} // namespace kvbcli
