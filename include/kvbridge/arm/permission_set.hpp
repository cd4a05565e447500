// SPDX-License-Identifier: MIT
#pragma once

/**
 * @file permission_set.hpp
 * @brief Permission (the actions of a role) and PermissionSet (what a caller may do at a scope),
 * with the wildcard matching Azure RBAC applies.
 */

#include <kvbridge/export.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace kvb::arm {

/// @brief One permission block of a role definition, or of the caller's permissions at a scope.
/// Patterns may hold '*', as in "Microsoft.KeyVault/vaults/*" or "*/read".
struct Permission {
    std::vector<std::string> actions;        ///< Allowed management actions.
    std::vector<std::string> notActions;     ///< Management actions taken out of `actions`.
    std::vector<std::string> dataActions;    ///< Allowed data actions.
    std::vector<std::string> notDataActions; ///< Data actions taken out of `dataActions`.
};

/// @brief Every permission block that applies to a caller at a scope (one per role assignment;
/// Microsoft.Authorization/permissions returns them), and the question a tool asks before it
/// starts: "may I do X here?".
///
/// An action is allowed when one block allows it: the action matches one of the block's
/// `actions` and none of its `notActions` (data actions likewise with `dataActions` and
/// `notDataActions`). Matching ignores ASCII case and '*' stands for any run of characters, '/'
/// included: "Microsoft.Authorization/*/write" covers "Microsoft.Authorization/roleAssignments/write".
/// Deny assignments are not part of this answer.
struct KVB_EXPORT PermissionSet {
    std::vector<Permission> permissions; ///< The blocks, as the service listed them.

    /**
     * @brief Whether a management (control-plane) action is allowed.
     * @param[in] action  e.g. "Microsoft.Authorization/roleAssignments/write".
     * @return True when one block allows it.
     */
    bool allowsAction(std::string_view action) const;

    /**
     * @brief Whether a data action is allowed.
     * @param[in] dataAction  e.g. "Microsoft.KeyVault/vaults/secrets/getSecret/action".
     * @return True when one block allows it.
     */
    bool allowsDataAction(std::string_view dataAction) const;
};

/// @brief Azure RBAC's pattern match: ASCII case ignored, '*' matches any run of characters
/// (none included).
/// @param[in] pattern  e.g. "Microsoft.KeyVault/vaults/*/read".
/// @param[in] action   e.g. "Microsoft.KeyVault/vaults/secrets/read".
/// @return True when @p action matches @p pattern.
KVB_EXPORT bool actionMatches(std::string_view pattern, std::string_view action) noexcept;

} // namespace kvb::arm
