// SPDX-License-Identifier: MIT
// Microsoft.KeyVault vaults (keyvault.json, 2025-05-01).
#include "arm/arm_json.hpp"

#include <kvbridge/error.hpp>

namespace kvb::arm {

const char* toString(VaultSkuName sku) noexcept {
    switch (sku) {
    case VaultSkuName::Standard: return "standard";
    case VaultSkuName::Premium: return "premium";
    case VaultSkuName::Unknown: break;
    }
    return "unknown";
}

} // namespace kvb::arm

namespace kvb::arm {

using namespace kvb::detail;

namespace {

VaultSkuName skuFromWire(std::string_view wire) {
    if (http::equalsIgnoreCase(wire, "standard")) return VaultSkuName::Standard;
    if (http::equalsIgnoreCase(wire, "premium")) return VaultSkuName::Premium;
    return VaultSkuName::Unknown;
}

void readVaultProperties(VaultProperties& out, const JsonValue& p) {
    out.tenantId = optString(p, "tenantId").value_or("");
    if (const auto* sku = findMember(p, "sku")) {
        out.sku = skuFromWire(optString(requireObject(*sku, "sku"), "name").value_or(""));
        out.skuFamily = optString(*sku, "family").value_or("");
    }
    out.vaultUri = optString(p, "vaultUri").value_or("");
    out.enableRbacAuthorization = optBool(p, "enableRbacAuthorization");
    out.enableSoftDelete = optBool(p, "enableSoftDelete");
    out.softDeleteRetentionInDays = optInt32(p, "softDeleteRetentionInDays");
    out.enablePurgeProtection = optBool(p, "enablePurgeProtection");
    out.enabledForDeployment = optBool(p, "enabledForDeployment");
    out.enabledForDiskEncryption = optBool(p, "enabledForDiskEncryption");
    out.enabledForTemplateDeployment = optBool(p, "enabledForTemplateDeployment");
    out.publicNetworkAccess = optString(p, "publicNetworkAccess").value_or("");
    out.provisioningState = optString(p, "provisioningState").value_or("");
    if (const auto* policies = findMember(p, "accessPolicies")) {
        if (!policies->IsArray()) throw ParseError("vault field 'accessPolicies' is not an array");
        out.accessPolicyCount = policies->Size();
    }
}

} // namespace

Vault parseVault(const JsonValue& obj) {
    Vault vault;
    readResource(vault, obj);
    if (const auto* p = propertiesOf(obj)) readVaultProperties(vault.properties, *p);
    return vault;
}

VaultNameAvailability parseVaultNameAvailability(const JsonValue& obj) {
    VaultNameAvailability out;
    out.nameAvailable = optBool(obj, "nameAvailable").value_or(false);
    out.reason = optString(obj, "reason").value_or("");
    out.message = optString(obj, "message").value_or("");
    return out;
}

std::string vaultBody(const CreateOrUpdateVaultOptions& options) {
    if (options.location.empty()) throw InvalidArgument("vault location is required");
    validateGuid(options.tenantId, "vault tenant id");
    if (options.sku == VaultSkuName::Unknown) throw InvalidArgument("vault SKU must be Standard or Premium");
    if (options.softDeleteRetentionInDays &&
        (*options.softDeleteRetentionInDays < 7 || *options.softDeleteRetentionInDays > 90))
        throw InvalidArgument("vault soft-delete retention must be 7-90 days");
    if (options.enablePurgeProtection && !*options.enablePurgeProtection)
        throw InvalidArgument(
            "vault purge protection cannot be turned off; leave enablePurgeProtection unset");
    JsonWriter w;
    w.startObject().member("location", options.location);
    if (!options.tags.empty()) w.member("tags", options.tags);
    w.key("properties").startObject().member("tenantId", options.tenantId);
    w.key("sku").startObject().member("family", "A").member("name", toString(options.sku)).endObject();
    // Required unless the vault is being recovered; with RBAC authorization they are ignored.
    w.key("accessPolicies").startArray().endArray();
    w.member("enableRbacAuthorization", options.enableRbacAuthorization)
        .member("softDeleteRetentionInDays", options.softDeleteRetentionInDays)
        .member("enablePurgeProtection", options.enablePurgeProtection)
        .member("publicNetworkAccess", options.publicNetworkAccess);
    w.endObject().endObject();
    return w.str();
}

} // namespace kvb::arm
