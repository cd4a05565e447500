// SPDX-License-Identifier: MIT
#pragma once

/**
 * @file log.hpp
 * @brief Process-wide log sink. Lines never carry secrets, tokens or bodies.
 */

#include <kvbridge/export.hpp>

#include <functional>
#include <string_view>

namespace kvb {

/** @brief Severity, from most to least verbose. */
enum class LogLevel {
    Verbose = 0,       ///< Also the request and response headers (values redacted unless allowed).
    Informational = 1, ///< Each request and response line, retries, tokens obtained.
    Warning = 2,       ///< Responses with a status of 400 or more; requests that got no response.
    Error = 3,         ///< Failures only.
    Off = 4,           ///< As a minimum level: logging off.
};

/** @brief Receives one log line. May be called from any thread, concurrently. */
using LogSink = std::function<void(LogLevel level, std::string_view message)>;

/**
 * @brief Install @p sink for lines at @p minimum and above; an empty sink turns logging off.
 *
 * Without a call, lines go nowhere unless AZURE_LOG_LEVEL (verbose|info|warning|error) is
 * set, in which case they go to stderr. Thread-safe.
 * @param[in] sink     receives the lines; may be called from any thread, concurrently.
 * @param[in] minimum  the least severe level that reaches the sink.
 */
KVB_EXPORT void setLogSink(LogSink sink, LogLevel minimum = LogLevel::Informational);

/**
 * @brief Whether a line at @p level would reach a sink, to skip building one that would not.
 * @param[in] level  the line's severity.
 * @return True when a sink takes lines at @p level.
 */
KVB_EXPORT bool shouldLog(LogLevel level) noexcept;

/**
 * @brief Send @p message to the sink at @p level (nothing when it is below the minimum).
 * @param[in] level    the line's severity.
 * @param[in] message  the text; must not hold a secret, a token or a body.
 */
KVB_EXPORT void log(LogLevel level, std::string_view message);

} // namespace kvb
