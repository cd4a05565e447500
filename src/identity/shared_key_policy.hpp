// SPDX-License-Identifier: MIT
#pragma once

// Batch Shared Key: the string-to-sign, exposed for known-answer tests.

#include <kvbridge/http/request.hpp>

#include <chrono>
#include <functional>
#include <string>

namespace kvb::identity {

/**
 * The Batch string-to-sign of @p request for @p account (specs/README.md "Batch Shared Key"):
 * verb, the eleven standard header values (Date empty when ocp-date is set), lower-cased sorted
 * ocp-* headers, "/<account><path as sent>", then "\n<name>:<values>" per query parameter with
 * lower-cased sorted names, URL-decoded values, repeated values sorted and comma-joined.
 * Content-Length is the header's value as it will be sent (the policy sets it explicitly).
 */
std::string sharedKeyStringToSign(const http::Request& request, const std::string& account);

} // namespace kvb::identity
