// SPDX-License-Identifier: MIT
#include <kvbridge/arm/permission_set.hpp>

#include <algorithm>

namespace kvb::arm {

namespace {

char lower(char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

bool anyMatches(const std::vector<std::string>& patterns, std::string_view action) {
    return std::any_of(patterns.begin(), patterns.end(),
                       [&](const std::string& pattern) { return actionMatches(pattern, action); });
}

// One block grants what matches its allow list and none of its exclusions; blocks add up.
template <class Allowed, class Excluded>
bool allowedByAny(const std::vector<Permission>& permissions, std::string_view action, Allowed allowed,
                  Excluded excluded) {
    return std::any_of(permissions.begin(), permissions.end(), [&](const Permission& p) {
        return anyMatches(p.*allowed, action) && !anyMatches(p.*excluded, action);
    });
}

} // namespace

bool actionMatches(std::string_view pattern, std::string_view action) noexcept {
    // Glob matching with '*' only, in linear time: on a mismatch, the last '*' takes one more
    // character and matching goes on from there.
    std::size_t p = 0, a = 0;
    std::size_t star = std::string_view::npos, resume = 0;
    while (a < action.size()) {
        if (p < pattern.size() && pattern[p] == '*') {
            star = p++;
            resume = a;
        } else if (p < pattern.size() && lower(pattern[p]) == lower(action[a])) {
            ++p;
            ++a;
        } else if (star != std::string_view::npos) {
            p = star + 1;
            a = ++resume;
        } else {
            return false;
        }
    }
    while (p < pattern.size() && pattern[p] == '*') ++p;
    return p == pattern.size();
}

bool PermissionSet::allowsAction(std::string_view action) const {
    return allowedByAny(permissions, action, &Permission::actions, &Permission::notActions);
}

bool PermissionSet::allowsDataAction(std::string_view dataAction) const {
    return allowedByAny(permissions, dataAction, &Permission::dataActions, &Permission::notDataActions);
}

} // namespace kvb::arm
