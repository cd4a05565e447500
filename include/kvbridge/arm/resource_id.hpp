// SPDX-License-Identifier: MIT
#pragma once

/**
 * @file resource_id.hpp
 * @brief ResourceId: an Azure Resource Manager resource id, parsed and built.
 */

#include <kvbridge/export.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kvb::arm {

/**
 * @brief An Azure Resource Manager resource id, such as
 * `/subscriptions/{sub}/resourceGroups/{rg}/providers/Microsoft.Batch/batchAccounts/{account}/pools/{pool}`.
 *
 * Forms understood: a subscription (`/subscriptions/{sub}`), a resource group, a resource of a
 * provider in a resource group, in a subscription (`/subscriptions/{sub}/providers/...`) or in the
 * tenant (`/providers/...`, e.g. a built-in role definition or a management group), child
 * resources (more type/name pairs after the first), and extension resources (a further
 * `/providers/{namespace}/{type}/{name}` after a resource, e.g. a role assignment on a vault).
 *
 * Keywords (`subscriptions`, `resourceGroups`, `providers`) are matched case-insensitively, as
 * Resource Manager does, and str() writes them in their canonical spelling; names, namespaces and
 * types keep the case they were given. Two ids compare equal when they differ only in case.
 * A value type; every instance holds a valid id.
 */
class KVB_EXPORT ResourceId {
public:
    /** @brief A resource type and name in the chain under a provider ("pools", "testpool"). */
    struct TypeName {
        std::string type; ///< e.g. "batchAccounts", then "pools".
        std::string name; ///< e.g. "sampleacct", then "testpool".
    };
    /** @brief One `/providers/{namespace}/{type}/{name}[/{type}/{name}]...` part of an id. */
    struct ProviderPart {
        std::string providerNamespace; ///< e.g. "Microsoft.Batch".
        std::vector<TypeName> chain;   ///< The resource, then its children; never empty.
    };

    /**
     * @brief Parse @p id.
     * @param[in] id  a resource id as Resource Manager writes it (leading '/', no query).
     * @return The parsed id.
     * @throws InvalidArgument naming @p id and what is wrong with it (empty segment, a type
     * without a name, `resourceGroups` without a subscription, ...).
     */
    static ResourceId parse(std::string_view id);

    /**
     * @brief The id of a subscription.
     * @param[in] subscriptionId  the subscription's id (a GUID in Azure).
     * @return `/subscriptions/{subscriptionId}`.
     * @throws InvalidArgument for an empty id or one holding '/', '?', '#' or a control character.
     */
    static ResourceId subscription(std::string_view subscriptionId);

    /**
     * @brief The id of a resource group.
     * @param[in] subscriptionId     the subscription.
     * @param[in] resourceGroupName  the resource group.
     * @return `/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}`.
     * @throws InvalidArgument as subscription() does, for either name.
     */
    static ResourceId resourceGroup(std::string_view subscriptionId, std::string_view resourceGroupName);

    /**
     * @brief A resource of a provider under this id: a top-level resource under a subscription or
     * resource group, or an extension resource under a resource (a role assignment on a vault).
     * @param[in] providerNamespace  e.g. "Microsoft.KeyVault".
     * @param[in] type               e.g. "vaults".
     * @param[in] name               e.g. "myvault".
     * @return This id + `/providers/{providerNamespace}/{type}/{name}`.
     * @throws InvalidArgument for an empty part or one holding '/', '?', '#' or a control character.
     */
    ResourceId withProvider(std::string_view providerNamespace, std::string_view type,
                            std::string_view name) const;

    /**
     * @brief A child resource of this resource (a pool of a Batch account).
     * @param[in] type  e.g. "pools".
     * @param[in] name  e.g. "testpool".
     * @return This id + `/{type}/{name}`.
     * @throws InvalidArgument when this id names no provider resource, or for a bad part.
     */
    ResourceId child(std::string_view type, std::string_view name) const;

    /** @return The subscription id; empty for a tenant-level id. */
    const std::string& subscriptionId() const noexcept { return subscriptionId_; }
    /** @return The resource group name; empty when the id is not in a resource group. */
    const std::string& resourceGroupName() const noexcept { return resourceGroup_; }
    /** @return The provider parts, outermost first; empty for a subscription or resource group. */
    const std::vector<ProviderPart>& providers() const noexcept { return providers_; }

    /** @return The namespace of the innermost provider part ("Microsoft.Batch"); empty when none. */
    std::string providerNamespace() const;
    /**
     * @return The full type of the resource: "Microsoft.Batch/batchAccounts/pools",
     * "Microsoft.Resources/resourceGroups" or "Microsoft.Resources/subscriptions".
     */
    std::string resourceType() const;
    /** @return The resource's own name: the last name in the id (the subscription id for a subscription). */
    const std::string& name() const noexcept;

    /**
     * @brief The id this one is under.
     * @return A child's parent resource, an extension resource's resource, a top-level resource's
     * resource group (or subscription), a resource group's subscription; nullopt for a
     * subscription or a tenant-level top-level resource.
     */
    std::optional<ResourceId> parent() const;

    /** @return True for a resource group id (no provider part). */
    bool isResourceGroup() const noexcept { return !resourceGroup_.empty() && providers_.empty(); }
    /** @return True for a subscription id (no resource group, no provider part). */
    bool isSubscription() const noexcept {
        return !subscriptionId_.empty() && resourceGroup_.empty() && providers_.empty();
    }

    /** @return The id as Resource Manager writes it, keywords in canonical spelling. */
    std::string str() const;
    /**
     * @return The id's segments, in order, without '/' ("subscriptions", "{sub}", ...): the path a
     * client escapes segment by segment into a URL.
     */
    std::vector<std::string> segments() const;

    /** @brief Equal when str() of both differs only in ASCII case. */
    friend KVB_EXPORT bool operator==(const ResourceId& a, const ResourceId& b);

private:
    ResourceId() = default;
    std::string subscriptionId_;
    std::string resourceGroup_;
    std::vector<ProviderPart> providers_;
};

} // namespace kvb::arm
