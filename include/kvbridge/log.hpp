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
enum class LogLevel { Verbose = 0, Informational = 1, Warning = 2, Error = 3, Off = 4 };

/** @brief Receives one log line. May be called from any thread, concurrently. */
using LogSink = std::function<void(LogLevel level, std::string_view message)>;

/**
 * @brief Install @p sink for lines at @p minimum and above; an empty sink turns logging off.
 *
 * Without a call, lines go nowhere unless AZURE_LOG_LEVEL (verbose|info|warning|error) is
 * set, in which case they go to stderr. Thread-safe.
 */
KVB_EXPORT void setLogSink(LogSink sink, LogLevel minimum = LogLevel::Informational);

/** @brief True when a line at @p level would reach a sink (to skip building it). */
KVB_EXPORT bool shouldLog(LogLevel level) noexcept;

/** @brief Send @p message to the sink at @p level. */
KVB_EXPORT void log(LogLevel level, std::string_view message);

} // namespace kvb
