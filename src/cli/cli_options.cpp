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

// The commands that read a Batch account, and those that talk to Resource Manager.
const std::vector<std::string> kBatchCommands = {"migrate", "inventory", "pools"};
const std::vector<std::string> kAccessCommands = {"access grant", "access list", "access revoke"};
const std::vector<std::string> kArmCommands = {"vault create", "access grant", "access list",
                                               "access revoke"};

struct Spec {
    bool takesValue;
    std::vector<std::string> commands; // empty: all
    std::function<void(Options&, const std::string&)> apply;
};

const std::map<std::string, Spec>& specs() {
    static const std::map<std::string, Spec> table = {
        {"--batch-account",
         {true, kBatchCommands, [](Options& o, const std::string& v) { o.batchAccountUrl = v; }}},
        {"--batch-account-name",
         {true, kBatchCommands, [](Options& o, const std::string& v) { o.batchAccountName = v; }}},
        {"--batch-shared-key-env",
         {true, kBatchCommands, [](Options& o, const std::string& v) { o.batchSharedKeyEnv = v; }}},
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
        {"--json", {false, kBatchCommands, [](Options& o, const std::string&) { o.json = true; }}},
        {"--arm-endpoint", {true, kArmCommands, [](Options& o, const std::string& v) { o.armEndpoint = v; }}},
        {"--subscription",
         {true, kArmCommands, [](Options& o, const std::string& v) { o.subscription = v; }}},
        {"--resource-group",
         {true, kArmCommands, [](Options& o, const std::string& v) { o.resourceGroup = v; }}},
        {"--vault-name", {true, kArmCommands, [](Options& o, const std::string& v) { o.vaultName = v; }}},
        {"--location", {true, {"vault create"}, [](Options& o, const std::string& v) { o.location = v; }}},
        {"--tenant", {true, {"vault create"}, [](Options& o, const std::string& v) { o.tenant = v; }}},
        {"--sku",
         {true,
          {"vault create"},
          [](Options& o, const std::string& v) {
              if (v != "standard" && v != "premium") throw UsageError("--sku takes standard or premium");
              o.sku = v;
          }}},
        {"--no-rbac", {false, {"vault create"}, [](Options& o, const std::string&) { o.rbac = false; }}},
        {"--retention-days",
         {true,
          {"vault create"},
          [](Options& o, const std::string& v) { o.retentionDays = toInt("--retention-days", v, 7, 90); }}},
        {"--purge-protection",
         {false, {"vault create"}, [](Options& o, const std::string&) { o.purgeProtection = true; }}},
        {"--principal", {true, kAccessCommands, [](Options& o, const std::string& v) { o.principal = v; }}},
        {"--principal-type",
         {true, {"access grant"}, [](Options& o, const std::string& v) { o.principalType = v; }}},
        {"--role",
         {true, {"access grant", "access revoke"}, [](Options& o, const std::string& v) { o.role = v; }}},
        {"--secret", {true, kAccessCommands, [](Options& o, const std::string& v) { o.secretName = v; }}},
        {"--certificate",
         {true, kAccessCommands, [](Options& o, const std::string& v) { o.certificateName = v; }}},
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
    int first = 2;
    if (o.command == "vault" || o.command == "access") {
        const std::string group = o.command;
        const std::string sub = argc > 2 ? argv[2] : "";
        if (sub == "--help" || sub == "-h" || sub.empty()) {
            o.help = !sub.empty();
            if (sub.empty()) throw UsageError("'" + group + "' needs a subcommand");
            return o;
        }
        const bool known =
            group == "vault" ? sub == "create" : (sub == "grant" || sub == "list" || sub == "revoke");
        if (!known) throw UsageError("unknown command '" + group + " " + sub + "'");
        o.command = group + " " + sub;
        first = 3;
    } else if (o.command != "migrate" && o.command != "inventory" && o.command != "pools") {
        throw UsageError("unknown command '" + o.command + "'");
    }
    for (int i = first; i < argc; ++i) {
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
    if (std::find(kArmCommands.begin(), kArmCommands.end(), o.command) != kArmCommands.end()) {
        if (o.subscription.empty()) throw UsageError("--subscription ID is required");
        if (o.resourceGroup.empty()) throw UsageError("--resource-group NAME is required");
        if (o.vaultName.empty()) throw UsageError("--vault-name NAME is required");
        if (o.command == "vault create" && o.location.empty())
            throw UsageError("--location REGION is required");
        if (o.command != "vault create" && o.principal.empty())
            throw UsageError("--principal ID is required");
        if ((o.command == "access grant" || o.command == "access revoke") && o.role.empty())
            throw UsageError("--role NAME|ID is required");
        if (!o.secretName.empty() && !o.certificateName.empty())
            throw UsageError("--secret and --certificate narrow the scope to one object: give one");
        return o;
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
    const std::string arm =
        "Resource Manager options:\n"
        "  --subscription ID               the subscription of the vault (required)\n"
        "  --resource-group NAME           the vault's resource group (required)\n"
        "  --vault-name NAME               the vault's name, 3-24 letters, digits and '-' (required)\n"
        "  --arm-endpoint URL              Resource Manager (default https://management.azure.com)\n"
        "  --ca-file FILE                  trust this PEM CA bundle instead of the system store\n"
        "  --connect-to HOST:PORT:ADDR:PORT  send connections for HOST:PORT to ADDR:PORT (repeatable)\n"
        "  --timeout SECONDS               limit for one request (default 120)\n"
        "Entra ID tokens come from DefaultAzureCredential (see 'kvbridge migrate --help').\n";
    const std::string objectScope =
        "  --secret NAME                   the scope is this secret of the vault, not the whole vault\n"
        "  --certificate NAME              the scope is this certificate of the vault\n";
    if (command == "vault" || command == "vault create") {
        return "Usage: kvbridge vault create --subscription ID --resource-group NAME --vault-name NAME\n"
               "                             --location REGION [options]\n\n"
               "Create a Key Vault through Resource Manager (or update its settings) and wait until it is\n"
               "provisioned. Role-based access control is on: grant access with 'kvbridge access grant'.\n\n"
               "  --location REGION               Azure region, e.g. westeurope (required)\n"
               "  --tenant ID                     Entra ID tenant of the vault (default: AZURE_TENANT_ID)\n"
               "  --sku standard|premium          pricing tier (default standard)\n"
               "  --no-rbac                       authorize with access policies instead of roles\n"
               "  --retention-days N              soft-delete retention, 7 to 90 (default 90)\n"
               "  --purge-protection              turn purge protection on (it cannot be turned off)\n\n" +
               arm;
    }
    if (command == "access" || command == "access grant") {
        return "Usage: kvbridge access grant --subscription ID --resource-group NAME --vault-name NAME\n"
               "                             --principal ID --role NAME|ID [options]\n"
               "       kvbridge access list|revoke ...\n\n"
               "Give a principal (the object id of a managed identity, an app or a user) a role at the "
               "vault,\n"
               "or at one secret or certificate of it. Idempotent: a rerun finds its own assignment and\n"
               "creates nothing new.\n\n"
               "  --principal ID                  object id (principalId) of the identity (required)\n"
               "  --role NAME|ID                  e.g. \"Key Vault Secrets User\" or its GUID (required)\n"
               "  --principal-type TYPE           ServicePrincipal (default), User, Group\n" +
               objectScope + "\n" + arm;
    }
    if (command == "access list") {
        return "Usage: kvbridge access list --subscription ID --resource-group NAME --vault-name NAME\n"
               "                            --principal ID [options]\n\n"
               "List the role assignments of a principal that apply at the vault (or at one object).\n\n"
               "  --principal ID                  object id of the identity (required)\n" +
               objectScope + "\n" + arm;
    }
    if (command == "access revoke") {
        return "Usage: kvbridge access revoke --subscription ID --resource-group NAME --vault-name NAME\n"
               "                              --principal ID --role NAME|ID [options]\n\n"
               "Delete the principal's assignments of the role made at exactly that scope.\n\n"
               "  --principal ID                  object id of the identity (required)\n"
               "  --role NAME|ID                  the role to take away (required)\n" +
               objectScope + "\n" + arm;
    }
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
           "  pools       print Key Vault extension settings for the pools\n"
           "  vault create              create a Key Vault (role-based access control on)\n"
           "  access grant|list|revoke  manage who may use the vault (role assignments)\n\n"
           "Run 'kvbridge <command> --help' for the options of a command, 'kvbridge --version' for the\n"
           "version. The manual is kvbridge(1).\n";
}

} // namespace kvbcli
