// SPDX-License-Identifier: MIT
#include <kvbridge/arm/arm_error.hpp>

#include <map>
#include <utility>

namespace kvb::arm {

namespace {

using Values = std::map<std::string, std::string>;

bool anyKeyStartsWith(const Values& values, const std::string& prefix) {
    const auto it = values.lower_bound(prefix);
    return it != values.end() && it->first.compare(0, prefix.size(), prefix) == 0;
}

std::string valueOf(const Values& values, const std::string& key) {
    const auto it = values.find(key);
    return it == values.end() ? std::string() : it->second;
}

// The error reader writes details[0], details[1], ... without gaps, each level under its
// parent's prefix ("details[0].details[1].code").
std::vector<ArmErrorDetail> detailsUnder(const Values& values, const std::string& prefix) {
    std::vector<ArmErrorDetail> out;
    for (std::size_t i = 0;; ++i) {
        const std::string at = prefix + "details[" + std::to_string(i) + "].";
        if (!anyKeyStartsWith(values, at)) return out;
        ArmErrorDetail detail;
        detail.code = valueOf(values, at + "code");
        detail.message = valueOf(values, at + "message");
        detail.target = valueOf(values, at + "target");
        detail.details = detailsUnder(values, at);
        out.push_back(std::move(detail));
    }
}

} // namespace

std::vector<ArmErrorDetail> armErrorDetails(const ServiceError& error) {
    return detailsUnder(error.info().values, "");
}

ArmOperationFailedError::ArmOperationFailedError(ServiceErrorInfo info, std::string provisioningState,
                                                 std::string operation)
    : ServiceError(std::move(info)), provisioningState_(std::move(provisioningState)),
      operation_(std::move(operation)) {}

} // namespace kvb::arm
