// SPDX-License-Identifier: MIT
// The fields of the C options structs.

#include "options.hpp"

namespace kvb::capi {

std::optional<bool> optionalFlag(int value, const char* what) {
    if (value == KVB_UNSET) return std::nullopt;
    if (value != 0 && value != 1) throw InvalidArgument(std::string(what) + " is neither 0, 1 nor KVB_UNSET");
    return value == 1;
}

std::optional<std::chrono::system_clock::time_point> optionalTime(int64_t seconds) {
    if (seconds == 0) return std::nullopt;
    return std::chrono::system_clock::time_point(std::chrono::seconds(seconds));
}

std::vector<std::string> stringList(const char* const* items, size_t count, const char* what) {
    if (count > 0 && items == nullptr) throw InvalidArgument(std::string(what) + " is NULL");
    std::vector<std::string> out;
    out.reserve(count);
    for (size_t i = 0; i < count; ++i) out.emplace_back(required(items[i], what));
    return out;
}

std::optional<std::map<std::string, std::string>> optionalTags(const kvb_tag* tags, size_t count) {
    if (tags == nullptr) {
        if (count > 0) throw InvalidArgument("tags is NULL");
        return std::nullopt;
    }
    std::map<std::string, std::string> out;
    for (size_t i = 0; i < count; ++i) {
        const std::string name(required(tags[i].name, "tag name"));
        if (!out.emplace(name, required(tags[i].value, "tag value")).second)
            throw InvalidArgument("tag '" + name + "' is given twice");
    }
    return out;
}

} // namespace kvb::capi
