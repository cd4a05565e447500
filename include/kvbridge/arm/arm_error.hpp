// SPDX-License-Identifier: MIT
#pragma once

/**
 * @file arm_error.hpp
 * @brief Resource Manager's error shape in the library's error hierarchy.
 *
 * A Resource Manager call that fails throws the usual ServiceError subclass (NotFoundError,
 * ConflictError, ThrottledError, ServiceError) with `error.code` as serviceCode(), `error.message`
 * as serviceMessage() and x-ms-request-id (else x-ms-correlation-request-id) as requestId().
 * ServiceErrorInfo::values carries the rest: "target", each detail as "details[0].code",
 * "details[0].message", "details[0].target" (nested ones as "details[0].details[1].code"),
 * "x-ms-correlation-request-id", and on throttling the "x-ms-ratelimit-remaining-*" counters.
 * armErrorDetails() reads the details back as a tree.
 */

#include <kvbridge/error.hpp>
#include <kvbridge/export.hpp>

#include <string>
#include <vector>

namespace kvb::arm {

/** @brief One entry of an ARM error's `details`. */
struct ArmErrorDetail {
    std::string code;                    ///< e.g. "InvalidTemplateDeployment".
    std::string message;                 ///< The service's message.
    std::string target;                  ///< What the detail is about, when the service says.
    std::vector<ArmErrorDetail> details; ///< Nested details (at most three levels are kept).
};

/**
 * @brief The `details` of the ARM error behind @p error, in order.
 * @param[in] error  any ServiceError; one without ARM details gives an empty list.
 * @return The details tree.
 */
KVB_EXPORT std::vector<ArmErrorDetail> armErrorDetails(const ServiceError& error);

/**
 * @brief A long-running Resource Manager operation ended in a terminal failure: the operation
 * status said "Failed" or "Canceled", or the resource's provisioningState did. serviceCode() is
 * the status's `error.code` (the state itself when the service gave no code), httpStatus() the
 * status of the answer that reported it, requestId() that answer's request id.
 */
class KVB_EXPORT ArmOperationFailedError : public ServiceError {
public:
    /**
     * @param[in] info               the error as read from the answer that reported the failure.
     * @param[in] provisioningState  the terminal state ("Failed", "Canceled").
     * @param[in] operation          what the operation did ("creation of vault 'v'").
     */
    ArmOperationFailedError(ServiceErrorInfo info, std::string provisioningState, std::string operation);
    /** @return The terminal state the service reported ("Failed", "Canceled"). */
    const std::string& provisioningState() const noexcept { return provisioningState_; }
    /** @return What the operation did, as its Operation::description() says. */
    const std::string& operation() const noexcept { return operation_; }

private:
    std::string provisioningState_;
    std::string operation_;
};

} // namespace kvb::arm
